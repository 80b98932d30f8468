"""Filters of the assistance requests (the page and the API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import LiaisonFilterSet, SearchFilterSet

from .choices import AccessKind, Channel, Direction, Marking, RequestStatus, RequestType
from .models import AccessEntry, AssistanceRequest, Compartment


class AssistanceRequestFilterSet(SearchFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Direction.choices)
    channel = django_filters.MultipleChoiceFilter(label=_("Channel"), choices=Channel.choices)
    request_type = django_filters.MultipleChoiceFilter(label=_("Type"), choices=RequestType.choices)
    effective_marking = django_filters.MultipleChoiceFilter(label=_("Marking"), choices=Marking.choices)
    compartment = django_filters.ModelChoiceFilter(label=_("Compartment"), queryset=Compartment.objects.all())
    year = django_filters.NumberFilter(label=_("Year sent or received"), field_name="sent_or_received_on",
                                       lookup_expr="year")

    class Meta:
        model = AssistanceRequest
        fields = ["q", "status", "direction", "channel", "request_type", "effective_marking", "compartment", "year"]


class CompartmentFilterSet(SearchFilterSet):
    class Meta:
        model = Compartment
        fields = ["q"]


class AccessEntryFilterSet(LiaisonFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Access"), choices=AccessKind.choices)
    user_name = django_filters.CharFilter(label=_("User name"), lookup_expr="iexact")
    since = django_filters.DateFilter(label=_("From"), field_name="time", lookup_expr="date__gte")
    until = django_filters.DateFilter(label=_("To"), field_name="time", lookup_expr="date__lte")
    class Meta:
        model = AccessEntry
        fields = ["kind", "user_name", "since", "until"]
