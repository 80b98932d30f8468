"""Pages that set an event up: invitations, meeting rooms and slots, availability, course evaluations, and the
review of the organisations registrants proposed."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from liaison.core.access import restrict
from liaison.core.forms import VersionedForm
from liaison.core.http import safe_next
from liaison.core.views import ModelViewMixin, ObjectDetailView, RecordActionView
from liaison.partners.models import Contact, Organisation

from . import services
from .choices import EventKind, MeetingStatus, Rating
from .choices import RegistrationStatus as S
from .forms import (
    CourseEvaluationForm,
    DaySlotsForm,
    InvitationExtendForm,
    InvitationForm,
    MeetingRoomForm,
    MeetingSlotForm,
    NewMeetingRoomForm,
    NewMeetingSlotForm,
    ProposedOrganisationCreateForm,
    ProposedOrganisationMatchForm,
)
from .models import (
    Availability,
    CourseEvaluation,
    Event,
    Invitation,
    MeetingRequest,
    MeetingRoom,
    MeetingSlot,
    Registration,
)

# Rows of a page of invitations, and of proposed organisations to review.
ROWS_PER_PAGE = 50
# Comments shown on a course's evaluation summary, newest first.
COMMENTS_SHOWN = 100


class EventPageView(ObjectDetailView):
    """A page of one event (which the user must see), with its own template; a form posted to it needs
    `permission` besides."""

    model = Event
    post_action = "view"
    permission = ""

    def get_template_names(self):
        return [self.template_name]

    def require_permission(self) -> None:
        if not self.request.user.has_perm(self.permission):
            raise PermissionDenied


class EventSetupAction(RecordActionView):
    """Adds something to an event from one of its setup pages; back to that page."""

    model, action = Event, "view"
    page = ""

    def back_url(self) -> str:
        return safe_next(self.request, reverse(self.page, args=[self.object.pk]))


class EventPartAction(RecordActionView):
    """Changes or deletes a room, slot or invitation from its event's setup page; back to that page."""

    page = ""

    def back_url(self) -> str:
        return safe_next(self.request, reverse(self.page, args=[self.object.event_id]))


# --- Invitations ------------------------------------------------------------------------------------------------


class EventInvitationsView(EventPageView):
    """An event's invitations: organisation, places used of the quota, expiry. A new one's link is shown once, on
    the page that answers its creation: only the hash of its secret is kept."""

    template_name = "events/event_invitations.html"
    permission = "events.add_invitation"

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.require_permission()
        form = InvitationForm(request.POST, user=request.user)
        link = None
        if form.is_valid():
            data = form.cleaned_data
            try:
                invitation, secret = services.create_invitation(request.user, {
                    "event": self.object, "organisation": data["organisation"], "quota": data["quota"],
                    "notes": data["notes"],
                    "expires": timezone.now() + datetime.timedelta(days=data["days"])})
            except ValidationError as error:
                form.add_validation_error(error)
            else:
                link = request.build_absolute_uri(reverse("events:public_registration", args=[secret]))
                messages.success(request, _("Invitation made for “{organisation}”.").format(
                    organisation=invitation.organisation or _("open invitation")))
                form = InvitationForm(user=request.user)
        return self.render_to_response(self.get_context_data(form=form, new_link=link))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        used = Count("registrations", filter=~Q(registrations__status__in=(S.CANCELLED, S.DECLINED)))
        invitations = (restrict(Invitation.objects.select_related("organisation"), user)
                       .filter(event=self.object).annotate(used=used).order_by("pk"))
        page = Paginator(invitations, ROWS_PER_PAGE).get_page(self.request.GET.get("page"))
        visible = set(restrict(Organisation.objects.all(), user).filter(
            pk__in=[invitation.organisation_id for invitation in page]).values_list("pk", flat=True))
        for invitation in page:  # an organisation hidden from the user is not named
            invitation.shown_organisation = invitation.organisation if invitation.organisation_id in visible else None
        context.update(page=page, now=timezone.now(),
                       can_change_invitations=user.has_perm("events.change_invitation"))
        if user.has_perm("events.add_invitation") and "form" not in context:
            context["form"] = InvitationForm(user=user)
        return context


class InvitationRevokeView(EventPartAction):
    """Ends an invitation now."""

    model, form_class, page = Invitation, VersionedForm, "events:event_invitations"

    def perform(self, form) -> str:
        services.revoke_invitation(self.request.user, self.object, expected_version=form.cleaned_data["version"])
        return _("The invitation link no longer works.")


class InvitationExtendView(EventPartAction):
    """Keeps an invitation working longer."""

    model, form_class, page = Invitation, InvitationExtendForm, "events:event_invitations"

    def perform(self, form) -> str:
        invitation = services.extend_invitation(self.request.user, self.object, form.cleaned_data["days"],
                                                expected_version=form.cleaned_data["version"])
        return _("The invitation now expires on {date}.").format(
            date=services.timezone.localtime(invitation.expires).strftime("%Y-%m-%d %H:%M"))


# --- Meeting rooms and slots ------------------------------------------------------------------------------------


class EventRoomsView(EventPageView):
    """The rooms and time slots of an event's bilateral meetings, day by day, and the forms that set them."""

    template_name = "events/event_rooms.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, event = self.request.user, self.object
        rooms = restrict(MeetingRoom.objects.all(), user).filter(event=event).annotate(
            scheduled=Count("meetings", filter=Q(meetings__slot__isnull=False)))
        slots = restrict(MeetingSlot.objects.all(), user).filter(event=event).annotate(
            scheduled=Count("meetings", filter=Q(meetings__room__isnull=False))).order_by("date", "start")
        days: dict = {}
        for slot in slots:
            days.setdefault(slot.date, []).append(slot)
        context.update(rooms=rooms, days=sorted(days.items()),
                       can_change_rooms=user.has_perm("events.change_meetingroom"),
                       can_delete_rooms=user.has_perm("events.delete_meetingroom"),
                       can_change_slots=user.has_perm("events.change_meetingslot"),
                       can_delete_slots=user.has_perm("events.delete_meetingslot"))
        if user.has_perm("events.add_meetingroom"):
            context["room_form"] = NewMeetingRoomForm(auto_id="room_%s")
        if user.has_perm("events.add_meetingslot"):
            context["slot_form"] = NewMeetingSlotForm(auto_id="slot_%s", initial={"date": event.start_date})
            context["day_form"] = DaySlotsForm(auto_id="day_%s", initial={"date": event.start_date})
        return context


class RoomAddView(EventSetupAction):
    """Adds a meeting room to the event."""

    permission, form_class, page = "events.add_meetingroom", NewMeetingRoomForm, "events:event_rooms"

    def perform(self, form) -> str:
        room = services.create_room(self.request.user, {"event": self.object, **form.cleaned_data})
        return _("Saved “{record}”.").format(record=room)


class SlotAddView(EventSetupAction):
    """Adds one time slot to the event."""

    permission, form_class, page = "events.add_meetingslot", NewMeetingSlotForm, "events:event_rooms"

    def perform(self, form) -> str:
        slot = services.create_slot(self.request.user, {"event": self.object, **form.cleaned_data})
        return _("Saved “{record}”.").format(record=slot)


class DaySlotsView(EventSetupAction):
    """Adds a day's slots in one go (all of them, or none)."""

    permission, form_class, page = "events.add_meetingslot", DaySlotsForm, "events:event_rooms"

    def perform(self, form) -> str:
        data = form.cleaned_data
        made = services.create_day_slots(self.request.user, self.object, data["date"], data["start"], data["end"],
                                         data["minutes"])
        return _("{count} slots added on {date}.").format(count=len(made), date=data["date"].isoformat())


class RoomEditView(EventPartAction):
    """Renames a room or changes its seats."""

    model, form_class, page = MeetingRoom, MeetingRoomForm, "events:event_rooms"

    def perform(self, form) -> str:
        data = form.cleaned_data
        room = services.update_room(self.request.user, self.object, {"name": data["name"],
                                    "capacity": data["capacity"]}, expected_version=data["version"])
        return _("Saved “{record}”.").format(record=room)


class RoomDeleteView(EventPartAction):
    """Deletes a room no scheduled meeting uses."""

    model, action, page = MeetingRoom, "delete", "events:event_rooms"

    def perform(self, form) -> str:
        name = str(self.object)
        services.delete_scheduled_room(self.request.user, self.object)
        return _("Deleted “{record}”.").format(record=name)


class SlotEditView(EventPartAction):
    """Moves a slot or changes its times."""

    model, form_class, page = MeetingSlot, MeetingSlotForm, "events:event_rooms"

    def perform(self, form) -> str:
        data = form.cleaned_data
        slot = services.update_slot(self.request.user, self.object, {
            "date": data["date"], "start": data["start"], "end": data["end"]}, expected_version=data["version"])
        return _("Saved “{record}”.").format(record=slot)


class SlotDeleteView(EventPartAction):
    """Deletes a slot no scheduled meeting uses."""

    model, action, page = MeetingSlot, "delete", "events:event_rooms"

    def perform(self, form) -> str:
        name = str(self.object)
        services.delete_scheduled_slot(self.request.user, self.object)
        return _("Deleted “{record}”.").format(record=name)


# --- Availability -----------------------------------------------------------------------------------------------


class EventAvailabilityView(EventPageView):
    """Who of the event's delegations and our hosts is free in which slot: a grid of checkboxes, one row per
    delegation or host of the event's meeting requests. A row with every slot ticked is free throughout."""

    template_name = "events/event_availability.html"
    permission = "events.add_availability"

    def participants(self) -> tuple[list, list]:
        """(delegations, hosts) of the event's meeting requests that the user may see."""
        user, event = self.request.user, self.object
        meetings = restrict(MeetingRequest.objects.all(), user).filter(event=event).exclude(
            status__in=(MeetingStatus.DECLINED, MeetingStatus.CANCELLED))
        delegations = restrict(Organisation.objects.all(), user).filter(
            Q(pk__in=meetings.values("requester")) | Q(pk__in=meetings.values("counterpart")))
        hosts = restrict(Contact.objects.all(), user).filter(pk__in=meetings.values("hosts"))
        return list(delegations), list(hosts)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.require_permission()
        delegations, hosts = self.participants()
        slots = {str(slot.pk): slot for slot in self.slots()}
        stated = [(organisation, None, [slots[v] for v in request.POST.getlist(f"org-{organisation.pk}") if v in slots])
                  for organisation in delegations if f"org-{organisation.pk}" in request.POST.getlist("shown")]
        stated += [(None, host, [slots[v] for v in request.POST.getlist(f"host-{host.pk}") if v in slots])
                   for host in hosts if f"host-{host.pk}" in request.POST.getlist("shown")]
        try:
            changed = services.set_availabilities(request.user, self.object, stated)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Availability saved ({count} changed).").format(count=changed))
        return redirect(reverse("events:event_availability", args=[self.object.pk]))

    def slots(self):
        return restrict(MeetingSlot.objects.all(), self.request.user).filter(event=self.object).order_by(
            "date", "start")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        delegations, hosts = self.participants()
        slots = list(self.slots())
        free: dict = {}
        for row in restrict(Availability.objects.all(), self.request.user).filter(event=self.object).values(
                "organisation_id", "host_id", "slot_id"):
            key = f"org-{row['organisation_id']}" if row["organisation_id"] else f"host-{row['host_id']}"
            free.setdefault(key, set()).add(row["slot_id"])
        every = {slot.pk for slot in slots}
        rows = [(f"org-{o.pk}", o, free.get(f"org-{o.pk}", every)) for o in delegations]
        rows += [(f"host-{h.pk}", h, free.get(f"host-{h.pk}", every)) for h in hosts]
        context.update(slots=slots, rows=[(key, who, [(slot, slot.pk in chosen) for slot in slots])
                                          for key, who, chosen in rows],
                       can_state=self.request.user.has_perm(self.permission))
        return context


# --- Course evaluations -----------------------------------------------------------------------------------------


class EventEvaluationsView(EventPageView):
    """A training course's evaluations summarised (answers counted, averages and comments, by the database), and
    the form staff enter a participant's paper evaluation with."""

    template_name = "events/event_evaluations.html"
    permission = "events.add_courseevaluation"

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.require_permission()
        form = CourseEvaluationForm(request.POST, user=request.user)
        if self.object.kind != EventKind.COURSE:
            form.add_error(None, _("Evaluations are kept for training courses only."))
        elif form.is_valid():
            try:
                services.create_evaluation(request.user, {**form.changes(), "event": self.object})
            except ValidationError as error:
                form.add_validation_error(error)
            else:
                messages.success(request, _("Evaluation saved."))
                return redirect(reverse("events:event_evaluations", args=[self.object.pk]))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        evaluations = restrict(CourseEvaluation.objects.all(), user).filter(event=self.object)
        figures = evaluations.aggregate(count=Count("pk"), overall_average=Avg("overall"),
                                        relevance_average=Avg("relevance"),
                                        **{f"{field}_{value}": Count("pk", filter=Q(**{field: value}))
                                           for field in ("overall", "relevance") for value in Rating.values})
        answers = [(label, figures[f"overall_{value}"], figures[f"relevance_{value}"])
                   for value, label in Rating.choices]
        context.update(figures=figures, answers=answers, is_course=self.object.kind == EventKind.COURSE,
                       comments=evaluations.exclude(comments="").order_by("-pk")[:COMMENTS_SHOWN])
        if user.has_perm(self.permission) and "form" not in context:
            context["form"] = CourseEvaluationForm(user=user)
        return context


# --- Proposed organisations -------------------------------------------------------------------------------------


def _proposing(user, proposed: str):
    """The registrations the user may change that propose `proposed` (linked or not: through an organisation's
    invitation a registration is linked to the invited organisation and keeps its proposal for review)."""
    return restrict(Registration.objects.select_related("event"), user, "change").filter(
        purged=False, proposed_organisation=proposed)


class ProposedOrganisationsView(ModelViewMixin, TemplateView):
    """The organisations registrants proposed that are not in the registry yet, each with how many registrations
    propose it: staff match each to an organisation of the registry, or enter it there."""

    model, action = Registration, "change"
    template_name = "events/proposed_organisations.html"

    def get(self, request, *args, **kwargs):
        self.require("change")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        pending = (restrict(Registration.objects.all(), user, "change")
                   .filter(purged=False).exclude(proposed_organisation="")
                   .values("proposed_organisation")
                   .annotate(registrations=Count("pk"), events=Count("event", distinct=True))
                   .order_by("proposed_organisation"))
        page = Paginator(pending, ROWS_PER_PAGE).get_page(self.request.GET.get("page"))
        can_create = user.has_perm("partners.add_organisation")
        context.update(page=page, rows=[
            (row, ProposedOrganisationMatchForm(initial={"proposed": row["proposed_organisation"]}, user=user,
                                                auto_id=f"match{number}_%s"),
             ProposedOrganisationCreateForm(initial={"proposed": row["proposed_organisation"],
                                                     "name_en": row["proposed_organisation"]},
                                            auto_id=f"create{number}_%s") if can_create else None)
            for number, row in enumerate(page)])
        return context


class ProposedOrganisationAction(ModelViewMixin, View):
    """Settles a proposed organisation for every registration (the user may change) that proposes it."""

    model, action = Registration, "change"
    http_method_names = ["post"]
    form_class = None

    def post(self, request, *args, **kwargs):
        self.require("change")  # and the view's `required_permission`, if any
        form = self.form_class(request.POST, **self.form_kwargs())
        try:
            if not form.is_valid():
                raise ValidationError([text for texts in form.errors.values() for text in texts])
            messages.success(request, self.perform(form.cleaned_data, _proposing(request.user,
                                                                                 form.cleaned_data["proposed"])))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return redirect(safe_next(request, reverse("events:proposed_organisations")))

    def form_kwargs(self) -> dict:
        return {}


class ProposedOrganisationMatchView(ProposedOrganisationAction):
    """Links the proposal to an organisation of the registry."""

    form_class = ProposedOrganisationMatchForm

    def form_kwargs(self) -> dict:
        return {"user": self.request.user}

    def perform(self, data, registrations) -> str:
        count = services.link_proposed_organisation(self.request.user, registrations, data["organisation"])
        return _("{count} registrations linked to “{organisation}”.").format(count=count,
                                                                             organisation=data["organisation"])


class ProposedOrganisationCreateView(ProposedOrganisationAction):
    """Enters the proposal in the registry and links it; the registrations' jurisdiction, when they share one,
    becomes the organisation's."""

    required_permission, form_class = "partners.add_organisation", ProposedOrganisationCreateForm

    def perform(self, data, registrations) -> str:
        registrations = list(registrations)
        jurisdictions = {registration.jurisdiction_id for registration in registrations}
        organisation, count = services.register_proposed_organisation(self.request.user, registrations, {
            "kind": data["kind"], "name_en": data["name_en"].strip(), "name_zh_hant": data["name_zh_hant"].strip(),
            "jurisdiction_id": jurisdictions.pop() if len(jurisdictions) == 1 else None})
        return _("“{organisation}” entered in the registry; {count} registrations linked.").format(
            organisation=organisation, count=count)
