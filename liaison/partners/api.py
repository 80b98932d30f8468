"""The partner registry's API: /api/partners/organisations/, /api/partners/contacts/, /api/partners/positions/."""

from rest_framework import serializers
from rest_framework.routers import DefaultRouter

from liaison.core.access import restricted_prefetch
from liaison.core.api import LiaisonSerializer, LiaisonViewSet, RestrictedRelatedField, RestrictedSlugRelatedField
from liaison.core.models import Jurisdiction, Tag
from liaison.core.validators import MAX_ALIASES

from . import services
from .filtersets import ContactFilterSet, OrganisationFilterSet
from .models import Contact, Organisation, Position
from .views import current_positions


class OrganisationSerializer(LiaisonSerializer):
    jurisdiction = RestrictedSlugRelatedField(
        slug_field="code", queryset=Jurisdiction.objects.all(), required=False, allow_null=True
    )
    parent = RestrictedRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    tags = RestrictedSlugRelatedField(slug_field="slug", queryset=Tag.objects.all(), many=True, required=False)
    aliases = serializers.ListField(child=serializers.CharField(max_length=100), max_length=MAX_ALIASES, required=False)

    class Meta:
        model = Organisation
        fields = ["id", "web_url", "version", "kind", "name_en", "name_zh_hant", "acronym_en", "acronym_zh_hant",
                  "aliases", "jurisdiction", "parent", "website", "is_active", "is_own", "tags", "notes", "created",
                  "updated"]
        read_only_fields = ["created", "updated"]


class PositionSerializer(LiaisonSerializer):
    contact = RestrictedRelatedField(queryset=Contact.objects.all())
    organisation = RestrictedRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = Position
        fields = ["id", "web_url", "version", "contact", "organisation", "title_en", "title_zh_hant", "start_date",
                  "end_date"]


class ContactSerializer(LiaisonSerializer):
    emails = serializers.ListField(child=serializers.CharField(max_length=254), required=False)
    phones = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    languages = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    current_positions = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields = ["id", "web_url", "version", "name_en", "name_zh_hant", "honorific_en", "honorific_zh_hant", "emails",
                  "phones", "languages", "notes", "current_positions", "created", "updated"]
        read_only_fields = ["created", "updated"]

    def get_current_positions(self, contact) -> list[int]:
        return [position.pk for position in getattr(contact, "current_positions", [])]


class OrganisationViewSet(LiaisonViewSet):
    queryset = Organisation.objects.select_related("jurisdiction")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    create_service = services.create_organisation
    update_service = services.update_organisation
    delete_service = services.delete_organisation

    def base_queryset(self):
        return super().base_queryset().prefetch_related(
            restricted_prefetch("tags", Tag.objects.all(), self.request.user))


class ContactViewSet(LiaisonViewSet):
    queryset = Contact.objects.all()
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    create_service = services.create_contact
    update_service = services.update_contact
    delete_service = services.delete_contact

    def base_queryset(self):
        return super().base_queryset().prefetch_related(current_positions(self.request.user))


class PositionViewSet(LiaisonViewSet):
    queryset = Position.objects.all()
    serializer_class = PositionSerializer
    filterset_fields = ["contact", "organisation"]
    update_service = services.update_position
    delete_service = services.remove_position

    def perform_create(self, serializer):
        data = self._changes(serializer)
        serializer.instance = services.add_position(self.request.user, data.pop("contact"), data)


router = DefaultRouter()
router.register("organisations", OrganisationViewSet)
router.register("contacts", ContactViewSet)
router.register("positions", PositionViewSet)
