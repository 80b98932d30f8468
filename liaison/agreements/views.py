"""Pages of the agreements register."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, RedirectView, TemplateView

from liaison.core.access import get_for, get_visible, restrict, restricted_prefetch
from liaison.core.charts import ChartView
from liaison.core.choices import ActionStatus
from liaison.core.http import content_disposition
from liaison.core.views import (
    PAGE_OF_RECORDS,
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

from . import calendar, charts, coverage, reminders, services
from .choices import AgreementStatus
from .filtersets import ActionFilterSet, AgreementFilterSet
from .forms import ActionForm, AgreementForm, DocumentForm, MoveForm, PartyForm
from .models import Agreement, AgreementDocument, AgreementParty, FollowUpAction
from .tables import ActionTable, AgreementTable


def party_rows(user):
    """An agreement's parties the user may see, with their organisations."""
    return restricted_prefetch("party_rows", AgreementParty.objects.select_related("organisation"), user)


def visible_agreements(user):
    return restrict(Agreement.objects.all(), user)


class AgreementViews:
    model = Agreement
    queryset = Agreement.objects.select_related("responsible_officer")

    def base_queryset(self):
        return super().base_queryset().prefetch_related(party_rows(self.request.user))


class AgreementListView(AgreementViews, ObjectListView):
    table_class = AgreementTable
    filterset_class = AgreementFilterSet
    add_variants = ((gettext_lazy("Record a signed agreement"), "signed=1"),)


class AgreementDetailView(AgreementViews, FollowUpActionsMixin, ObjectDetailView):
    action_model, action_form_class, action_add_route = FollowUpAction, ActionForm, "agreements:action_add"
    queryset = Agreement.objects.select_related("responsible_officer", "witness_contact", "previous_version")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, agreement = self.request.user, self.object
        can = user.has_perm
        context.update(
            parties=restrict(AgreementParty.objects.all(), user).filter(agreement=agreement).select_related(
                "organisation__jurisdiction", "signatory"),
            documents=restrict(AgreementDocument.objects.all(), user).filter(agreement=agreement).select_related(
                "uploaded_by"),
            renewals=restrict(agreement.renewals.all(), user),
            today=timezone.localdate(),
            move_form=(MoveForm(allowed=services.allowed_moves(agreement), likely=services.likely_move(agreement),
                                auto_id="move_%s", initial={"version": agreement.version})
                       if can("agreements.change_agreement") and services.allowed_moves(agreement) else None),
            document_form=(DocumentForm(user=user, auto_id="document_%s")
                           if can("agreements.add_agreementdocument") else None),
            can_change_party=can("agreements.change_agreementparty"),
            can_delete_document=can("agreements.delete_agreementdocument"),
        )
        return context


class AgreementEditView(AgreementViews, ObjectEditView):
    form_class = AgreementForm
    create_service = services.create_agreement
    update_service = services.update_agreement

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("signed") == "1":
            initial["already_signed"] = True
        return initial


class AgreementDeleteView(AgreementViews, ObjectDeleteView):
    delete_service = services.delete_agreement


class AgreementHistoryView(AgreementViews, ObjectHistoryView):
    pass


class AgreementMoveView(RecordActionView):
    """One move of the lifecycle (from the agreement's page); a renewal leads to the new version."""

    model = Agreement
    form_class = MoveForm

    def get_form_kwargs(self):
        return {"allowed": AgreementStatus.values}

    def perform(self, form) -> str:
        data = form.cleaned_data
        status = data["status"]
        if status == AgreementStatus.RENEWED:
            renewal = {key: data[name] for key, name in (("signed_date", "on"), ("expiry_date", "expiry_date"))
                       if data[name]}
            _old, self.renewal = services.renew(self.request.user, self.object, renewal,
                                                expected_version=data["version"])
            return _("Renewed: this is the new version.")
        services.move(self.request.user, self.object, status, on=data["on"], reason=data["reason"],
                      expected_version=data["version"])
        return _("Moved to “{status}”.").format(status=AgreementStatus(status).label)

    def success_url(self) -> str:
        renewal = getattr(self, "renewal", None)
        return renewal.get_absolute_url() if renewal else super().success_url()


class PartyEditView(FormView):
    """Who signed for one party."""

    model, action = AgreementParty, "change"
    template_name = "core/object_edit.html"
    form_class = PartyForm

    def dispatch(self, request, *args, **kwargs):
        self.party = get_for(AgreementParty.objects.select_related("agreement"), request.user, "change",
                             pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.party, "user": self.request.user}

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.update_party(self.request.user, self.party, data, expected_version=form.cleaned_data["version"])
        except ValidationError as error:
            form.add_validation_error(error)
            return self.form_invalid(form)
        return redirect(self.party.agreement.get_absolute_url())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.party,
                "cancel_url": self.party.agreement.get_absolute_url()}


class DocumentUploadView(RecordActionView):
    """A new version of one of the agreement's documents."""

    model = Agreement
    action = "view"
    permission = "agreements.add_agreementdocument"
    upload_limit_setting = "LIAISON_DOCUMENT_MAX_BYTES"  # a larger body is refused unread (RequestSizeMiddleware)
    form_class = DocumentForm

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form) -> str:
        document = services.add_document(self.request.user, self.object, form.changes())
        return _("Uploaded “{document}”.").format(document=document)


def document_response(document: AgreementDocument) -> FileResponse:
    """The stored file as a download, under its cleaned name, never rendered inline by the browser."""
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition(document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class DocumentDownloadView(View):
    """A document, after the permission check: a user who may not see it gets 404 like a missing one."""

    model, action = AgreementDocument, "view"

    def get(self, request, pk):
        document = get_visible(AgreementDocument.objects.all(), request.user, pk=pk)
        return document_response(document)


class DocumentDeleteView(RecordActionView):
    model = AgreementDocument
    queryset = AgreementDocument.objects.select_related("agreement")
    action = "delete"

    def perform(self, form) -> str:
        services.remove_document(self.request.user, self.object)
        return _("Deleted “{document}”.").format(document=self.object)


class FollowUpActionAddView(ActionAddView):
    model, action_model, form_class = Agreement, FollowUpAction, ActionForm


class FollowUpActionStatusView(ActionStatusView):
    """Marks an action done or cancelled (or open again) in one click, from the agreement's page or my actions."""

    model = FollowUpAction


class ActionViews:
    model = FollowUpAction
    queryset = FollowUpAction.objects.select_related("agreement", "owner")


class FollowUpActionListView(ActionViews, ObjectListView):
    table_class = ActionTable
    filterset_class = ActionFilterSet


class FollowUpActionEditView(ActionViews, ObjectEditView):
    form_class = ActionForm
    update_service = services.update_action


class FollowUpActionDeleteView(ActionViews, ObjectDeleteView):
    delete_service = services.remove_action


class MyActionsView(TemplateView):
    """The follow-up actions the signed-in user owns."""

    template_name = "agreements/my_actions.html"
    for_every_signed_in_user = True  # it shows only the user's own actions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        mine = restrict(FollowUpAction.objects.all(), user).filter(owner=user).select_related("agreement")
        context.update(
            today=timezone.localdate(),
            open_actions=mine.filter(status=ActionStatus.OPEN).order_by("due_date", "pk"),
            closed_actions=mine.exclude(status=ActionStatus.OPEN).order_by("-due_date", "-pk")[:50],
        )
        return context


class RemindersView(PermissionRequiredMixin, TemplateView):
    """Agreements expiring within 90, 30 and 7 days, and overdue follow-up actions."""

    template_name = "agreements/reminders.html"
    model, action = Agreement, "view"
    permission_required = "agreements.view_agreement"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        expiries = reminders.expiring(visible_agreements(user).select_related("responsible_officer"), today)
        overdue = reminders.overdue_actions(
            restrict(FollowUpAction.objects.all(), user).select_related("agreement", "owner"), today)
        overdue_count = overdue.count()
        context.update(
            today=today,
            windows=[(window, [e for e in expiries if e.window == window]) for window in reminders.WINDOWS],
            overdue=overdue[:PAGE_OF_RECORDS], overdue_count=overdue_count,
            overdue_more=max(overdue_count - PAGE_OF_RECORDS, 0),
            open_actions_url=reverse("agreements:followupaction_list") + "?status=open",
            calendar_url=calendar.office_calendar_url(),
        )
        return context


class CalendarView(RedirectView):
    """The agreements' own calendar page is gone: its address opens the office calendar showing agreements."""

    for_every_signed_in_user = True  # the office calendar shows each reader only what they may see

    def get_redirect_url(self, *args, **kwargs):
        return calendar.office_calendar_url()


class CoverageMixin(PermissionRequiredMixin):
    model, action = Agreement, "view"
    permission_required = "agreements.view_agreement"

    def agreements(self):
        return visible_agreements(self.request.user)


class CoverageView(CoverageMixin, TemplateView):
    template_name = "agreements/coverage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreements, user = self.agreements(), self.request.user
        belt_and_road = coverage.belt_and_road(agreements, user)
        agencies = coverage.agencies_without_agreement(agreements, user)
        agencies_count = agencies.count()
        context.update(
            covered=sorted(coverage.jurisdictions_covered(agreements, user).items(), key=lambda item: str(item[0])),
            belt_and_road=belt_and_road,
            incomplete_tags=[] if belt_and_road.complete or belt_and_road.tag is None else [belt_and_road.tag],
            agencies_without=agencies[:PAGE_OF_RECORDS], agencies_without_count=agencies_count,
            agencies_more=max(agencies_count - PAGE_OF_RECORDS, 0),
            per_year=sorted(coverage.signed_per_year(agreements, user).items(), reverse=True),
            in_force_count=coverage.in_force(agreements, user).count(),
            list_url=reverse("agreements:agreement_list"),
        )
        return context


class CoverageMapView(CoverageMixin, ChartView):
    def svg(self) -> str:
        return charts.coverage_map_svg(self.agreements(), self.request.user)


class CoverageYearsView(CoverageMixin, ChartView):
    def svg(self) -> str:
        return charts.signed_per_year_svg(self.agreements(), self.request.user)
