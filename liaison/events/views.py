"""Pages of the events area."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from liaison.core import jobs, ratelimit
from liaison.core.access import restrict
from liaison.core.http import content_disposition
from liaison.core.parameters import parse_id
from liaison.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    RecordActionView,
)
from liaison.partners.models import Contact, Organisation

from . import ics, schedule, services, statistics, views_documents
from .filtersets import EventFilterSet, MeetingRequestFilterSet, RegistrationFilterSet, SessionFilterSet
from .forms import (
    DelegationForm,
    EventForm,
    MeetingAnswerForm,
    MeetingRequestForm,
    PublicRegistrationForm,
    RegistrationForm,
    RegistrationMoveForm,
    SessionForm,
)
from .models import Event, Invitation, MeetingRequest, Registration, Session
from .tables import EventTable, MeetingRequestTable, RegistrationTable, SessionTable

# Bilateral meetings listed on an event's page (the list of meetings has them all).
MEETINGS_SHOWN = 200
# Public registration forms one address may send: so many in so many seconds.
REGISTRATION_RATE = (10, 3600)

# --- Events -----------------------------------------------------------------------------------------------------


class EventViews:
    model = Event
    queryset = Event.objects.select_related("series", "jurisdiction")


class EventListView(EventViews, ObjectListView):
    table_class = EventTable
    filterset_class = EventFilterSet


class EventDetailView(EventViews, ObjectDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, event = self.request.user, self.object
        context.update(
            organisers=restrict(event.organisers.all(), user),
            partners=restrict(event.partners.all(), user),
            agreements=restrict(event.agreements.all(), user),
            network_meetings=restrict(event.network_meetings.select_related("body__network"), user),
            sessions=restrict(Session.objects.all(), user).filter(event=event)[:50],
            figures=statistics.event_figures(user, event),
            meetings=restrict(MeetingRequest.objects.select_related("requester", "counterpart", "slot", "room"),
                              user).filter(event=event).exclude(status="declined")[:MEETINGS_SHOWN],
            record=statistics.is_record(user, event),
            invitations=restrict(Invitation.objects.select_related("organisation"), user).filter(event=event),
            can_schedule=user.has_perm("events.change_event") and user.has_perm("events.change_meetingrequest"),
            delegation_form=(DelegationForm(user=user, auto_id="delegation_%s")
                             if user.has_perm("events.add_registration") else None),
            **views_documents.event_page_context(user),
        )
        return context


class EventEditView(EventViews, ObjectEditView):
    form_class = EventForm
    create_service = services.create_event
    update_service = services.update_event


class EventDeleteView(EventViews, ObjectDeleteView):
    delete_service = services.delete_event


class EventHistoryView(EventViews, ObjectHistoryView):
    pass


class EventStatisticsView(EventViews, ObjectDetailView):
    """The event's figures and the comparison with earlier editions of its series."""

    def get_template_names(self):
        return ["events/event_statistics.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, event = self.request.user, self.object
        figures = statistics.event_figures(user, event)
        context.update(figures=figures, editions=statistics.editions(user, event),
                       record=statistics.is_record(user, event),
                       roles=_labelled(Registration._meta.get_field("role").choices, figures.by_role),
                       statuses=_labelled(Registration._meta.get_field("status").choices, figures.by_status))
        return context


def _labelled(choices, counts: dict) -> list[tuple[str, int]]:
    return [(label, counts.get(value, 0)) for value, label in choices]


class DelegationView(RecordActionView):
    """Staff register a whole delegation at once, from the event's page (all of it, or nothing)."""

    model, action, permission = Event, "view", "events.add_registration"
    form_class = DelegationForm

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user}

    def perform(self, form) -> str:
        data = form.cleaned_data
        made = services.register_delegation(self.request.user, self.object, data["organisation"], data["people"])
        return _("Registered {count} members of the delegation.").format(count=len(made))


# --- Programme --------------------------------------------------------------------------------------------------


class SessionViews:
    model = Session
    queryset = Session.objects.select_related("event")


class SessionListView(SessionViews, ObjectListView):
    table_class = SessionTable
    filterset_class = SessionFilterSet


class SessionDetailView(SessionViews, ObjectDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(speakers=restrict(self.object.speakers.all(), user),
                       moderators=restrict(self.object.moderators.all(), user))
        return context


class SessionEditView(SessionViews, ObjectEditView):
    form_class = SessionForm
    create_service = services.create_session
    update_service = services.update_session


class SessionDeleteView(SessionViews, ObjectDeleteView):
    delete_service = services.delete_session


class SessionHistoryView(SessionViews, ObjectHistoryView):
    pass


class TimetableView(EventViews, ObjectDetailView):
    """The event's programme, day by day."""

    def get_template_names(self):
        return ["events/timetable.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sessions = restrict(Session.objects.all(), self.request.user).filter(event=self.object)
        days: dict = {}
        for session in sessions:
            days.setdefault(session.start.astimezone(self.object.zone).date(), []).append(session)
        context["days"] = sorted(days.items())
        return context


# --- Registrations ----------------------------------------------------------------------------------------------


class RegistrationViews:
    model = Registration
    queryset = Registration.objects.select_related("event", "organisation", "jurisdiction")


class RegistrationListView(RegistrationViews, ObjectListView):
    table_class = RegistrationTable
    filterset_class = RegistrationFilterSet


class RegistrationDetailView(RegistrationViews, ObjectDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        moves = services.allowed_moves(self.object)
        if moves and self.request.user.has_perm("events.change_registration"):
            form = RegistrationMoveForm(initial={"version": self.object.version}, auto_id="move_%s")
            form.fields["status"].choices = [(value, label) for value, label in form.fields["status"].choices
                                             if value in moves]
            context["move_form"] = form
        return context


class RegistrationEditView(RegistrationViews, ObjectEditView):
    form_class = RegistrationForm
    create_service = services.create_registration
    update_service = services.update_registration


class RegistrationDeleteView(RegistrationViews, ObjectDeleteView):
    delete_service = services.delete_registration


class RegistrationHistoryView(RegistrationViews, ObjectHistoryView):
    pass


class RegistrationMoveView(RecordActionView):
    """One move of a registration's lifecycle; a place given up goes to the waitlist."""

    model = Registration
    form_class = RegistrationMoveForm

    def perform(self, form) -> str:
        status = form.cleaned_data["status"]
        services.move_registration(self.request.user, self.object, status,
                                   expected_version=form.cleaned_data["version"])
        return _("Moved to “{status}”.").format(status=dict(Registration._meta.get_field("status").choices)[status])


# --- Bilateral meetings -----------------------------------------------------------------------------------------


class MeetingRequestViews:
    model = MeetingRequest
    queryset = MeetingRequest.objects.select_related("event", "requester", "counterpart", "slot", "room")


class MeetingRequestListView(MeetingRequestViews, ObjectListView):
    table_class = MeetingRequestTable
    filterset_class = MeetingRequestFilterSet


class MeetingRequestDetailView(MeetingRequestViews, ObjectDetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["hosts"] = restrict(self.object.hosts.all(), self.request.user)
        if self.request.user.has_perm("events.change_meetingrequest"):
            context["answer_version"] = self.object.version
        return context


class MeetingRequestEditView(MeetingRequestViews, ObjectEditView):
    form_class = MeetingRequestForm
    create_service = services.create_meeting_request
    update_service = services.update_meeting_request


class MeetingRequestDeleteView(MeetingRequestViews, ObjectDeleteView):
    delete_service = services.delete_meeting_request


class MeetingRequestHistoryView(MeetingRequestViews, ObjectHistoryView):
    pass


class MeetingAnswerView(RecordActionView):
    """We accept or decline a requested meeting."""

    model = MeetingRequest
    form_class = MeetingAnswerForm

    def perform(self, form) -> str:
        accept = form.cleaned_data["accept"]
        services.answer_meeting_request(self.request.user, self.object, accept,
                                        expected_version=form.cleaned_data["version"])
        return _("Accepted.") if accept else _("Declined.")


# --- Public registration through an invitation link -------------------------------------------------------------


class PublicRegistrationView(FormView):
    """A delegate registers through their organisation's invitation link, without an account, in either language.

    The link's secret is its only key: an unknown, expired or used-up link answers with the reason and no form.
    Each address may send a few forms an hour (`REGISTRATION_RATE`), so a flood from one place is refused.
    """

    public = True
    template_name = "events/public_registration.html"
    form_class = PublicRegistrationForm

    def dispatch(self, request, *args, **kwargs):
        self.refusal = ""
        try:
            self.invitation = services.invitation_for(kwargs["token"])
        except services.InvitationRefused as error:
            self.invitation, self.refusal = None, error.messages[0]
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.invitation is None:
            return self.render_to_response(self.get_context_data(), status=404)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.invitation is None:
            return self.render_to_response(self.get_context_data(), status=404)
        if not ratelimit.allow(request, "event-registration", *REGISTRATION_RATE):
            self.refusal = _("Too many registrations were sent from your address. Please try again in an hour.")
            return self.render_to_response(self.get_context_data(form=self.get_form()), status=429)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "invitation": self.invitation}

    def form_valid(self, form):
        data = {**form.cleaned_data, "name_en": form.cleaned_data["name_en"].strip(),
                "name_zh_hant": form.cleaned_data["name_zh_hant"].strip()}
        try:
            self.registration = services.register_by_invitation(self.kwargs["token"], data)
        except ValidationError as error:
            form.add_validation_error(error)
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(done=self.registration))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "invitation": self.invitation, "refusal": self.refusal}


class ScheduleView(RecordActionView):
    """Starts the scheduler on the event's accepted meetings, as a job; its page shows the progress and result."""

    model, action, permission = Event, "change", "events.change_meetingrequest"

    def perform(self, form) -> str:
        if self.request.POST.get("lock"):
            schedule.lock_placed(self.request.user, self.object)
        self.job = jobs.start(self.request.user, schedule.run_schedule,
                              _("Bilateral meetings of “{event}”").format(event=self.object),
                              {"event_id": self.object.pk, "owner_id": self.request.user.pk},
                              getattr(self.request, "id", ""))
        return ""

    def success_url(self) -> str:
        return self.job.get_absolute_url()


class AgendaView(EventViews, ObjectDetailView):
    """The programme of an event, or one delegation's (`?organisation=`) or one person's (`?contact=`) agenda:
    their sessions and placed bilateral meetings, as a page or (`?format=ics`) a calendar file."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        context = self.get_context_data()
        if request.GET.get("format") == "ics":
            body = ics.agenda(self.object, context["sessions"], context["meetings"], str(context["title"]),
                              request.build_absolute_uri("/")[:-1])
            response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
            response["Content-Disposition"] = content_disposition(f"agenda-{self.object.pk}.ics")
            return response
        return self.render_to_response(context)

    def get_template_names(self):
        return ["events/agenda.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, event = self.request.user, self.object
        sessions = restrict(Session.objects.all(), user).filter(event=event)
        meetings = (restrict(MeetingRequest.objects.select_related("requester", "counterpart", "slot", "room"), user)
                    .filter(event=event, slot__isnull=False).order_by("slot__date", "slot__start"))
        organisation = _visible(Organisation, user, self.request.GET.get("organisation"))
        contact = _visible(Contact, user, self.request.GET.get("contact"))
        title = _("Programme of {event}").format(event=event)
        if organisation is not None:
            sessions = sessions.none()
            meetings = meetings.filter(Q(requester=organisation) | Q(counterpart=organisation))
            title = _("Agenda of {who} at {event}").format(who=organisation, event=event)
        elif contact is not None:
            sessions = sessions.filter(Q(speakers=contact) | Q(moderators=contact)).distinct()
            meetings = meetings.filter(hosts=contact)
            title = _("Agenda of {who} at {event}").format(who=contact, event=event)
        else:
            meetings = meetings.none()
        context.update(sessions=list(sessions), meetings=list(meetings), title=title,
                       query=self.request.GET.urlencode())
        return context


def _visible(model, user, pk):
    """The record of that number the user may see, or None (a hidden or unknown one is ignored)."""
    number = parse_id(pk) if pk else None
    return restrict(model.objects.all(), user).filter(pk=number).first() if number else None
