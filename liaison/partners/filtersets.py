"""Filters of the partner lists."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import SearchFilterSet
from liaison.core.models import Jurisdiction, Region, Tag

from .choices import OrganisationKind
from .models import Contact, Organisation, Position


class OrganisationFilterSet(SearchFilterSet):
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    jurisdiction = django_filters.ModelMultipleChoiceFilter(
        label=_("Jurisdiction"), queryset=Jurisdiction.objects.all(), field_name="jurisdiction"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.all(), method="filter_region"
    )
    tag = django_filters.ModelMultipleChoiceFilter(
        label=_("Tag"), to_field_name="slug", queryset=Tag.objects.all(), conjoined=True, method="filter_tag",
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "jurisdiction", "region", "tag", "is_active"]

    # Filters through another table test each organisation (EXISTS) rather than join: the list then keeps reading
    # the organisations in name order from its index instead of sorting those a join found.
    def filter_region(self, queryset, name, region):
        """A region or a sub-region."""
        if not region:
            return queryset
        in_region = Jurisdiction.objects.filter(Q(region=region) | Q(sub_region=region), pk=OuterRef("jurisdiction"))
        return queryset.filter(Exists(in_region))

    def filter_tag(self, queryset, name, tags):
        """Every tag given."""
        for tag in tags:
            queryset = queryset.filter(Exists(Organisation.tags.through.objects.filter(
                organisation=OuterRef("pk"), tag=tag)))
        return queryset


class ContactFilterSet(SearchFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), method="filter_organisation",
    )

    class Meta:
        model = Contact
        fields = ["q", "organisation"]

    def filter_organisation(self, queryset, name, organisation):
        """People with a position (past or present) there, tested per person (EXISTS) to keep the name order."""
        if not organisation:
            return queryset
        return queryset.filter(Exists(Position.objects.filter(contact=OuterRef("pk"), organisation=organisation)))
