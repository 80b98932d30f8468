"""The operational-liaison API under /api/cooperation/: the pages' rules (need-to-know, second factor for members,
access log) for requests, their correspondence and attachments."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.routers import DefaultRouter

from liaison.core.api import LiaisonSerializer, LiaisonViewSet, RestrictedRelatedField

from . import audit, second_factor, services
from .choices import AccessKind, RequestStatus
from .filtersets import AssistanceRequestFilterSet
from .models import AssistanceRequest, Attachment, Correspondence
from .views import record_name


class SecondFactorMissing(exceptions.PermissionDenied):
    default_detail = _("Members of a compartment use this area with a second factor: pass it on the "
                       "“Second factor” page (signed in), or enrol an authenticator app before using a token.")


class AccessNotLogged(exceptions.APIException):
    status_code = 503
    default_detail = _("This access could not be logged, so it was refused.")


class AreaApiMixin:
    """A member of a compartment needs the second factor: passed in this session, or (with a token) enrolled."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        user = request.user
        if second_factor.needs_second_factor(user):
            session = getattr(request._request, "session", None)
            by_session = session is not None and request.auth is None
            if by_session and not (hasattr(request._request.user, "is_verified")
                                   and second_factor.passed(request._request)):
                raise SecondFactorMissing()
            if not by_session and second_factor.device_of(user) is None:
                raise SecondFactorMissing()

    def log(self, kind: str, request_ids, what: str) -> None:
        try:
            audit.log_access(self.request, kind, request_ids, what)
        except audit.AccessNotLogged as error:
            raise AccessNotLogged() from error


class AssistanceRequestSerializer(LiaisonSerializer):
    status = serializers.CharField(read_only=True, help_text="Changes only through the move action.")

    class Meta:
        model = AssistanceRequest
        fields = ["id", "web_url", "version", "compartment", "direction", "counterpart", "jurisdiction", "channel",
                  "request_type", "legal_basis", "our_reference", "subject_en", "subject_zh_hant", "summary_en",
                  "summary_zh_hant", "priority", "status", "status_reason", "marking", "effective_marking",
                  "sent_or_received_on", "acknowledged_on", "due_on", "executed_on", "linked", "created", "updated"]
        read_only_fields = ["status_reason", "effective_marking", "created", "updated"]


class MoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    on = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AssistanceRequestViewSet(AreaApiMixin, LiaisonViewSet):
    queryset = AssistanceRequest.objects.select_related("compartment")
    serializer_class = AssistanceRequestSerializer
    filterset_class = AssistanceRequestFilterSet
    create_service = services.create_request
    update_service = services.update_request
    delete_service = services.delete_request

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        ids = [row["id"] for row in response.data.get("results", [])]
        if ids:
            self.log(AccessKind.EXPORT, ids, str(_("{count} assistance requests").format(count=len(ids))))
        return response

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        self.log(AccessKind.VIEW, [record.pk], record_name(record))
        return self.serialized(record)

    @extend_schema(request=MoveSerializer, responses=AssistanceRequestSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Moves the request along the workflow (If-Match: its ETag)."""
        record = self.get_object()
        move = MoveSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        data = move.validated_data
        result = services.move(request.user, record, data["status"], on=data.get("on"), reason=data["reason"],
                               expected_version=self.expected_version)
        return self.record_response(result)


class CorrespondenceSerializer(LiaisonSerializer):
    request = RestrictedRelatedField(queryset=AssistanceRequest.objects.all())

    class Meta:
        model = Correspondence
        fields = ["id", "web_url", "version", "request", "date", "direction", "summary", "marking", "created"]
        read_only_fields = ["created"]


class CorrespondenceViewSet(AreaApiMixin, LiaisonViewSet):
    queryset = Correspondence.objects.select_related("request")
    serializer_class = CorrespondenceSerializer
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        data = self._changes(serializer)
        serializer.instance = services.add_correspondence(self.request.user, data.pop("request"), data)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        self.log(AccessKind.VIEW, [record.request_id], record_name(record))
        return self.serialized(record)


class AttachmentSerializer(LiaisonSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "web_url", "version", "request", "original_name", "content_type", "size", "description",
                  "marking", "uploaded_by", "created"]
        read_only_fields = fields


class AttachmentViewSet(AreaApiMixin, LiaisonViewSet):
    """Attachments are listed here; they are uploaded and downloaded on the request's page (logged there)."""

    queryset = Attachment.objects.select_related("request")
    serializer_class = AttachmentSerializer
    http_method_names = ["get", "head", "options"]


router = DefaultRouter()
router.register("requests", AssistanceRequestViewSet)
router.register("correspondence", CorrespondenceViewSet)
router.register("attachments", AttachmentViewSet)
