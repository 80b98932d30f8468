"""Filters of the network and membership lists (pages and API)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import SearchFilterSet
from liaison.core.models import Jurisdiction, Region

from .choices import MembershipStatus
from .models import Body, Membership, MembershipPeriod, Network, Term
from .stats import covering


class NetworkFilterSet(SearchFilterSet):
    class Meta:
        model = Network
        fields = ["q"]


class MembershipFilterSet(SearchFilterSet):
    """`status` is the status today, or on the date `on` when given; `on` alone: any status on that date."""

    network = django_filters.ModelChoiceFilter(
        label=_("Network"), queryset=Network.objects.select_related("organisation"), field_name="network"
    )
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=MembershipStatus.choices,
                                                 method="filter_later")
    on = django_filters.DateFilter(label=_("On date (YYYY-MM-DD)"), method="filter_later")
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all(),
                                              method="filter_region")
    jurisdiction = django_filters.ModelChoiceFilter(label=_("Jurisdiction"), queryset=Jurisdiction.objects.all(),
                                                    field_name="organisation__jurisdiction")
    organisation = django_filters.NumberFilter(label=_("Organisation"), field_name="organisation",
                                               widget=forms.HiddenInput)

    class Meta:
        model = Membership
        fields = ["q", "network", "status", "on", "region", "jurisdiction", "organisation"]

    def filter_later(self, queryset, name, value):
        return queryset  # status and date filter together, in filter_queryset

    def filter_region(self, queryset, name, region):
        """A region or a sub-region."""
        if not region:
            return queryset
        return queryset.filter(Q(organisation__jurisdiction__region=region)
                               | Q(organisation__jurisdiction__sub_region=region))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = getattr(self.form, "cleaned_data", {})
        statuses, day = data.get("status"), data.get("on")
        if not statuses and not day:
            return queryset
        periods = MembershipPeriod.objects.filter(covering(day or timezone.localdate()), membership=OuterRef("pk"))
        if statuses:
            periods = periods.filter(status__in=statuses)
        return queryset.filter(Exists(periods))


class BodyFilterSet(SearchFilterSet):
    class Meta:
        model = Body
        fields = ["q", "network", "kind"]


class TermFilterSet(SearchFilterSet):
    network = django_filters.ModelChoiceFilter(label=_("Network"), queryset=Network.objects.all(),
                                               field_name="body__network")
    year = django_filters.NumberFilter(label=_("Held during the year"), method="filter_year", min_value=1,
                                       max_value=9999)

    class Meta:
        model = Term
        fields = ["q", "network", "body", "holder", "year"]

    def filter_year(self, queryset, name, year):
        return held_in(queryset, int(year))


def held_in(terms, year: int):
    """Terms that began by the end of the year and had not ended before it began (open-ended ones included)."""
    return terms.filter(Q(end_date__isnull=True) | Q(end_date__year__gte=year), start_date__year__lte=year)
