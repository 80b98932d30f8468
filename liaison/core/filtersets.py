"""Base filterset: every list has the bilingual `q` search."""

import django_filters
from django.utils.translation import gettext_lazy as _

from . import search
from .choices import JurisdictionKind
from .models import Jurisdiction, Region, Tag


class SearchFilterSet(django_filters.FilterSet):
    """A filterset whose `q` searches the record's bilingual index (Traditional = Simplified)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")

    def filter_q(self, queryset, name, value):
        return search.search(queryset, value) if value.strip() else queryset


class JurisdictionFilterSet(SearchFilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.filter(parent__isnull=True), method="filter_region"
    )
    sub_region = django_filters.ModelChoiceFilter(
        label=_("Sub-region"), queryset=Region.objects.filter(parent__isnull=False)
    )
    # Declared, not generated: a generated label is fixed in the language of whoever first reads it (the schema).
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=JurisdictionKind.choices)
    tag = django_filters.ModelMultipleChoiceFilter(
        label=_("Tag"), field_name="tags__slug", to_field_name="slug", queryset=Tag.objects.all()
    )

    class Meta:
        model = Jurisdiction
        fields = ["q", "region", "sub_region", "kind", "tag"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(region=value) if value else queryset
