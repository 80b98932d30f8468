"""Base filterset: every list has the bilingual `q` search."""

import django_filters
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import search
from .models import Jurisdiction, Region, Tag


class SearchFilterSet(django_filters.FilterSet):
    """A filterset whose `q` searches the record's bilingual index (Traditional = Simplified)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")

    @classmethod
    def filter_for_field(cls, field, field_name, lookup_expr=None):
        """A filter django-filter makes for a model field, labelled in the reader's language.

        django-filter works its own label out once, in the language active then, and keeps that text on the
        class: after the API schema was built in English, a Chinese page would show English labels.
        """
        made = super().filter_for_field(field, field_name, lookup_expr)
        if made.lookup_expr == "exact":
            made.label = capfirst(field.verbose_name)
        return made

    def filter_q(self, queryset, name, value):
        return search.search(queryset, value) if value.strip() else queryset


class JurisdictionFilterSet(SearchFilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.filter(parent__isnull=True), method="filter_region"
    )
    sub_region = django_filters.ModelChoiceFilter(
        label=_("Sub-region"), queryset=Region.objects.filter(parent__isnull=False)
    )
    tag = django_filters.ModelMultipleChoiceFilter(
        label=_("Tag"), field_name="tags__slug", to_field_name="slug", queryset=Tag.objects.all()
    )

    class Meta:
        model = Jurisdiction
        fields = ["q", "region", "sub_region", "kind", "tag"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(region=value) if value else queryset
