"""The API's shared parts: the access rule by action, versions (ETag / If-Match), related fields restricted to
what the user may see, and viewsets that write through services."""

import re

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Prefetch, ProtectedError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, renderers, serializers, status, viewsets
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from . import views_calendar
from .access import (
    RestrictedPrefetch,
    choices_for,
    get_for,
    refuse_unrestricted_prefetches,
    restrict,
    restricted_prefetch,
    unseen_links,
)
from .filtersets import JurisdictionFilterSet
from .models import CalendarFeed, Jurisdiction, Region, Tag
from .services import ConcurrentEditError
from .validators import plain_text

_ENTITY_TAG = re.compile(r'(W/)?"([0-9]{1,19})"')


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _("Send the ETag of the version you read as If-Match (e.g. If-Match: \"3\"): a change "
                       "without it could overwrite someone else's.")
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("Someone else changed this record after you read it. Nothing was saved: read it again, "
                       "then make your change with its new ETag.")
    default_code = "precondition_failed"


def exception_handler(exc, context):
    """Django's validation errors (raised by services) answer 400, a version changed since it was read 412."""
    if isinstance(exc, ConcurrentEditError):
        exc = PreconditionFailed()
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    if isinstance(exc, ProtectedError):
        exc = exceptions.ValidationError({"non_field_errors": [_("This record is still linked to other records.")]})
    return drf_exception_handler(exc, context)


def etag(record) -> str:
    """The entity tag of a record's version, as an ETag header carries it."""
    return f'"{record.version}"'


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



def if_match_version(request, record) -> int:
    """The record's version if the request's If-Match names it; 428 without a usable If-Match, 412 when stale.

    Weak tags (W/"3") never match, as HTTP requires for If-Match; "*" is refused: a write names what it read.
    """
    tags = [_ENTITY_TAG.fullmatch(tag.strip()) for tag in request.headers.get("If-Match", "").split(",")]
    if not all(tags):
        raise PreconditionRequired()
    if not any(tag[1] is None and int(tag[2]) == record.version for tag in tags):
        raise PreconditionFailed()
    return record.version


class RestrictedRelatedMixin:
    """A link to another record, chosen among those the requesting user may see; without a request, none."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        return queryset.none() if request is None else choices_for(queryset, request.user)


class RestrictedRelatedField(RestrictedRelatedMixin, serializers.PrimaryKeyRelatedField):
    """A link by primary key to a record the user may see."""


class RestrictedSlugRelatedField(RestrictedRelatedMixin, serializers.SlugRelatedField):
    """A link by a unique text (a tag's slug, a jurisdiction's code) to a record the user may see."""


RESTRICTED = {serializers.PrimaryKeyRelatedField: RestrictedRelatedField,
              serializers.SlugRelatedField: RestrictedSlugRelatedField}


class RestrictedModelSerializer(serializers.ModelSerializer):
    """A serializer whose writable links accept only records the requesting user may see.

    Links declared as `PrimaryKeyRelatedField` or `SlugRelatedField`, and those generated from the model, become
    restricted on their own; another kind of writable link is refused (it would not be restricted).
    """

    serializer_related_field = RestrictedRelatedField

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            relation = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
            if not isinstance(relation, serializers.RelatedField) or relation.read_only:
                continue
            if type(relation) in RESTRICTED:
                relation.__class__ = RESTRICTED[type(relation)]
            elif not isinstance(relation, RestrictedRelatedMixin):
                raise ImproperlyConfigured(
                    f"{type(self).__name__}.{name}: a writable link must be a core.api.RestrictedRelatedField.")
        return fields


class LiaisonSerializer(RestrictedModelSerializer):
    """A record with its `version` (read-only: a write names the version it read in If-Match)."""

    version = serializers.IntegerField(read_only=True, help_text="The record's version; its ETag is \"<version>\".")
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


def linked_lists(queryset, serializer_class, user):
    """Prefetches every many-to-many link the serializer shows that the queryset does not prefetch yet, holding
    only the records the user may see: one query per list rather than one per record, and never the id of a
    record hidden from the user."""
    fields = getattr(getattr(serializer_class, "Meta", None), "fields", ())
    seen = {lookup.prefetch_to if isinstance(lookup, Prefetch) else lookup
            for lookup in queryset._prefetch_related_lookups}
    lists = [field for field in queryset.model._meta.get_fields()
             if isinstance(field, models.ManyToManyField) and field.name not in seen
             and (fields == serializers.ALL_FIELDS or field.name in fields)]
    return queryset.prefetch_related(*(RestrictedPrefetch(
        field.name, queryset=choices_for(getattr(field.related_model, "objects", field.related_model._default_manager)
                                         .all(), user)) for field in lists))


class RecordAccessMixin:
    """The access rule of the pages, for API routes: restricted by the action the request makes.

    A list or a create needs the model permission (403 without it). A route on one record answers 404 when the
    user may not see the record and 403 when they may see it but not do the action; a change (PUT, PATCH, or a
    custom action such as `move/`) must name the version it read in If-Match (428 without, 412 when stale).
    """

    def access_action(self) -> str:
        method = self.request.method
        if method in SAFE_METHODS:
            return "view"
        if method == "DELETE":
            return "delete"
        return "change" if self.detail else "add"

    def base_queryset(self):
        """The viewset's records before restriction; override to add `restricted_prefetch`es for the user."""
        return self.queryset.all()

    def records(self):
        """`base_queryset` with every list of links the serializer shows read as the user may see it."""
        return refuse_unrestricted_prefetches(linked_lists(self.base_queryset(), self.get_serializer_class(),
                                                           self.request.user))

    def get_queryset(self):
        return restrict(self.records(), self.request.user, self.access_action())

    def get_object(self):
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        queryset = self.records()
        action = self.access_action()
        record = get_for(queryset, self.request.user, action, **{self.lookup_field: self.kwargs[lookup_url_kwarg]})
        self.check_object_permissions(self.request, record)
        versioned = hasattr(record, "version")
        if versioned and (action == "change" or action == "delete" and "If-Match" in self.request.headers):
            self.expected_version = if_match_version(self.request, record)
        return record

    def record_response(self, record, status_code=status.HTTP_200_OK) -> Response:
        """A record after a write, read again as the user may see it, with its ETag."""
        queryset = restrict(self.records(), self.request.user)
        record = queryset.filter(pk=record.pk).first()
        if record is None:  # done, but not a record this user may see (need-to-know)
            return Response(status=status_code)
        return self.serialized(record, status_code)

    def serialized(self, record, status_code=status.HTTP_200_OK) -> Response:
        serializer = self.get_serializer_class()(record, context=self.get_serializer_context())
        headers = {"ETag": etag(record)} if hasattr(record, "version") else {}
        return Response(serializer.data, status=status_code, headers=headers)

    def retrieve(self, request, *args, **kwargs):
        return self.serialized(self.get_object())


# A record's id in an API path: anything else (e.g. "null,null") is no route at all, so a custom action that
# looks the record up itself never sees it.
RECORD_ID = r"[0-9]+"


class LiaisonViewSet(RecordAccessMixin, viewsets.ModelViewSet):
    """A viewset over the access chokepoint whose writes call the app's services."""

    create_service = update_service = delete_service = None
    lookup_value_regex = RECORD_ID
    expected_version = None

    def _changes(self, serializer) -> dict:
        """The validated changes; a list of links keeps those the user may not see (they cannot remove them)."""
        data, instance = dict(serializer.validated_data), serializer.instance
        for field in serializer.fields.values():
            if instance is not None and isinstance(field, serializers.ManyRelatedField) and field.source in data:
                offered = field.child_relation.get_queryset()
                data[field.source] = [*data[field.source], *unseen_links(instance, field.source, offered)]
        return data

    def perform_create(self, serializer):
        serializer.instance = type(self).create_service(self.request.user, self._changes(serializer))

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return self.record_response(serializer.instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self.record_response(serializer.instance)

    def perform_update(self, serializer):
        serializer.instance = type(self).update_service(
            self.request.user, serializer.instance, self._changes(serializer), expected_version=self.expected_version,
        )

    def perform_destroy(self, instance):
        type(self).delete_service(self.request.user, instance)


class PartViewSet(LiaisonViewSet):
    """The parts of a record (an agreement's follow-up actions, a joint project's milestones): a new one names its
    record in `parent_field` and is made by `add_service(acting_user, record, data)`."""

    parent_field = ""
    add_service = None

    def perform_create(self, serializer):
        data = self._changes(serializer)
        parent = data.pop(self.parent_field)
        serializer.instance = type(self).add_service(self.request.user, parent, data)


class ReadOnlyViewSet(RecordAccessMixin, viewsets.ReadOnlyModelViewSet):
    """Reference data: read through the chokepoint."""

    lookup_value_regex = RECORD_ID

class TagSerializer(RestrictedModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "slug", "name_en", "name_zh_hant", "is_complete", "source_en", "source_zh_hant", "as_of"]


class RegionSerializer(RestrictedModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name_en", "name_zh_hant", "parent"]


class JurisdictionSerializer(RestrictedModelSerializer):
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Jurisdiction
        fields = ["id", "code", "alpha3", "numeric", "name_en", "name_zh_hant", "aliases", "kind", "region",
                  "sub_region", "tags"]


class JurisdictionViewSet(ReadOnlyViewSet):
    queryset = Jurisdiction.objects.select_related("region", "sub_region")
    serializer_class = JurisdictionSerializer
    filterset_class = JurisdictionFilterSet

    def base_queryset(self):
        return super().base_queryset().prefetch_related(
            restricted_prefetch("tags", Tag.objects.all(), self.request.user))


class RegionViewSet(ReadOnlyViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_fields = ["code", "parent"]


class TagViewSet(ReadOnlyViewSet):
    queryset = Tag.objects.all()
    serializer_class = TagSerializer
    filterset_fields = ["slug"]


class ICSRenderer(renderers.BaseRenderer):
    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class CalendarFeedViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The office calendar (ICS) of one user at a secret address: no sign-in, the token is the key; a wrong token
    is 404. It shows what that user may see, as their pages do."""

    queryset = CalendarFeed.objects.none()
    lookup_field = "token"
    lookup_value_regex = r"[A-Za-z0-9_-]{20,64}"
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [ICSRenderer]

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY})
    def retrieve(self, request, token=None, format=None):
        feed = views_calendar.feed_of_secret(token)
        if feed is None:
            raise Http404
        return views_calendar.ics_response(feed.user, request)


router = DefaultRouter()
router.register("calendar", CalendarFeedViewSet, basename="calendar-feed")
router.register("jurisdictions", JurisdictionViewSet)
router.register("regions", RegionViewSet)
router.register("tags", TagViewSet)
