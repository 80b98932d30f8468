from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin

from . import services
from .models import Delegation, JointProject, Milestone, Mission, MissionAction, ProgrammeItem, ProjectOutput, Visitor


@admin.register(Delegation)
class DelegationAdmin(LiaisonAdmin):
    """Details only: a delegation is requested and moved along its workflow on its pages."""

    list_display = ("title", "category", "status", "start_date", "end_date", "declared_size")
    list_filter = ("status", "category")
    search_fields = ("title_en", "title_zh_hant", "visiting_organisation_en", "visiting_organisation_zh_hant")
    exclude = ("languages",)
    autocomplete_fields = ("organisations", "jurisdiction")
    update_service = services.update_delegation
    delete_service = services.delete_delegation


@admin.register(ProgrammeItem)
class ProgrammeItemAdmin(LiaisonAdmin):
    """Edited here; added on its delegation's page (where clashes are shown)."""

    list_display = ("title", "delegation", "kind", "start", "end", "room")
    list_filter = ("kind",)
    search_fields = ("title_en", "title_zh_hant")
    readonly_fields = ("delegation",)
    filter_horizontal = ("hosts", "interpreters")
    update_service = services.update_programme_item
    delete_service = services.remove_programme_item


@admin.register(Visitor)
class VisitorAdmin(LiaisonAdmin):
    list_display = ("name", "delegation", "position", "organisation")
    search_fields = ("name_en", "name_zh_hant")
    readonly_fields = ("delegation",)
    update_service = services.update_visitor
    delete_service = services.remove_visitor


@admin.register(Mission)
class MissionAdmin(LiaisonAdmin):
    """Details only: the mission report is uploaded on the mission's page, which checks the file."""

    list_display = ("title", "purpose", "capacity", "status", "start_date", "city")
    list_filter = ("purpose", "capacity", "status")
    search_fields = ("title_en", "title_zh_hant")
    exclude = ("report",)
    autocomplete_fields = ("destinations", "organisations", "event")
    filter_horizontal = ("members",)
    create_service = services.create_mission
    update_service = services.update_mission
    delete_service = services.delete_mission


@admin.register(MissionAction)
class MissionActionAdmin(LiaisonAdmin):
    """Edited here; added on the mission's page, which it belongs to."""

    list_display = ("title", "mission", "owner", "due_date", "status")
    list_filter = ("status",)
    readonly_fields = ("mission",)
    search_fields = ("title_en", "title_zh_hant")
    update_service = services.update_action
    delete_service = services.remove_action


@admin.register(JointProject)
class JointProjectAdmin(LiaisonAdmin):
    """Details only: partners are added on the project's page."""

    list_display = ("title", "status", "coordinating_body", "start_date", "end_date")
    list_filter = ("status",)
    search_fields = ("title_en", "title_zh_hant")
    autocomplete_fields = ("coordinating_body", "delegations", "missions")
    create_service = services.create_project
    update_service = services.update_project
    delete_service = services.delete_project


@admin.register(Milestone)
class MilestoneAdmin(LiaisonAdmin):
    list_display = ("title", "project", "date", "reached")
    list_filter = ("reached",)
    search_fields = ("title_en", "title_zh_hant")
    readonly_fields = ("project",)
    update_service = services.update_milestone
    delete_service = services.remove_milestone


@admin.register(ProjectOutput)
class ProjectOutputAdmin(LiaisonAdmin):
    list_display = ("title", "project", "kind", "published_on")
    list_filter = ("kind",)
    search_fields = ("title_en", "title_zh_hant")
    readonly_fields = ("project",)
    update_service = services.update_output
    delete_service = services.remove_output
