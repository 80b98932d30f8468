"""The events API under /api/events/: events (with their figures), sessions, registrations, bilateral meetings."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from liaison.core.api import LiaisonSerializer, LiaisonViewSet

from . import services, statistics
from .choices import RegistrationStatus
from .filtersets import EventFilterSet, MeetingRequestFilterSet, RegistrationFilterSet, SessionFilterSet
from .models import Event, MeetingRequest, Registration, Session


class EventSerializer(LiaisonSerializer):
    class Meta:
        model = Event
        fields = ["id", "web_url", "version", "kind", "series", "edition", "our_role", "title_en", "title_zh_hant",
                  "theme_en", "theme_zh_hant", "description_en", "description_zh_hant", "organisers", "partners",
                  "start_date", "end_date", "approximate", "time_zone", "venue_en", "venue_zh_hant", "city_en",
                  "city_zh_hant", "jurisdiction", "languages", "capacity", "agreements", "network_meetings",
                  "retention_date", "purged_on", "notes", "created", "updated"]
        read_only_fields = ["purged_on", "created", "updated"]


class SessionSerializer(LiaisonSerializer):
    class Meta:
        model = Session
        fields = ["id", "web_url", "version", "event", "title_en", "title_zh_hant", "start", "end", "room_en",
                  "room_zh_hant", "speakers", "moderators"]


class RegistrationSerializer(LiaisonSerializer):
    status = serializers.CharField(read_only=True, help_text="Changes only through the move action.")

    class Meta:
        model = Registration
        fields = ["id", "web_url", "version", "event", "name_en", "name_zh_hant", "organisation",
                  "proposed_organisation", "jurisdiction", "position_en", "position_zh_hant", "role", "status",
                  "email", "language", "diet", "access_needs", "visa_letter", "contact", "is_synthetic", "purged",
                  "created", "updated"]
        read_only_fields = ["purged", "created", "updated"]


class MoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RegistrationStatus.choices)


class MeetingRequestSerializer(LiaisonSerializer):
    class Meta:
        model = MeetingRequest
        fields = ["id", "web_url", "version", "event", "requester", "counterpart", "hosts", "topic_en",
                  "topic_zh_hant", "priority", "mutual", "people", "status", "slot", "room", "locked",
                  "unplaced_reason"]
        read_only_fields = ["slot", "room", "locked", "unplaced_reason"]


class EventViewSet(LiaisonViewSet):
    queryset = Event.objects.all()
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    create_service = services.create_event
    update_service = services.update_event
    delete_service = services.delete_event

    @extend_schema(responses=serializers.DictField())
    @action(detail=True, methods=["get"])
    def statistics(self, request, pk=None):
        """The event's figures: participants by role and status, distinct organisations, jurisdictions, regions."""
        event = self.get_object()
        figures = statistics.event_figures(request.user, event)
        return Response({"event": event.pk, **figures.__dict__, "record": statistics.is_record(request.user, event)})


class SessionViewSet(LiaisonViewSet):
    queryset = Session.objects.all()
    serializer_class = SessionSerializer
    filterset_class = SessionFilterSet
    create_service = services.create_session
    update_service = services.update_session
    delete_service = services.delete_session


class RegistrationViewSet(LiaisonViewSet):
    queryset = Registration.objects.all()
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilterSet
    create_service = services.create_registration
    update_service = services.update_registration
    delete_service = services.delete_registration

    @extend_schema(request=MoveSerializer, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Moves the registration along its lifecycle (If-Match: its ETag); a freed place goes to the waitlist."""
        registration = self.get_object()
        move = MoveSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        result = services.move_registration(request.user, registration, move.validated_data["status"],
                                            expected_version=self.expected_version)
        return self.record_response(result)


class MeetingRequestViewSet(LiaisonViewSet):
    queryset = MeetingRequest.objects.all()
    serializer_class = MeetingRequestSerializer
    filterset_class = MeetingRequestFilterSet
    create_service = services.create_meeting_request
    update_service = services.update_meeting_request
    delete_service = services.delete_meeting_request


router = DefaultRouter()
router.register("events", EventViewSet)
router.register("sessions", SessionViewSet)
router.register("registrations", RegistrationViewSet)
router.register("meetings", MeetingRequestViewSet)
