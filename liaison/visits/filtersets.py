"""Filters of the delegations area (the pages and the API)."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import LiaisonFilterSet, SearchFilterSet
from liaison.core.models import Jurisdiction, Region
from liaison.partners.models import Organisation

from .choices import DelegationCategory, DelegationStatus, MissionCapacity, MissionPurpose, ProjectStatus
from .models import (
    Delegation,
    JointProject,
    Milestone,
    Mission,
    MissionAction,
    ProgrammeItem,
    ProjectOutput,
    ProjectPartner,
    Visitor,
)


class DelegationFilterSet(SearchFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=DelegationStatus.choices)
    category = django_filters.MultipleChoiceFilter(label=_("Category"), choices=DelegationCategory.choices)
    year = django_filters.NumberFilter(label=_("Year of the visit"), field_name="start_date", lookup_expr="year")
    jurisdiction = django_filters.ModelChoiceFilter(label=_("Jurisdiction"), queryset=Jurisdiction.objects.all(),
                                                    to_field_name="code")
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.filter(parent__isnull=True),
                                              method="filter_region")
    organisation = django_filters.ModelChoiceFilter(label=_("Visiting organisation"),
                                                    queryset=Organisation.objects.all(), field_name="organisations",
                                                    distinct=True)
    synthetic = django_filters.BooleanFilter(label=_("Synthetic"), field_name="is_synthetic")

    class Meta:
        model = Delegation
        fields = ["q", "status", "category", "year", "jurisdiction", "region", "organisation", "synthetic"]

    def filter_region(self, queryset, name, region):
        """Tested per delegation (EXISTS), so the list keeps reading the delegations in order from its index."""
        if not region:
            return queryset
        return queryset.filter(Exists(Jurisdiction.objects.filter(pk=OuterRef("jurisdiction"), region=region)))


class ProgrammeItemFilterSet(LiaisonFilterSet):
    class Meta:
        model = ProgrammeItem
        fields = ["delegation", "kind"]


class VisitorFilterSet(SearchFilterSet):
    class Meta:
        model = Visitor
        fields = ["q", "delegation"]


class MissionFilterSet(SearchFilterSet):
    purpose = django_filters.MultipleChoiceFilter(label=_("Purpose"), choices=MissionPurpose.choices)
    capacity = django_filters.MultipleChoiceFilter(label=_("Capacity"), choices=MissionCapacity.choices)
    year = django_filters.NumberFilter(label=_("Year"), field_name="start_date", lookup_expr="year")
    destination = django_filters.ModelChoiceFilter(label=_("Destination"), queryset=Jurisdiction.objects.all(),
                                                   to_field_name="code", field_name="destinations", distinct=True)

    class Meta:
        model = Mission
        fields = ["q", "purpose", "capacity", "year", "destination"]


class MissionActionFilterSet(SearchFilterSet):
    class Meta:
        model = MissionAction
        fields = ["q", "mission", "owner", "status"]


class JointProjectFilterSet(SearchFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)
    partner = django_filters.ModelChoiceFilter(label=_("Partner"), queryset=Organisation.objects.all(),
                                               field_name="partners", distinct=True)

    class Meta:
        model = JointProject
        fields = ["q", "status", "partner"]


class ProjectPartnerFilterSet(LiaisonFilterSet):
    class Meta:
        model = ProjectPartner
        fields = ["project", "organisation"]


class MilestoneFilterSet(SearchFilterSet):
    class Meta:
        model = Milestone
        fields = ["q", "project", "reached"]


class ProjectOutputFilterSet(SearchFilterSet):
    class Meta:
        model = ProjectOutput
        fields = ["q", "project", "kind"]
