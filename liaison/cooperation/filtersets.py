"""Filters of the assistance requests (the page and the API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import SearchFilterSet

from .choices import Channel, Direction, Marking, RequestStatus, RequestType
from .models import AssistanceRequest, Compartment


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
