"""Filters of the partner lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import SearchFilterSet
from liaison.core.models import Jurisdiction, Region, Tag

from .choices import OrganisationKind
from .models import Contact, Organisation


class OrganisationFilterSet(SearchFilterSet):
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    jurisdiction = django_filters.ModelMultipleChoiceFilter(
        label=_("Jurisdiction"), queryset=Jurisdiction.objects.all(), field_name="jurisdiction"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.all(), method="filter_region"
    )
    tag = django_filters.ModelMultipleChoiceFilter(
        label=_("Tag"), field_name="tags__slug", to_field_name="slug", queryset=Tag.objects.all(),
        conjoined=True,
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "jurisdiction", "region", "tag", "is_active"]

    def filter_region(self, queryset, name, region):
        """A region or a sub-region."""
        if not region:
            return queryset
        return queryset.filter(jurisdiction__region=region) | queryset.filter(jurisdiction__sub_region=region)


class ContactFilterSet(SearchFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), field_name="positions__organisation",
        distinct=True,
    )

    class Meta:
        model = Contact
        fields = ["q", "organisation"]
