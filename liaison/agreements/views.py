"""Pages of the agreements register."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from liaison.core import charts
from liaison.core.access import get_visible, restrict
from liaison.core.http import content_disposition, redirect_next
from liaison.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)

from . import coverage, reminders, services
from .choices import ActionStatus, AgreementStatus
from .filtersets import ActionFilterSet, AgreementFilterSet
from .forms import ActionForm, AgreementForm, DocumentForm, MoveForm, PartyForm
from .models import Agreement, AgreementDocument, AgreementParty, FollowUpAction
from .tables import ActionTable, AgreementTable


def party_rows() -> Prefetch:
    return Prefetch("party_rows", queryset=AgreementParty.objects.select_related("organisation"))


def visible_agreements(user):
    return restrict(Agreement.objects.all(), user)


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


class AgreementViews:
    model = Agreement
    queryset = Agreement.objects.select_related("responsible_officer").prefetch_related(party_rows())


class AgreementListView(AgreementViews, ObjectListView):
    table_class = AgreementTable
    filterset_class = AgreementFilterSet


class AgreementDetailView(AgreementViews, ObjectDetailView):
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
            actions=restrict(FollowUpAction.objects.all(), user).filter(agreement=agreement).select_related("owner"),
            renewals=restrict(agreement.renewals.all(), user),
            today=timezone.localdate(),
            move_form=(MoveForm(allowed=services.allowed_moves(agreement), auto_id="move_%s")
                       if can("agreements.change_agreement") and services.allowed_moves(agreement) else None),
            document_form=(DocumentForm(user=user, auto_id="document_%s")
                           if can("agreements.add_agreementdocument") else None),
            action_form=ActionForm(user=user, auto_id="action_%s") if can("agreements.add_followupaction") else None,
            can_change_party=can("agreements.change_agreementparty"),
            can_delete_document=can("agreements.delete_agreementdocument"),
            can_change_action=can("agreements.change_followupaction"),
        )
        return context


class AgreementEditView(AgreementViews, ObjectEditView):
    form_class = AgreementForm
    create_service = services.create_agreement
    update_service = services.update_agreement


class AgreementDeleteView(AgreementViews, ObjectDeleteView):
    delete_service = services.delete_agreement


class AgreementHistoryView(AgreementViews, ObjectHistoryView):
    pass


class AgreementMoveView(View):
    """One move of the lifecycle (POST from the agreement's page)."""

    def post(self, request, pk):
        _require(request.user, "agreements.change_agreement")
        agreement = get_visible(Agreement.objects.all(), request.user, "change", pk=pk)
        form = MoveForm(request.POST, allowed=[s for s, _label in AgreementStatus.choices])
        if not form.is_valid():
            messages.error(request, _("Choose the status to move to."))
            return redirect(agreement.get_absolute_url())
        data = form.cleaned_data
        status = data["status"]
        try:
            if status == AgreementStatus.RENEWED:
                _old, new = services.renew(request.user, agreement, {
                    key: value for key, value in (("signed_date", data["on"]), ("expiry_date", data["expiry_date"]))
                    if value})
                messages.success(request, _("Renewed: this is the new version."))
                return redirect(new.get_absolute_url())
            services.move(request.user, agreement, status, on=data["on"], reason=data["reason"])
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("Moved to “{status}”.").format(status=AgreementStatus(status).label))
        return redirect(agreement.get_absolute_url())


class PartyEditView(FormView):
    """Who signed for one party."""

    template_name = "core/object_edit.html"
    form_class = PartyForm

    def dispatch(self, request, *args, **kwargs):
        _require(request.user, "agreements.change_agreementparty")
        self.party = get_visible(AgreementParty.objects.select_related("agreement"), request.user, "change",
                                 pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.party, "user": self.request.user}

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.update_party(self.request.user, self.party, data)
        return redirect(self.party.agreement.get_absolute_url())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.party,
                "cancel_url": self.party.agreement.get_absolute_url()}


class DocumentUploadView(View):
    upload_limit_setting = "LIAISON_DOCUMENT_MAX_BYTES"  # a larger body is refused unread (RequestSizeMiddleware)

    def post(self, request, pk):
        _require(request.user, "agreements.add_agreementdocument")
        agreement = get_visible(Agreement.objects.all(), request.user, pk=pk)
        form = DocumentForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect(agreement.get_absolute_url())
        try:
            document = services.add_document(request.user, agreement, form.changes())
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("Uploaded “{document}”.").format(document=document))
        return redirect(agreement.get_absolute_url())


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

    def get(self, request, pk):
        document = get_visible(AgreementDocument.objects.all(), request.user, pk=pk)
        return document_response(document)


class DocumentDeleteView(View):
    def post(self, request, pk):
        document = get_visible(AgreementDocument.objects.select_related("agreement"), request.user, "delete", pk=pk)
        agreement = document.agreement
        services.remove_document(request.user, document)
        messages.success(request, _("Deleted “{document}”.").format(document=document))
        return redirect(agreement.get_absolute_url())


class ActionAddView(View):
    def post(self, request, pk):
        _require(request.user, "agreements.add_followupaction")
        agreement = get_visible(Agreement.objects.all(), request.user, pk=pk)
        form = ActionForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.add_action(request.user, agreement, form.changes())
            except ValidationError as error:
                _error_messages(request, error)
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return redirect(agreement.get_absolute_url())


class ActionStatusView(View):
    """Marks an action done or cancelled (or open again) in one click."""

    def post(self, request, pk):
        action = get_visible(FollowUpAction.objects.select_related("agreement"), request.user, "change", pk=pk)
        status = request.POST.get("status")
        if status in ActionStatus.values:
            services.update_action(request.user, action, {"status": status})
        return redirect_next(request, action.agreement.get_absolute_url())


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


class RemindersView(TemplateView):
    """Agreements expiring within 90, 30 and 7 days, and overdue follow-up actions."""

    template_name = "agreements/reminders.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        _require(user, "agreements.view_agreement")
        today = timezone.localdate()
        expiries = reminders.expiring(visible_agreements(user).select_related("responsible_officer"), today)
        context.update(
            today=today,
            windows=[(window, [e for e in expiries if e.window == window]) for window in reminders.WINDOWS],
            overdue=reminders.overdue_actions(
                restrict(FollowUpAction.objects.all(), user).select_related("agreement", "owner"), today),
            calendar_url=reverse("agreements:calendar"),
        )
        return context


class CalendarView(TemplateView):
    """The user's secret calendar address, and a button to replace it."""

    template_name = "agreements/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feed = services.calendar_feed(self.request.user)
        context["feed_url"] = self.request.build_absolute_uri(
            reverse("agreements-api:calendar-feed-detail", args=[feed.token]))
        return context

    def post(self, request):
        services.reset_calendar_feed(request.user)
        messages.success(request, _("Your calendar address was replaced; the old one no longer works."))
        return redirect("agreements:calendar")


class CoverageMixin:
    def agreements(self):
        _require(self.request.user, "agreements.view_agreement")
        return visible_agreements(self.request.user)


def coverage_map_svg(agreements) -> str:
    covered = coverage.jurisdictions_covered(agreements)
    layer = {j.code: "; ".join(str(a) for a in found) for j, found in covered.items()}
    return charts.world_map(_("Jurisdictions with an agreement in force"), {_("Agreement in force"): layer})


class CoverageView(CoverageMixin, TemplateView):
    template_name = "agreements/coverage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreements = self.agreements()
        belt_and_road = coverage.belt_and_road(agreements)
        organisations = restrict(coverage.Organisation.objects.all(), self.request.user)
        context.update(
            covered=sorted(coverage.jurisdictions_covered(agreements).items(), key=lambda item: str(item[0])),
            belt_and_road=belt_and_road,
            agencies_without=coverage.agencies_without_agreement(agreements, organisations),
            per_year=sorted(coverage.signed_per_year(agreements).items(), reverse=True),
            in_force_count=coverage.in_force(agreements).count(),
            list_url=reverse("agreements:agreement_list"),
        )
        return context


class CoverageMapView(CoverageMixin, View):
    def get(self, request):
        return charts.svg_response(coverage_map_svg(self.agreements()))


class CoverageYearsView(CoverageMixin, View):
    def get(self, request):
        per_year = coverage.signed_per_year(self.agreements())
        if per_year:
            years = list(range(min(per_year), max(per_year) + 1))
        else:
            years = [timezone.localdate().year]
        svg = charts.bar_chart(_("Agreements signed per year"), [str(y) for y in years],
                               {_("Agreements signed"): [per_year.get(y, 0) for y in years]})
        return charts.svg_response(svg)
