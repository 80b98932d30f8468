"""The API's shared parts: permissions, search, viewsets that write through services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from .access import restrict
from .filtersets import JurisdictionFilterSet
from .models import Jurisdiction, Region, Tag
from .services import ConcurrentEditError
from .validators import plain_text


def exception_handler(exc, context):
    """Django's validation errors (raised by services) answer 400, a stale version 409."""
    if isinstance(exc, ConcurrentEditError):
        return Response({"detail": exc.messages[0]}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    if isinstance(exc, ProtectedError):
        exc = exceptions.ValidationError({"non_field_errors": [_("This record is still linked to other records.")]})
    return drf_exception_handler(exc, context)


def _strings(value):
    """Every string in a value sent to the API (lists and objects included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


class LiaisonSerializer(serializers.ModelSerializer):
    """Exposes `version`: send it back on update and a concurrent edit is refused (409).

    Text no field may hold (control characters) is refused field by field before any field reads it: a lookup
    by such a value (a tag's slug with NUL) would otherwise fail in the database instead of answering 400.
    """

    version = serializers.IntegerField(required=False)
    web_url = serializers.SerializerMethodField(help_text="The record's page in the web application.")

    def to_internal_value(self, data):
        values = data.lists() if hasattr(data, "lists") else data.items() if hasattr(data, "items") else ()
        errors = {}
        for name, value in values:
            try:
                for text in _strings(value):
                    plain_text(text, multiline=True)
            except DjangoValidationError as error:
                errors[name] = error.messages
        if errors:
            raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def get_web_url(self, obj) -> str:
        return obj.get_absolute_url()


# A record's id in an API path: anything else (e.g. "null,null") is no route at all, so a custom action that
# looks the record up itself never sees it.
RECORD_ID = r"[0-9]+"


class LiaisonViewSet(viewsets.ModelViewSet):
    """A viewset over the access chokepoint whose writes call the app's services."""

    create_service = update_service = delete_service = None
    lookup_value_regex = RECORD_ID

    def get_queryset(self):
        return restrict(self.queryset.all(), self.request.user)

    def _changes(self, serializer) -> dict:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        return data

    def perform_create(self, serializer):
        serializer.instance = type(self).create_service(self.request.user, self._changes(serializer))

    def perform_update(self, serializer):
        serializer.instance = type(self).update_service(
            self.request.user, serializer.instance, self._changes(serializer),
            expected_version=serializer.validated_data.get("version"),
        )

    def perform_destroy(self, instance):
        type(self).delete_service(self.request.user, instance)


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Reference data: read through the chokepoint."""

    lookup_value_regex = RECORD_ID

    def get_queryset(self):
        return restrict(self.queryset.all(), self.request.user)


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "slug", "name_en", "name_zh_hant"]


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name_en", "name_zh_hant", "parent"]


class JurisdictionSerializer(serializers.ModelSerializer):
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Jurisdiction
        fields = ["id", "code", "alpha3", "numeric", "name_en", "name_zh_hant", "kind", "region", "sub_region",
                  "tags"]


class JurisdictionViewSet(ReadOnlyViewSet):
    queryset = Jurisdiction.objects.select_related("region", "sub_region").prefetch_related("tags")
    serializer_class = JurisdictionSerializer
    filterset_class = JurisdictionFilterSet


class RegionViewSet(ReadOnlyViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_fields = ["code", "parent"]


class TagViewSet(ReadOnlyViewSet):
    queryset = Tag.objects.all()
    serializer_class = TagSerializer
    filterset_fields = ["slug"]


router = DefaultRouter()
router.register("jurisdictions", JurisdictionViewSet)
router.register("regions", RegionViewSet)
router.register("tags", TagViewSet)
