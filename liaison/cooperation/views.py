"""Pages of the operational-liaison area: every one behind the access chokepoint, the second factor for members,
and the access log (a view, download or export that cannot be logged is refused)."""

from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from liaison.core.access import get_visible, restrict
from liaison.core.http import content_disposition, safe_next
from liaison.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    RecordActionView,
)

from . import audit, second_factor, services
from .choices import MARKING_DEFINITIONS, AccessKind, ChangeStatus, Marking
from .filtersets import AccessEntryFilterSet, AssistanceRequestFilterSet, CompartmentFilterSet
from .forms import (
    AssistanceRequestForm,
    AttachmentForm,
    CompartmentForm,
    CorrespondenceForm,
    DecisionForm,
    MarkingChangeForm,
    MoveForm,
    TokenForm,
)
from .models import AccessEntry, AssistanceRequest, Attachment, Compartment, Correspondence, MarkingChange
from .tables import AccessEntryTable, AssistanceRequestTable, CompartmentTable


class SecondFactorRequired(Exception):
    """The user must pass the second factor (again) before this page."""

    def __init__(self, fresh: bool = False):
        super().__init__()
        self.fresh = fresh


def second_factor_url(request, fresh: bool = False) -> str:
    query = {"next": request.get_full_path(), **({"fresh": "1"} if fresh else {})}
    return f"{reverse('cooperation:second_factor')}?{urlencode(query)}"


class AreaMixin:
    """Members of a compartment pass the second factor before anything of the area is shown (after the access
    checks, so that a refusal stays a 403 or 404); an access that cannot be logged is refused."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except SecondFactorRequired as required:
            return redirect(second_factor_url(request, required.fresh))
        except audit.AccessNotLogged as refusal:
            return TemplateResponse(request, "cooperation/not_logged.html", {"reason": str(refusal)}, status=503)

    def guard(self, fresh: bool = False) -> None:
        request = self.request
        if second_factor.needs_second_factor(request.user):
            if not second_factor.passed(request) or fresh and not second_factor.recently_passed(request):
                raise SecondFactorRequired(fresh)
            second_factor.touch(request)

    def require(self, action: str) -> None:
        super().require(action)
        self.guard()

    def get_queryset(self):
        queryset = super().get_queryset()
        self.guard()
        return queryset

    def get_object(self):
        record = super().get_object()
        self.guard()
        return record

    def log(self, kind: str, request_ids, what: str) -> None:
        audit.log_access(self.request, kind, request_ids, what)


class RequestViews(AreaMixin):
    model = AssistanceRequest
    queryset = AssistanceRequest.objects.select_related("compartment", "counterpart", "jurisdiction")


class AssistanceRequestListView(RequestViews, ObjectListView):
    table_class = AssistanceRequestTable
    filterset_class = AssistanceRequestFilterSet

    def get(self, request, *args, **kwargs):
        exporting = request.GET.get("export") in self.export_formats
        if exporting:
            self.require("view")
            self.guard(fresh=True)
        response = super().get(request, *args, **kwargs)
        if exporting and response.has_header("Content-Disposition"):
            ids = list(self.filterset.qs.values_list("pk", flat=True))
            self.log(AccessKind.EXPORT, ids, _("{count} assistance requests").format(count=len(ids)))
        return response


def record_name(record) -> str:
    """How the access log names a record: its kind and number, never its content."""
    return f"{record._meta.verbose_name} #{record.pk}"


class AssistanceRequestDetailView(RequestViews, ObjectDetailView):
    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.log(AccessKind.VIEW, [self.object.pk], record_name(self.object))
        return super(ObjectDetailView, self).get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, record = self.request.user, self.object
        can = user.has_perm
        moves = services.allowed_moves(record)
        context.update(
            correspondence=restrict(Correspondence.objects.all(), user).filter(request=record),
            attachments=restrict(Attachment.objects.all(), user).filter(request=record).select_related(
                "uploaded_by"),
            marking_changes=restrict(MarkingChange.objects.all(), user).filter(
                request=record, state=ChangeStatus.PENDING).select_related("requested_by"),
            linked=restrict(AssistanceRequest.objects.all(), user).filter(
                pk__in=AssistanceRequest.linked.through.objects.filter(from_assistancerequest=record).values(
                    "to_assistancerequest")),
            definition=MARKING_DEFINITIONS[Marking(record.effective_marking)],
            move_form=(MoveForm(allowed=moves, auto_id="move_%s", initial={"version": record.version})
                       if can("cooperation.change_assistancerequest") and moves else None),
            correspondence_form=(CorrespondenceForm(auto_id="correspondence_%s")
                                 if can("cooperation.add_correspondence") else None),
            attachment_form=AttachmentForm(auto_id="attachment_%s") if can("cooperation.add_attachment") else None,
            marking_form=(MarkingChangeForm(auto_id="marking_%s")
                          if can("cooperation.add_markingchange") else None),
            can_decide=can("cooperation.change_markingchange"),
        )
        return context


class AssistanceRequestEditView(RequestViews, ObjectEditView):
    form_class = AssistanceRequestForm
    create_service = services.create_request
    update_service = services.update_request


class AssistanceRequestDeleteView(RequestViews, ObjectDeleteView):
    delete_service = services.delete_request


class RequestHistoryView(RequestViews, ObjectHistoryView):
    """The request's history (routed by hand: a deleted request has no list of deleted records, it fails closed)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.log(AccessKind.VIEW, [kwargs["pk"]], record_name(self.object))
        return response


class AssistanceRequestMoveView(RequestViews, RecordActionView):
    """One move of the workflow, from the request's page."""

    form_class = MoveForm

    def perform(self, form) -> str:
        data = form.cleaned_data
        services.move(self.request.user, self.object, data["status"], on=data["on"], reason=data["reason"],
                      expected_version=data["version"])
        return _("Moved to “{status}”.").format(status=dict(MoveForm.base_fields["status"].choices)[data["status"]])


class CorrespondenceAddView(RequestViews, RecordActionView):
    action = "view"
    permission = "cooperation.add_correspondence"
    form_class = CorrespondenceForm

    def perform(self, form) -> str:
        services.add_correspondence(self.request.user, self.object, form.cleaned_data)
        return _("Added to the correspondence log.")


class AttachmentAddView(RequestViews, RecordActionView):
    action = "view"
    permission = "cooperation.add_attachment"
    upload_limit_setting = "LIAISON_DOCUMENT_MAX_BYTES"  # a larger body is refused unread (RequestSizeMiddleware)
    form_class = AttachmentForm

    def perform(self, form) -> str:
        attachment = services.add_attachment(self.request.user, self.object, form.cleaned_data)
        return _("Uploaded “{attachment}”.").format(attachment=attachment)


class MarkingChangeAddView(RequestViews, RecordActionView):
    """Asks to lower the marking of the request or of one of its parts (`target`: correspondence-3, attachment-4)."""

    action = "view"
    permission = "cooperation.add_markingchange"
    form_class = MarkingChangeForm

    def part(self, target: str) -> dict:
        kind, _sep, pk = target.partition("-")
        models = {"correspondence": Correspondence, "attachment": Attachment}
        if not target:
            return {}
        if kind not in models:
            raise Http404
        found = get_visible(models[kind].objects.filter(request=self.object), self.request.user, pk=pk)
        return {kind: found}

    def perform(self, form) -> str:
        data = form.cleaned_data
        services.request_marking_change(self.request.user, self.object, {
            **self.part(data["target"]), "to_marking": data["to_marking"], "reason": data["reason"]})
        return _("Asked for the lower marking: someone else must approve it.")


class MarkingChangeDecideView(AreaMixin, RecordActionView):
    model = MarkingChange
    action = "view"
    permission = "cooperation.change_markingchange"
    form_class = DecisionForm

    def perform(self, form) -> str:
        approve = form.cleaned_data["approve"]
        services.decide_marking_change(self.request.user, self.object, approve)
        return _("Approved: the marking is lowered.") if approve else _("Rejected: the marking stays.")


class AttachmentDownloadView(AreaMixin, TemplateView):
    """An attachment, after the access checks and the second factor, logged before it leaves."""

    model, action = Attachment, "view"

    def get(self, request, pk):
        attachment = get_visible(Attachment.objects.all(), request.user, pk=pk)
        self.guard()
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, OSError) as exc:
            raise Http404 from exc
        try:
            self.log(AccessKind.DOWNLOAD, [attachment.request_id], record_name(attachment))
        except audit.AccessNotLogged:
            handle.close()
            raise
        response = FileResponse(handle, content_type=attachment.content_type)
        response["Content-Disposition"] = content_disposition(attachment.original_name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class DeadlinesView(AreaMixin, TemplateView):
    """Overdue open requests, and those due within two weeks."""

    template_name = "cooperation/deadlines.html"
    model, action = AssistanceRequest, "view"

    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("cooperation.view_assistancerequest"):
            raise PermissionDenied
        self.guard()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        visible = restrict(AssistanceRequest.objects.all(), self.request.user).select_related("compartment")
        context.update(today=today, overdue=services.overdue(visible, today),
                       due_soon=services.due_soon(visible, today), days=services.DUE_SOON_DAYS)
        return context


class SecondFactorView(FormView):
    """Enrol an authenticator app (QR code, made here, no outside service) and pass the second factor."""

    template_name = "cooperation/second_factor.html"
    form_class = TokenForm
    for_every_signed_in_user = True

    def device(self):
        user = self.request.user
        device = second_factor.device_of(user) or second_factor.device_of(user, confirmed=False)
        if device is None:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
        return device

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = self.device()
        context.update(
            enrolling=not device.confirmed,
            qr=segno.make(device.config_url, error="m").svg_data_uri(scale=4) if not device.confirmed else "",
            secret=device.config_url.split("secret=", 1)[1].split("&", 1)[0] if not device.confirmed else "",
            fresh=self.request.GET.get("fresh") == "1",
        )
        return context

    def form_valid(self, form):
        device = self.device()
        if not second_factor.verify(self.request, device, form.cleaned_data["token"]):
            form.add_error("token", ValidationError(_("That code is not right (or has expired). Try the code "
                                                      "your app shows now.")))
            return self.form_invalid(form)
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        messages.success(self.request, _("Second factor passed."))
        return redirect(safe_next(self.request, reverse("cooperation:assistancerequest_list")))


class CompartmentViews(AreaMixin):
    model = Compartment
    queryset = Compartment.objects.all()


class CompartmentListView(CompartmentViews, ObjectListView):
    table_class = CompartmentTable
    filterset_class = CompartmentFilterSet
    export_formats = ()

    def get_queryset(self):
        # A count per compartment on the page (a correlated subquery), not a join of every membership.
        counted = (Compartment.members.through.objects.filter(compartment=OuterRef("pk")).order_by()
                   .values("compartment").annotate(count=Count("pk")).values("count"))
        return super().get_queryset().annotate(member_count=Coalesce(Subquery(counted), 0))


class CompartmentDetailView(CompartmentViews, ObjectDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            members=self.object.members.order_by("username"),
            # Counted through the chokepoint: an administrator who manages teams sees none of their requests.
            request_count=restrict(AssistanceRequest.objects.all(), user).filter(compartment=self.object).count(),
            requests_url=f"{reverse('cooperation:assistancerequest_list')}?compartment={self.object.pk}",
        )
        return context


class CompartmentEditView(CompartmentViews, ObjectEditView):
    form_class = CompartmentForm
    create_service = services.create_compartment
    update_service = services.update_compartment

    def form_valid(self, form):
        response = super().form_valid(form)
        edited = self.object is not None and response.status_code == 302
        if edited and not restrict(Compartment.objects.filter(pk=self.object.pk), self.request.user).exists():
            # The editor left the team: its page is no longer theirs to see.
            return redirect("cooperation:compartment_list")
        return response


class CompartmentDeleteView(CompartmentViews, ObjectDeleteView):
    delete_service = services.delete_compartment


class CompartmentHistoryView(CompartmentViews, ObjectHistoryView):
    pass


class AccessLogView(AreaMixin, ObjectListView):
    """Who viewed, downloaded or exported which request, when and from where: for auditors only."""

    model = AccessEntry
    queryset = AccessEntry.objects.all()
    required_permission = "cooperation.audit_access"
    table_class = AccessEntryTable
    filterset_class = AccessEntryFilterSet
    export_formats = ()
