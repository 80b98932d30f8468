"""Pages of the delegations area."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from liaison.core.access import get_visible, restrict
from liaison.core.http import content_disposition
from liaison.core.imports import ImportRefused, read_table
from liaison.core.views import (
    ActionAddView,
    ActionStatusView,
    FollowUpActionsMixin,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    RecordActionView,
)
from liaison.events.models import Event

from . import dates, itinerary, services, statistics
from .choices import DelegationStatus
from .filtersets import DelegationFilterSet, JointProjectFilterSet, MissionFilterSet
from .forms import (
    DelegationForm,
    JointProjectForm,
    MilestoneForm,
    MissionActionForm,
    MissionForm,
    MoveForm,
    OutputForm,
    PartnerForm,
    ProgrammeItemForm,
    VisitorForm,
    VisitorImportForm,
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
from .tables import DelegationTable, JointProjectTable, MissionTable

VISITOR_COLUMNS = ("name_en", "name_zh_hant", "position_en", "position_zh_hant", "organisation_en",
                   "organisation_zh_hant")


# --- Delegations -----------------------------------------------------------------------------------------------

class DelegationViews:
    model = Delegation
    queryset = Delegation.objects.select_related("jurisdiction", "host_officer")


class DelegationListView(DelegationViews, ObjectListView):
    table_class = DelegationTable
    filterset_class = DelegationFilterSet


class DelegationDetailView(DelegationViews, ObjectDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, delegation = self.request.user, self.object
        can = user.has_perm
        moves = services.allowed_moves(delegation)
        context.update(
            organisations=restrict(delegation.organisations.all(), user),
            programme=restrict(ProgrammeItem.objects.all(), user).filter(delegation=delegation).prefetch_related(
                "hosts", "interpreters"),
            visitors=restrict(Visitor.objects.all(), user).filter(delegation=delegation),
            flagged_days=dates.flagged_days(delegation.first_day, delegation.last_day),
            move_form=(MoveForm(allowed=moves, auto_id="move_%s", initial={"version": delegation.version})
                       if can("visits.change_delegation") and moves else None),
            programme_form=(ProgrammeItemForm(user=user, auto_id="programme_%s")
                            if can("visits.add_programmeitem") else None),
            visitor_form=VisitorForm(user=user, auto_id="visitor_%s") if can("visits.add_visitor") else None,
            import_form=VisitorImportForm(auto_id="import_%s") if can("visits.add_visitor") else None,
            can_change_item=can("visits.change_programmeitem"),
            can_delete_item=can("visits.delete_programmeitem"),
            can_delete_visitor=can("visits.delete_visitor"),
        )
        return context


class DelegationEditView(DelegationViews, ObjectEditView):
    template_name = "visits/delegation_edit.html"
    form_class = DelegationForm
    create_service = services.create_delegation
    update_service = services.update_delegation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object is not None:
            context["flagged_days"] = dates.flagged_days(self.object.first_day, self.object.last_day)
        return context


class DelegationDeleteView(DelegationViews, ObjectDeleteView):
    delete_service = services.delete_delegation


class DelegationHistoryView(DelegationViews, ObjectHistoryView):
    pass


class DelegationMoveView(RecordActionView):
    """One move of the workflow, from the delegation's page."""

    model = Delegation
    form_class = MoveForm

    def get_form_kwargs(self):
        return {"allowed": DelegationStatus.values}

    def perform(self, form) -> str:
        data = form.cleaned_data
        services.move(self.request.user, self.object, data["status"], reason=data["reason"],
                      expected_version=data["version"])
        return _("Moved to “{status}”.").format(status=DelegationStatus(data["status"]).label)


class ProgrammeItemAddView(RecordActionView):
    model = Delegation
    action = "view"
    permission = "visits.add_programmeitem"
    form_class = ProgrammeItemForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form) -> str:
        item = services.add_programme_item(self.request.user, self.object, form.changes())
        return _("Added “{item}” to the programme.").format(item=item)


class ProgrammeItemEditView(ObjectEditView):
    model = ProgrammeItem
    queryset = ProgrammeItem.objects.select_related("delegation")
    form_class = ProgrammeItemForm
    update_service = services.update_programme_item


class ProgrammeItemDeleteView(RecordActionView):
    model = ProgrammeItem
    queryset = ProgrammeItem.objects.select_related("delegation")
    action = "delete"

    def perform(self, form) -> str:
        services.remove_programme_item(self.request.user, self.object)
        return _("Deleted “{record}”.").format(record=self.object)


class VisitorAddView(RecordActionView):
    model = Delegation
    action = "view"
    permission = "visits.add_visitor"
    form_class = VisitorForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form) -> str:
        services.add_visitor(self.request.user, self.object, form.changes())
        return ""


class VisitorDeleteView(RecordActionView):
    model = Visitor
    queryset = Visitor.objects.select_related("delegation")
    action = "delete"

    def perform(self, form) -> str:
        services.remove_visitor(self.request.user, self.object)
        return _("Deleted “{record}”.").format(record=self.object)


def visitor_rows(upload) -> list[dict]:
    """The visitors of a spreadsheet (a header row, then one visitor a row, columns in VISITOR_COLUMNS' order)."""
    try:
        table = read_table(upload, upload.name)
    except ImportRefused as refusal:
        raise ValidationError(refusal.message, code="unreadable") from refusal
    return [dict(zip(VISITOR_COLUMNS, [*values, *[""] * len(VISITOR_COLUMNS)], strict=False))
            for _number, values in table.rows]


class VisitorImportView(RecordActionView):
    """A list of visitors from a spreadsheet: all added, or none when a row is broken."""

    model = Delegation
    action = "view"
    permission = "visits.add_visitor"
    upload_limit_setting = "LIAISON_IMPORT_MAX_BYTES"
    form_class = VisitorImportForm

    def perform(self, form) -> str:
        added = services.import_visitors(self.request.user, self.object, visitor_rows(form.cleaned_data["upload"]))
        return _("Added {count} visitors.").format(count=len(added))


class ItineraryView(View):
    """The delegation's programme as a printable bilingual PDF, or as ICS."""

    model, action = Delegation, "view"
    file_format = "pdf"

    def get(self, request, pk):
        delegation = get_visible(Delegation.objects.select_related("jurisdiction"), request.user, pk=pk)
        items = list(restrict(ProgrammeItem.objects.all(), request.user).filter(delegation=delegation))
        if self.file_format == "ics":
            body, content_type = itinerary.ics(delegation, items, request.build_absolute_uri("/").rstrip("/")), \
                "text/calendar; charset=utf-8"
        else:
            body, content_type = itinerary.pdf(delegation, items), "application/pdf"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = content_disposition(f"itinerary-{delegation.pk}.{self.file_format}")
        return response


# --- Missions --------------------------------------------------------------------------------------------------

class MissionViews:
    model = Mission
    queryset = Mission.objects.all()


class MissionListView(MissionViews, ObjectListView):
    table_class = MissionTable
    filterset_class = MissionFilterSet


class MissionDetailView(MissionViews, FollowUpActionsMixin, ObjectDetailView):
    action_model, action_form_class, action_add_route = MissionAction, MissionActionForm, "visits:missionaction_add"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, mission = self.request.user, self.object
        context.update(
            destinations=restrict(mission.destinations.all(), user),
            organisations=restrict(mission.organisations.all(), user),
            event=restrict(Event.objects.all(), user).filter(pk=mission.event_id).first(),
            members=mission.members.filter(is_active=True),
        )
        return context


class MissionEditView(MissionViews, ObjectEditView):
    form_class = MissionForm
    upload_limit_setting = "LIAISON_DOCUMENT_MAX_BYTES"
    create_service = services.create_mission
    update_service = services.update_mission


class MissionDeleteView(MissionViews, ObjectDeleteView):
    delete_service = services.delete_mission


class MissionHistoryView(MissionViews, ObjectHistoryView):
    pass


class MissionReportView(View):
    """The mission report, after the permission check."""

    model, action = Mission, "view"

    def get(self, request, pk):
        mission = get_visible(Mission.objects.all(), request.user, pk=pk)
        if not mission.report:
            raise Http404
        try:
            handle = mission.report.open("rb")
        except OSError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type="application/octet-stream")
        response["Content-Disposition"] = content_disposition(mission.report.name.rsplit("/", 1)[-1])
        response["X-Content-Type-Options"] = "nosniff"
        return response


class MissionActionAddView(ActionAddView):
    model, action_model, form_class = Mission, MissionAction, MissionActionForm


class MissionActionStatusView(ActionStatusView):
    model = MissionAction


# --- Joint projects --------------------------------------------------------------------------------------------

class JointProjectViews:
    model = JointProject
    queryset = JointProject.objects.select_related("coordinating_body")


class JointProjectListView(JointProjectViews, ObjectListView):
    table_class = JointProjectTable
    filterset_class = JointProjectFilterSet


class JointProjectDetailView(JointProjectViews, ObjectDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, project = self.request.user, self.object
        can = user.has_perm
        context.update(
            partners=restrict(ProjectPartner.objects.all(), user).filter(project=project).select_related(
                "organisation"),
            milestones=restrict(Milestone.objects.all(), user).filter(project=project),
            outputs=restrict(ProjectOutput.objects.all(), user).filter(project=project),
            delegations=restrict(project.delegations.all(), user),
            missions=restrict(project.missions.all(), user),
            partner_form=PartnerForm(user=user, auto_id="partner_%s") if can("visits.add_projectpartner") else None,
            milestone_form=MilestoneForm(user=user, auto_id="milestone_%s") if can("visits.add_milestone") else None,
            output_form=OutputForm(user=user, auto_id="output_%s") if can("visits.add_projectoutput") else None,
            can_delete_part=can("visits.delete_milestone"),
        )
        return context


class JointProjectEditView(JointProjectViews, ObjectEditView):
    form_class = JointProjectForm
    create_service = services.create_project
    update_service = services.update_project


class JointProjectDeleteView(JointProjectViews, ObjectDeleteView):
    delete_service = services.delete_project


class JointProjectHistoryView(JointProjectViews, ObjectHistoryView):
    pass


class ProjectPartAddView(RecordActionView):
    """A partner, milestone or output added to a joint project."""

    model = JointProject
    action = "view"
    service = None

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form) -> str:
        type(self).service(self.request.user, self.object, form.changes())
        return ""


class PartnerAddView(ProjectPartAddView):
    permission = "visits.add_projectpartner"
    form_class = PartnerForm
    service = services.add_partner


class MilestoneAddView(ProjectPartAddView):
    permission = "visits.add_milestone"
    form_class = MilestoneForm
    service = services.add_milestone


class OutputAddView(ProjectPartAddView):
    permission = "visits.add_projectoutput"
    form_class = OutputForm
    service = services.add_output


class ProjectPartDeleteView(RecordActionView):
    action = "delete"
    service = None

    def perform(self, form) -> str:
        type(self).service(self.request.user, self.object)
        return _("Deleted “{record}”.").format(record=self.object)


class PartnerDeleteView(ProjectPartDeleteView):
    model = ProjectPartner
    queryset = ProjectPartner.objects.select_related("project", "organisation")
    service = services.remove_partner


class MilestoneDeleteView(ProjectPartDeleteView):
    model = Milestone
    queryset = Milestone.objects.select_related("project")
    service = services.remove_milestone


class OutputDeleteView(ProjectPartDeleteView):
    model = ProjectOutput
    queryset = ProjectOutput.objects.select_related("project")
    service = services.remove_output


# --- Statistics ------------------------------------------------------------------------------------------------

class StatisticsView(PermissionRequiredMixin, TemplateView):
    """Delegations and visitors by region, jurisdiction and category; missions by destination and purpose."""

    template_name = "visits/statistics.html"
    model, action = Delegation, "view"
    permission_required = "visits.view_delegation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = statistics.period_from(self.request.GET)
        context.update(period=period, figures=statistics.figures(self.request.user, period.start, period.end))
        return context
