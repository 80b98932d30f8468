"""Filters of the agreements list (the page and the API)."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from liaison.core.choices import ActionStatus
from liaison.core.filtersets import LiaisonFilterSet, SearchFilterSet
from liaison.core.models import Jurisdiction, Tag
from liaison.partners.models import Organisation

from .choices import AgreementKind, AgreementStatus
from .models import Agreement, AgreementDocument, AgreementParty, FollowUpAction


class AgreementFilterSet(SearchFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=AgreementStatus.choices)
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=AgreementKind.choices)
    year = django_filters.NumberFilter(label=_("Year signed"), field_name="signed_date", lookup_expr="year")
    party = django_filters.ModelChoiceFilter(label=_("Party"), queryset=Organisation.objects.all(),
                                             method="filter_party")
    jurisdiction = django_filters.ModelChoiceFilter(
        label=_("Jurisdiction"), queryset=Jurisdiction.objects.all(), to_field_name="code",
        method="filter_party",
    )
    tag = django_filters.ModelChoiceFilter(label=_("Tag"), queryset=Tag.objects.all(), to_field_name="slug",
                                           method="filter_tag")
    in_force = django_filters.BooleanFilter(label=_("In force"), method="filter_in_force")

    class Meta:
        model = Agreement
        fields = ["q", "status", "kind", "year", "party", "jurisdiction", "tag", "in_force"]

    def filter_party(self, queryset, name, value):
        """A party, or a party of a jurisdiction: a test per agreement (EXISTS), so the list keeps reading the
        agreements in their order from the index instead of sorting the agreements a join found."""
        if not value:
            return queryset
        condition = Q(organisation=value) if name == "party" else Q(organisation__jurisdiction=value)
        return queryset.filter(Exists(AgreementParty.objects.filter(condition, agreement=OuterRef("pk"))))

    def filter_tag(self, queryset, name, tag):
        """A tag on a party or on a party's jurisdiction (e.g. Belt and Road), tested per agreement (EXISTS)."""
        if not tag:
            return queryset
        tagged = Q(organisation__tags=tag) | Q(organisation__jurisdiction__tags=tag)
        return queryset.filter(Exists(AgreementParty.objects.filter(tagged, agreement=OuterRef("pk"))))

    def filter_in_force(self, queryset, name, value):
        from .choices import IN_FORCE

        if value is None:
            return queryset
        return queryset.filter(status__in=IN_FORCE) if value else queryset.exclude(status__in=IN_FORCE)


class DocumentFilterSet(LiaisonFilterSet):
    class Meta:
        model = AgreementDocument
        fields = ["agreement", "kind"]


class ActionFilterSet(SearchFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ActionStatus.choices)

    class Meta:
        model = FollowUpAction
        fields = ["q", "agreement", "owner", "status"]
