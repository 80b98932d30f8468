"""An event's documents for the staff who run it: badges and certificates (PDF, made by jobs), the participant
list (XLSX), and the import of a participant list (XLSX, all of it or nothing).

The participant list is its staff's only: those who may change the event and its registrations
(`documents.may_print`). Anyone else who may see the event gets 403; an event they may not see is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from liaison.core import imports, jobs
from liaison.core.access import get_for, restrict
from liaison.core.exports import export_response
from liaison.core.views import ObjectListView, RecordActionView

from . import documents, services
from .choices import EventKind
from .filtersets import RegistrationFilterSet
from .forms import BadgeForm, ParticipantImportForm
from .importers import ParticipantImporter
from .models import Event, Registration
from .tables import ParticipantTable


class EventDocumentView(RecordActionView):
    """Starts a job that prints one of the event's documents; its page shows the progress, then the PDF."""

    model, action, permission = Event, "change", documents.STAFF_PERMISSION

    def start(self, function, title, params: dict) -> str:
        self.job = jobs.start(self.request.user, function, title, {"event_id": self.object.pk, **params},
                              getattr(self.request, "id", ""))
        return ""

    def success_url(self) -> str:
        return self.job.get_absolute_url()


class BadgesView(EventDocumentView):
    """Name badges of the registered and confirmed participants, A6 or four to an A4 page, of the chosen roles."""

    form_class = BadgeForm

    def perform(self, form) -> str:
        layout, roles = form.cleaned_data["layout"], form.cleaned_data["roles"]
        return self.start(documents.print_badges, _("Badges of “{event}”").format(event=self.object),
                          {"layout": layout, "roles": list(roles)})


class CertificatesView(EventDocumentView):
    """Certificates of completion of a training course, one page a participant who attended."""

    def perform(self, form) -> str:
        if self.object.kind != EventKind.COURSE:
            raise ValidationError(_("Certificates of completion are printed for training courses only."))
        return self.start(documents.print_certificates,
                          _("Certificates of completion of “{event}”").format(event=self.object), {})


class ParticipantListView(ObjectListView):
    """The event's participants as an XLSX in the reader's language (`?role=`, `?status=` narrow it); a long list
    is built by a job (core.exports). The route names the event: it is the record asked for (`model`)."""

    model, action = Event, "change"
    queryset = Registration.objects.select_related("organisation", "jurisdiction")
    table_class = ParticipantTable
    filterset_class = RegistrationFilterSet
    export_formats = ("xlsx",)

    def export_basename(self) -> str:
        return _("participants")

    def get_queryset(self):
        user = self.request.user
        event = get_for(Event.objects.all(), user, self.action, pk=self.kwargs["pk"])
        return restrict(self.queryset.filter(event=event), user, self.action)

    def get(self, request, *args, **kwargs):
        self.build_table()
        return export_response(self, "xlsx")


class ParticipantImportView(TemplateView):
    """Staff import a participant list into the event: every row checked, then all registered, or none with each
    problem named by row and column."""

    model, action, permission = Event, "change", "events.add_registration"
    template_name = "events/participant_import.html"
    upload_limit_setting = "LIAISON_IMPORT_MAX_BYTES"  # a larger body is refused unread (RequestSizeMiddleware)

    def dispatch(self, request, *args, **kwargs):
        self.event = get_for(Event.objects.all(), request.user, self.action, pk=kwargs["pk"])
        if not request.user.has_perms(ParticipantImporter.permissions()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if "template" in request.GET:
            return imports.template_response(ParticipantImporter)
        return self.render_to_response(self.get_context_data(form=ParticipantImportForm()))

    def post(self, request, *args, **kwargs):
        form = ParticipantImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        importer = ParticipantImporter(request.user, self.event)
        try:
            result = imports.validate(importer, upload, upload.name)
            if result.problems:
                return self.render_to_response(self.get_context_data(form=form, problems=result.problems))
            made = services.import_participants(request.user, self.event, [row.data for row in result.rows],
                                                getattr(request, "id", None))
        except imports.ImportRefused as refusal:
            form.add_error("file", refusal.message)
            return self.render_to_response(self.get_context_data(form=form))
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, ngettext("Imported {count} participant.", "Imported {count} participants.",
                                           len(made)).format(count=len(made)))
        return redirect(self.event.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, columns=ParticipantImporter.columns, **kwargs)


def event_page_context(user) -> dict:
    """What the event's page shows of its documents to this user: nothing unless they are its staff."""
    can_print = documents.may_print(user)
    return {"can_print": can_print, "badge_form": BadgeForm(auto_id="badges_%s") if can_print else None,
            "can_import": can_print and user.has_perms(ParticipantImporter.permissions())}
