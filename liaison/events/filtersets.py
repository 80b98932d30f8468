"""Filters of the events lists (the pages and the API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from liaison.core.filtersets import SearchFilterSet
from liaison.core.models import Jurisdiction
from liaison.partners.models import Organisation

from .choices import EventKind, MeetingStatus, OurRole, ParticipantRole, RegistrationStatus
from .models import Event, MeetingRequest, Registration, Session


class EventFilterSet(SearchFilterSet):
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    our_role = django_filters.MultipleChoiceFilter(label=_("Our role"), choices=OurRole.choices)
    year = django_filters.NumberFilter(label=_("Year"), field_name="start_date", lookup_expr="year")
    jurisdiction = django_filters.ModelChoiceFilter(label=_("Jurisdiction"), queryset=Jurisdiction.objects.all(),
                                                    to_field_name="code")
    organiser = django_filters.ModelChoiceFilter(label=_("Organiser"), queryset=Organisation.objects.all(),
                                                 field_name="organisers", distinct=True)

    class Meta:
        model = Event
        fields = ["q", "kind", "our_role", "year", "series", "jurisdiction", "organiser"]


class SessionFilterSet(SearchFilterSet):
    class Meta:
        model = Session
        fields = ["q", "event"]


class RegistrationFilterSet(SearchFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=RegistrationStatus.choices)
    role = django_filters.MultipleChoiceFilter(label=_("Role"), choices=ParticipantRole.choices)

    class Meta:
        model = Registration
        fields = ["q", "event", "status", "role", "organisation", "is_synthetic"]


class MeetingRequestFilterSet(SearchFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=MeetingStatus.choices)

    class Meta:
        model = MeetingRequest
        fields = ["q", "event", "status", "requester"]
