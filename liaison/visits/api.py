"""The delegations API under /api/visits/: delegations (with their workflow), programme items, visitors,
missions with their follow-up actions, and joint projects with their partners, milestones and outputs."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.routers import DefaultRouter

from liaison.core.access import RestrictedPrefetch, choices_for, restricted_prefetch
from liaison.core.api import (
    LiaisonSerializer,
    LiaisonViewSet,
    PartViewSet,
    RestrictedModelSerializer,
    RestrictedRelatedField,
)
from liaison.core.models import Jurisdiction
from liaison.partners.models import Organisation

from . import services
from .choices import DelegationStatus
from .filtersets import (
    DelegationFilterSet,
    JointProjectFilterSet,
    MilestoneFilterSet,
    MissionActionFilterSet,
    MissionFilterSet,
    ProgrammeItemFilterSet,
    ProjectOutputFilterSet,
    ProjectPartnerFilterSet,
    VisitorFilterSet,
)
from .models import (
    Delegation,
    JointProject,
    Milestone,
    Mission,
    MissionAction,
    ProgrammeItem,
    ProjectOutput,
    ProjectPartner,
    Visitor,
)


def people(lookup: str, user) -> RestrictedPrefetch:
    """The users a link names, as anyone may pick them (see core.access.choices_for)."""
    return RestrictedPrefetch(lookup, queryset=choices_for(get_user_model().objects.all(), user))


class DelegationSerializer(LiaisonSerializer):
    status = serializers.CharField(read_only=True, help_text="Changes only through the move action.")
    size = serializers.IntegerField(read_only=True, help_text="From the visitor list when there is one.")
    languages = serializers.ListField(child=serializers.CharField(max_length=100), required=False)

    class Meta:
        model = Delegation
        fields = ["id", "web_url", "version", "title_en", "title_zh_hant", "organisations",
                  "visiting_organisation_en", "visiting_organisation_zh_hant", "jurisdiction", "category", "head_en",
                  "head_zh_hant", "declared_size", "listed_visitors", "size", "purpose_en", "purpose_zh_hant",
                  "preferred_start", "preferred_end", "start_date", "end_date", "languages", "status",
                  "decline_reason", "host_officer", "contact_name", "contact_email", "from_public_form",
                  "is_synthetic", "notes", "created", "updated"]
        read_only_fields = ["listed_visitors", "decline_reason", "from_public_form", "is_synthetic", "created",
                            "updated"]


class MoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DelegationStatus.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DelegationViewSet(LiaisonViewSet):
    queryset = Delegation.objects.select_related("jurisdiction")
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    create_service = services.create_delegation
    update_service = services.update_delegation
    delete_service = services.delete_delegation

    def base_queryset(self):
        return super().base_queryset().prefetch_related(
            restricted_prefetch("organisations", Organisation.objects.all(), self.request.user))

    @extend_schema(request=MoveSerializer, responses=DelegationSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Moves the delegation along its workflow (If-Match: its ETag); declining needs a reason."""
        delegation = self.get_object()
        move = MoveSerializer(data=request.data)
        move.is_valid(raise_exception=True)
        result = services.move(request.user, delegation, move.validated_data["status"],
                               reason=move.validated_data["reason"], expected_version=self.expected_version)
        return self.record_response(result)


class ProgrammeItemSerializer(LiaisonSerializer):
    delegation = RestrictedRelatedField(queryset=Delegation.objects.all())

    class Meta:
        model = ProgrammeItem
        fields = ["id", "web_url", "version", "delegation", "kind", "title_en", "title_zh_hant", "start", "end",
                  "place_en", "place_zh_hant", "room", "hosts", "interpreters", "created", "updated"]
        read_only_fields = ["created", "updated"]


class ProgrammeItemViewSet(LiaisonViewSet):
    """Programme items; a room or person already booked at that time is refused (400)."""

    queryset = ProgrammeItem.objects.select_related("delegation")
    serializer_class = ProgrammeItemSerializer
    filterset_class = ProgrammeItemFilterSet
    update_service = services.update_programme_item
    delete_service = services.remove_programme_item

    def base_queryset(self):
        user = self.request.user
        return super().base_queryset().prefetch_related(people("hosts", user), people("interpreters", user))

    def perform_create(self, serializer):
        data = self._changes(serializer)
        serializer.instance = services.add_programme_item(self.request.user, data.pop("delegation"), data)


class VisitorSerializer(LiaisonSerializer):
    delegation = RestrictedRelatedField(queryset=Delegation.objects.all())

    class Meta:
        model = Visitor
        fields = ["id", "web_url", "version", "delegation", "name_en", "name_zh_hant", "position_en",
                  "position_zh_hant", "organisation_en", "organisation_zh_hant", "created", "updated"]
        read_only_fields = ["created", "updated"]


class VisitorViewSet(LiaisonViewSet):
    queryset = Visitor.objects.select_related("delegation")
    serializer_class = VisitorSerializer
    filterset_class = VisitorFilterSet
    update_service = services.update_visitor
    delete_service = services.remove_visitor

    def perform_create(self, serializer):
        data = self._changes(serializer)
        serializer.instance = services.add_visitor(self.request.user, data.pop("delegation"), data)


class MissionSerializer(LiaisonSerializer):
    report = serializers.FileField(read_only=True)

    class Meta:
        model = Mission
        fields = ["id", "web_url", "version", "title_en", "title_zh_hant", "purpose", "destinations", "city_en",
                  "city_zh_hant", "start_date", "end_date", "event",
                  "event_name_en", "event_name_zh_hant", "organisations",
                  "leader_en", "leader_zh_hant", "members", "capacity", "status", "speeches_en", "speeches_zh_hant",
                  "outcomes_en", "outcomes_zh_hant", "report", "created", "updated"]
        read_only_fields = ["created", "updated"]


class MissionViewSet(LiaisonViewSet):
    queryset = Mission.objects.all()
    serializer_class = MissionSerializer
    filterset_class = MissionFilterSet
    create_service = services.create_mission
    update_service = services.update_mission
    delete_service = services.delete_mission

    def base_queryset(self):
        user = self.request.user
        return super().base_queryset().prefetch_related(
            restricted_prefetch("destinations", Jurisdiction.objects.all(), user),
            restricted_prefetch("organisations", Organisation.objects.all(), user), people("members", user))


class MissionActionSerializer(LiaisonSerializer):
    mission = RestrictedRelatedField(queryset=Mission.objects.all())
    owner = RestrictedRelatedField(queryset=get_user_model().objects.all(), required=False, allow_null=True)

    class Meta:
        model = MissionAction
        fields = ["id", "web_url", "version", "mission", "title_en", "title_zh_hant", "owner", "due_date", "status",
                  "created", "updated"]
        read_only_fields = ["created", "updated"]


class MissionActionViewSet(PartViewSet):
    queryset = MissionAction.objects.select_related("mission", "owner")
    serializer_class = MissionActionSerializer
    filterset_class = MissionActionFilterSet
    parent_field = "mission"
    add_service = services.add_action
    update_service = services.update_action
    delete_service = services.remove_action


class JointProjectSerializer(LiaisonSerializer):
    class Meta:
        model = JointProject
        fields = ["id", "web_url", "version", "title_en", "title_zh_hant", "description_en", "description_zh_hant",
                  "coordinating_body", "status", "start_date", "end_date", "delegations", "missions", "meetings_en",
                  "meetings_zh_hant", "created", "updated"]
        read_only_fields = ["created", "updated"]


class JointProjectViewSet(LiaisonViewSet):
    queryset = JointProject.objects.select_related("coordinating_body")
    serializer_class = JointProjectSerializer
    filterset_class = JointProjectFilterSet
    create_service = services.create_project
    update_service = services.update_project
    delete_service = services.delete_project

    def base_queryset(self):
        user = self.request.user
        return super().base_queryset().prefetch_related(
            restricted_prefetch("delegations", Delegation.objects.all(), user),
            restricted_prefetch("missions", Mission.objects.all(), user))


class ProjectPartnerSerializer(RestrictedModelSerializer):
    project = RestrictedRelatedField(queryset=JointProject.objects.all())
    organisation = RestrictedRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = ProjectPartner
        fields = ["id", "project", "organisation", "role_en", "role_zh_hant"]
        validators = []  # the service refuses a partner twice, saying so in the reader's language


class ProjectPartnerViewSet(PartViewSet):
    """A project's partners and their roles: added and removed (another role is another partner row)."""

    queryset = ProjectPartner.objects.select_related("project", "organisation")
    serializer_class = ProjectPartnerSerializer
    filterset_class = ProjectPartnerFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]
    parent_field = "project"
    add_service = services.add_partner
    delete_service = services.remove_partner


class MilestoneSerializer(LiaisonSerializer):
    project = RestrictedRelatedField(queryset=JointProject.objects.all())

    class Meta:
        model = Milestone
        fields = ["id", "web_url", "version", "project", "date", "title_en", "title_zh_hant", "reached", "created",
                  "updated"]
        read_only_fields = ["created", "updated"]


class MilestoneViewSet(PartViewSet):
    queryset = Milestone.objects.select_related("project")
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    parent_field = "project"
    add_service = services.add_milestone
    update_service = services.update_milestone
    delete_service = services.remove_milestone


class ProjectOutputSerializer(LiaisonSerializer):
    project = RestrictedRelatedField(queryset=JointProject.objects.all())

    class Meta:
        model = ProjectOutput
        fields = ["id", "web_url", "version", "project", "kind", "title_en", "title_zh_hant", "published_on", "link",
                  "created", "updated"]
        read_only_fields = ["created", "updated"]


class ProjectOutputViewSet(PartViewSet):
    queryset = ProjectOutput.objects.select_related("project")
    serializer_class = ProjectOutputSerializer
    filterset_class = ProjectOutputFilterSet
    parent_field = "project"
    add_service = services.add_output
    update_service = services.update_output
    delete_service = services.remove_output


router = DefaultRouter()
router.register("delegations", DelegationViewSet)
router.register("programme-items", ProgrammeItemViewSet)
router.register("visitors", VisitorViewSet)
router.register("missions", MissionViewSet)
router.register("mission-actions", MissionActionViewSet)
router.register("projects", JointProjectViewSet)
router.register("project-partners", ProjectPartnerViewSet)
router.register("milestones", MilestoneViewSet)
router.register("project-outputs", ProjectOutputViewSet)
