"""The networks API under /api/networks/: networks, memberships (periods nested, read-only), bodies, terms."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from liaison.core.access import restricted_prefetch
from liaison.core.api import LiaisonSerializer, LiaisonViewSet, RestrictedModelSerializer, RestrictedRelatedField
from liaison.partners.models import Contact, Organisation

from . import services, stats
from .choices import MembershipStatus as Status
from .filtersets import BodyFilterSet, MembershipFilterSet, NetworkFilterSet, TermFilterSet
from .models import Body, BodyMeeting, Membership, MembershipCategory, MembershipPeriod, Network, Term
from .views import parse_day


class NetworkSerializer(LiaisonSerializer):
    organisation = RestrictedRelatedField(queryset=Organisation.objects.all())
    founder = RestrictedRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    secretariat = RestrictedRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    name_en = serializers.CharField(source="organisation.name_en", read_only=True)
    name_zh_hant = serializers.CharField(source="organisation.name_zh_hant", read_only=True)
    acronym_en = serializers.CharField(source="organisation.acronym_en", read_only=True)

    class Meta:
        model = Network
        fields = ["id", "web_url", "version", "organisation", "name_en", "name_zh_hant", "acronym_en", "purpose_en",
                  "purpose_zh_hant", "founded_year", "founder", "secretariat", "secretariat_since", "has_categories",
                  "notes", "created", "updated"]
        read_only_fields = ["created", "updated"]


class PeriodSerializer(RestrictedModelSerializer):
    class Meta:
        model = MembershipPeriod
        fields = ["id", "status", "start_date", "end_date", "reason"]
        read_only_fields = fields


class MembershipSerializer(LiaisonSerializer):
    network = RestrictedRelatedField(queryset=Network.objects.all())
    organisation = RestrictedRelatedField(queryset=Organisation.objects.all())
    category = RestrictedRelatedField(queryset=MembershipCategory.objects.all(), required=False, allow_null=True)
    representative = RestrictedRelatedField(queryset=Contact.objects.all(), required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=services.allowed_moves(None), write_only=True, required=False,
        help_text="The first status (on create only): applicant (default), member or observer.",
    )
    start_date = serializers.DateField(write_only=True, required=False,
                                       help_text="The day the first status began (required on create).")
    reason = serializers.CharField(write_only=True, required=False, allow_blank=True)
    current_status = serializers.SerializerMethodField()
    periods = PeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "web_url", "version", "network", "organisation", "category", "representative", "capacity_en",
                  "capacity_zh_hant", "notes", "status", "start_date", "reason", "current_status", "periods",
                  "created", "updated"]
        read_only_fields = ["created", "updated"]

    def get_current_status(self, membership) -> str | None:
        return membership.status


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    start_date = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class BodySerializer(LiaisonSerializer):
    network = RestrictedRelatedField(queryset=Network.objects.all())

    class Meta:
        model = Body
        fields = ["id", "web_url", "version", "network", "kind", "name_en", "name_zh_hant", "order"]


class TermSerializer(LiaisonSerializer):
    body = RestrictedRelatedField(queryset=Body.objects.all())
    holder = RestrictedRelatedField(queryset=Organisation.objects.all())
    holder_contact = RestrictedRelatedField(queryset=Contact.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Term
        fields = ["id", "web_url", "version", "body", "holder", "holder_contact", "role_title_en",
                  "role_title_zh_hant", "start_date", "end_date", "approximate", "notes"]


class MeetingSerializer(LiaisonSerializer):
    body = RestrictedRelatedField(queryset=Body.objects.all())

    class Meta:
        model = BodyMeeting
        fields = ["id", "web_url", "version", "body", "date", "approximate", "title_en", "title_zh_hant",
                  "place_en", "place_zh_hant", "notes"]


class NetworkViewSet(LiaisonViewSet):
    queryset = Network.objects.select_related("organisation")
    serializer_class = NetworkSerializer
    filterset_class = NetworkFilterSet
    create_service = services.create_network
    update_service = services.update_network
    delete_service = services.delete_network

    @action(detail=True, methods=["get"])
    def members(self, request, pk=None):
        """Counts on a date (`?on=YYYY-MM-DD`, today by default): members, observers, applicants…"""
        network = self.get_object()
        on, error = parse_day(request.query_params.get("on"))
        if error:
            return Response({"on": [error]}, status=400)
        day = on or timezone.localdate()
        return Response({"network": network.pk, "on": day.isoformat(),
                         "counts": stats.counts_on(network, day, user=request.user)})


class MembershipViewSet(LiaisonViewSet):
    queryset = Membership.objects.select_related("organisation")
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    create_service = services.create_membership
    update_service = services.update_membership
    delete_service = services.delete_membership

    def base_queryset(self):
        periods = MembershipPeriod.objects.order_by("start_date", "pk")
        return super().base_queryset().prefetch_related(restricted_prefetch("periods", periods, self.request.user))

    def perform_update(self, serializer):
        for name in ("status", "start_date", "reason"):
            serializer.validated_data.pop(name, None)
        super().perform_update(serializer)

    @extend_schema(request=StatusChangeSerializer, responses=MembershipSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        """Moves the membership to a new status from a date (approve, reject, suspend, reinstate, withdraw)."""
        membership = self.get_object()
        serializer = StatusChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.change_status(request.user, membership, data["status"], data["start_date"], data["reason"],
                               expected_version=self.expected_version)
        return self.record_response(membership)


class BodyViewSet(LiaisonViewSet):
    queryset = Body.objects.all()
    serializer_class = BodySerializer
    filterset_class = BodyFilterSet
    create_service = services.create_body
    update_service = services.update_body
    delete_service = services.delete_body


class TermViewSet(LiaisonViewSet):
    queryset = Term.objects.select_related("body")
    serializer_class = TermSerializer
    filterset_class = TermFilterSet
    create_service = services.create_term
    update_service = services.update_term
    delete_service = services.delete_term


class MeetingViewSet(LiaisonViewSet):
    queryset = BodyMeeting.objects.select_related("body")
    serializer_class = MeetingSerializer
    filterset_fields = ["body", "body__network"]
    create_service = services.create_meeting
    update_service = services.update_meeting
    delete_service = services.delete_meeting


router = DefaultRouter()
router.register("networks", NetworkViewSet)
router.register("memberships", MembershipViewSet)
router.register("bodies", BodyViewSet)
router.register("terms", TermViewSet)
router.register("meetings", MeetingViewSet)
