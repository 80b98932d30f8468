"""The agreements API under /api/agreements/: agreements (parties nested), documents, actions, calendar feeds."""

from django.contrib.auth import get_user_model
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, renderers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from liaison.core import views_calendar
from liaison.core.api import (
    ICSRenderer,
    LiaisonSerializer,
    LiaisonViewSet,
    PartViewSet,
    RestrictedModelSerializer,
    RestrictedRelatedField,
)
from liaison.partners.models import Contact, Organisation

from . import calendar, services
from .choices import AgreementStatus, CooperationArea
from .filtersets import ActionFilterSet, AgreementFilterSet, DocumentFilterSet
from .models import Agreement, AgreementDocument, AgreementParty, CalendarFeed, FollowUpAction
from .views import document_response, party_rows


class PartySerializer(RestrictedModelSerializer):
    name_en = serializers.CharField(source="organisation.name_en", read_only=True)
    name_zh_hant = serializers.CharField(source="organisation.name_zh_hant", read_only=True)
    jurisdiction = serializers.CharField(source="organisation.jurisdiction.code", read_only=True, default=None)

    class Meta:
        model = AgreementParty
        fields = ["id", "organisation", "name_en", "name_zh_hant", "jurisdiction", "signatory",
                  "signatory_title_en", "signatory_title_zh_hant"]


class AgreementSerializer(LiaisonSerializer):
    status = serializers.CharField(read_only=True, help_text="Changes only through the move action.")
    parties = PartySerializer(source="party_rows", many=True, read_only=True)
    organisations = RestrictedRelatedField(
        source="parties", queryset=Organisation.objects.all(), many=True, write_only=True, required=False,
        help_text="The parties' organisation ids (two or more).",
    )
    areas = serializers.ListField(child=serializers.ChoiceField(choices=CooperationArea.choices), required=False)
    witness_contact = RestrictedRelatedField(queryset=Contact.objects.all(), required=False, allow_null=True)
    responsible_officer = RestrictedRelatedField(queryset=get_user_model().objects.all(), required=False,
                                                 allow_null=True)

    class Meta:
        model = Agreement
        fields = ["id", "web_url", "version", "kind", "status", "title_en", "title_zh_hant", "summary_en",
                  "summary_zh_hant", "parties", "organisations", "areas", "signed_date", "signing_place_en",
                  "signing_place_zh_hant", "occasion_en", "occasion_zh_hant", "witness_en", "witness_zh_hant",
                  "witness_contact", "effective_date", "term_months", "expiry_date", "auto_renew", "notice_days",
                  "responsible_officer", "previous_version", "terminated_on", "termination_reason", "notes",
                  "created", "updated"]
        read_only_fields = ["previous_version", "terminated_on", "termination_reason", "created", "updated"]


class MoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AgreementStatus.choices)
    on = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    expiry_date = serializers.DateField(required=False, allow_null=True, help_text="For a renewal.")


class AgreementViewSet(LiaisonViewSet):
    queryset = Agreement.objects.select_related("responsible_officer")
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    create_service = services.create_agreement
    update_service = services.update_agreement
    delete_service = services.delete_agreement

    def base_queryset(self):
        return super().base_queryset().prefetch_related(party_rows(self.request.user),
                                                        "party_rows__organisation__jurisdiction")

    @extend_schema(request=MoveSerializer, responses=AgreementSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Moves the agreement along its lifecycle (If-Match: its ETag); a renewal answers the new version."""
        agreement = self.get_object()
        move = MoveSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        data = move.validated_data
        if data["status"] == AgreementStatus.RENEWED:
            renewal = {k: v for k, v in (("signed_date", data.get("on")), ("expiry_date", data.get("expiry_date")))
                       if v}
            _old, result = services.renew(request.user, agreement, renewal, expected_version=self.expected_version)
        else:
            result = services.move(request.user, agreement, data["status"], on=data.get("on"),
                                   reason=data.get("reason", ""), expected_version=self.expected_version)
        return self.record_response(result)


class BinaryRenderer(renderers.BaseRenderer):
    """A file download; an error answer (a dict) is sent as JSON text."""

    media_type = "application/octet-stream"
    format = "bin"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else renderers.JSONRenderer().render(data)


class DocumentSerializer(LiaisonSerializer):
    agreement = RestrictedRelatedField(queryset=Agreement.objects.all())
    file = serializers.FileField(write_only=True, help_text="PDF, DOCX, PNG or JPEG.")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = AgreementDocument
        fields = ["id", "web_url", "version", "agreement", "kind", "revision", "original_name", "content_type",
                  "size", "description", "uploaded_by", "created", "download_url", "file"]
        read_only_fields = ["revision", "original_name", "content_type", "size", "uploaded_by", "created"]

    def get_download_url(self, document) -> str:
        request = self.context.get("request")
        url = f"/api/agreements/documents/{document.pk}/download/"
        return request.build_absolute_uri(url) if request else url


class DocumentViewSet(LiaisonViewSet):
    """Document versions: upload (multipart), list, download after the permission check, delete."""

    queryset = AgreementDocument.objects.select_related("agreement")
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    delete_service = services.remove_document
    upload_limit_setting = "LIAISON_DOCUMENT_MAX_BYTES"  # a larger body is refused unread (RequestSizeMiddleware)
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_create(self, serializer):
        data = self._changes(serializer)
        agreement = data.pop("agreement")
        serializer.instance = services.add_document(self.request.user, agreement, data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], renderer_classes=[BinaryRenderer, renderers.JSONRenderer])
    def download(self, request, pk=None):
        return document_response(self.get_object())


class ActionSerializer(LiaisonSerializer):
    agreement = RestrictedRelatedField(queryset=Agreement.objects.all())
    owner = RestrictedRelatedField(queryset=get_user_model().objects.all(), required=False, allow_null=True)

    class Meta:
        model = FollowUpAction
        fields = ["id", "web_url", "version", "agreement", "title_en", "title_zh_hant", "owner", "due_date", "status",
                  "notes", "created", "updated"]
        read_only_fields = ["created", "updated"]


class ActionViewSet(PartViewSet):
    queryset = FollowUpAction.objects.select_related("agreement", "owner")
    serializer_class = ActionSerializer
    filterset_class = ActionFilterSet
    parent_field = "agreement"
    add_service = services.add_action
    update_service = services.update_action
    delete_service = services.remove_action


class CalendarFeedViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A calendar address made before the office calendar took over the agreements' feed: still no sign-in (the
    token is the key, a wrong one is 404), it now answers the office calendar's agreements (a bounded window)."""

    queryset = CalendarFeed.objects.none()
    lookup_field = "token"
    lookup_value_regex = r"[A-Za-z0-9_-]{20,64}"
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [ICSRenderer]

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY})
    def retrieve(self, request, token=None, format=None):
        feed = services.feed_of_secret(token)
        if feed is None:
            raise Http404
        return views_calendar.ics_response(feed.user, request, kind=calendar.agreement_kind())


router = DefaultRouter()
router.register("agreements", AgreementViewSet)
router.register("documents", DocumentViewSet)
router.register("actions", ActionViewSet)
router.register("calendar", CalendarFeedViewSet, basename="calendar-feed")
