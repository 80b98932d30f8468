"""Every write to the events area: validated, logged, in one transaction.

A registration moves only along `TRANSITIONS`; when one gives up its place, the first waitlisted registration of
the event takes it (logged as a move of its own).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from liaison.core import changelog, mail, tokens
from liaison.core import services as core
from liaison.core.choices import ChangeAction, ChangeSource
from liaison.partners import services as partners

from . import history
from .choices import HOLDS_A_PLACE, MeetingStatus
from .choices import RegistrationStatus as S
from .models import (
    Availability,
    CourseEvaluation,
    Event,
    EventSeries,
    Invitation,
    MeetingRequest,
    MeetingRoom,
    MeetingSlot,
    Registration,
    Session,
)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.INVITED: (S.REGISTERED, S.DECLINED, S.CANCELLED),
    S.REGISTERED: (S.CONFIRMED, S.DECLINED, S.CANCELLED),
    S.CONFIRMED: (S.ATTENDED, S.NO_SHOW, S.CANCELLED),
    S.WAITLISTED: (S.REGISTERED, S.CANCELLED, S.DECLINED),
    S.ATTENDED: (),
    S.NO_SHOW: (),
    S.DECLINED: (),
    S.CANCELLED: (),
}
# The personal details a purge empties; what the statistics count (role, status, organisation, jurisdiction) stays.
PERSONAL_FIELDS = ("name_en", "name_zh_hant", "position_en", "position_zh_hant", "email", "diet", "access_needs")
INVITATION_DAYS = 30


# --- Series and events ------------------------------------------------------------------------------------------

def create_series(acting_user, data: dict) -> EventSeries:
    return core.create_object(acting_user, EventSeries, data)


def update_series(acting_user, series: EventSeries, data: dict, expected_version=None) -> EventSeries:
    return core.update_object(acting_user, series, data, expected_version)


def delete_series(acting_user, series: EventSeries) -> None:
    core.delete_object(acting_user, series)


def create_event(acting_user, data: dict) -> Event:
    return core.create_object(acting_user, Event, data)


def update_event(acting_user, event: Event, data: dict, expected_version=None) -> Event:
    return core.update_object(acting_user, event, data, expected_version)


def delete_event(acting_user, event: Event) -> None:
    """Deletes an event with its programme, registrations and meetings (each logged)."""
    core.delete_object(acting_user, event)


# --- Programme --------------------------------------------------------------------------------------------------

def create_session(acting_user, data: dict) -> Session:
    return core.create_object(acting_user, Session, data, related=data.get("event"))


def update_session(acting_user, session: Session, data: dict, expected_version=None) -> Session:
    return core.update_object(acting_user, session, data, expected_version, related=session.event)


def delete_session(acting_user, session: Session) -> None:
    core.delete_object(acting_user, session, related=session.event)


# --- Registrations ----------------------------------------------------------------------------------------------

def places_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=HOLDS_A_PLACE).count()


def _has_place(event: Event) -> bool:
    return event.capacity is None or places_taken(event) < event.capacity


def _refuse_double(event: Event, data: dict, exclude_pk=None) -> None:
    """One registration per person and event: the same e-mail address, or the same name at the same organisation."""
    others = Registration.objects.filter(event=event).exclude(status__in=(S.CANCELLED, S.DECLINED))
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    email = (data.get("email") or "").strip().lower()
    name = (data.get("name_en") or "").strip()
    if (email and others.filter(email__iexact=email).exists()) or (
            name and others.filter(name_en__iexact=name, organisation=data.get("organisation")).exists()):
        raise ValidationError(_("This person is already registered for this event."), code="double_registration")


def _lock_event(event: Event) -> Event:
    """The event's row, locked: registrations of one event are decided one at a time (places, waitlist)."""
    return Event._base_manager.select_for_update().get(pk=event.pk)


@transaction.atomic
def create_registration(acting_user, data: dict, *, notify: bool = False) -> Registration:
    """Registers a participant: registered while places remain, waitlisted after (unless a status is given)."""
    data = dict(data)
    event = _lock_event(data["event"])
    _refuse_double(event, data)
    status = data.pop("status", None) or (S.REGISTERED if _has_place(event) else S.WAITLISTED)
    if data.get("email"):
        data["email"] = data["email"].strip().lower()
    registration = core.create_object(acting_user, Registration, {**data, "status": status}, related=event)
    if notify and registration.email:
        _confirm_by_mail(registration)
    return registration


@transaction.atomic
def register_delegation(acting_user, event: Event, organisation, people: list[dict]) -> list[Registration]:
    """Registers a whole delegation at once: all of its people, or (one refused) none."""
    if not people:
        raise ValidationError(_("Name at least one member of the delegation."), code="empty_delegation")
    return [create_registration(acting_user, {**person, "event": event, "organisation": organisation})
            for person in people]


@transaction.atomic
def update_registration(acting_user, registration: Registration, data: dict, expected_version=None):
    """Changes a participant's details; the status changes only through `move_registration`."""
    data = dict(data)
    if "status" in data and data.pop("status") != registration.status:
        raise ValidationError({"status": _("Change the status with a move, not by editing.")}, code="status")
    if "email" in data or "name_en" in data:
        _refuse_double(registration.event, {"organisation": registration.organisation, **data},
                       exclude_pk=registration.pk)
    return core.update_object(acting_user, registration, data, expected_version, related=registration.event)


@transaction.atomic
def delete_registration(acting_user, registration: Registration) -> None:
    event, held = registration.event, registration.status in HOLDS_A_PLACE
    core.delete_object(acting_user, registration, related=event)
    if held:
        promote_waitlisted(acting_user, event)


def allowed_moves(registration: Registration) -> tuple[str, ...]:
    return TRANSITIONS[registration.status]


def _refuse_move(current: str, wanted: str) -> ValidationError:
    labels = dict(S.choices)
    allowed = ", ".join(str(labels[s]) for s in TRANSITIONS[current]) or "—"
    return ValidationError(
        _("A registration that is “{current}” cannot move to “{wanted}”; it can move to: {allowed}.").format(
            current=labels[current], wanted=labels.get(wanted, wanted), allowed=allowed), code="illegal_move")


def _save_status(acting_user, stored: Registration, status: str, *why) -> Registration:
    before, old = changelog.snapshot(stored), stored.status
    stored.status = status
    stored.version += 1
    stored.save()
    changelog.record(acting_user, ChangeAction.UPDATE, stored, before=before, after=changelog.snapshot(stored),
                     related=stored.event, facts=[history.STATUS(old=old, new=status), *why])
    return stored


@transaction.atomic
def move_registration(acting_user, registration: Registration, status: str, expected_version=None):
    """Moves a registration along its lifecycle; a place given up goes to the first on the waitlist."""
    event = _lock_event(registration.event)
    stored = core.locked(registration, expected_version)
    if status not in TRANSITIONS[stored.status]:
        raise _refuse_move(stored.status, status)
    if stored.status == S.WAITLISTED and status == S.REGISTERED and not _has_place(event):
        raise ValidationError(_("The event is full: no place is free for this registration."), code="full")
    freed = stored.status in HOLDS_A_PLACE and status not in HOLDS_A_PLACE
    moved = _save_status(acting_user, stored, status)
    if freed:
        promote_waitlisted(acting_user, event)
    return moved


def promote_waitlisted(acting_user, event: Event) -> list[Registration]:
    """Gives the free places to the waitlisted registrations, first come first served."""
    promoted = []
    for waiting in Registration.objects.filter(event=event, status=S.WAITLISTED).order_by("created", "pk"):
        if not _has_place(event):
            break
        promoted.append(_save_status(acting_user, waiting, S.REGISTERED, history.PLACE_FREED()))
    return promoted


# --- Invitations and public registration ------------------------------------------------------------------------

@transaction.atomic
def create_invitation(acting_user, data: dict) -> tuple[Invitation, str]:
    """A new invitation link; returns it with its secret, shown once (only its hash is kept)."""
    secret = tokens.new_secret()
    data = {"expires": timezone.now() + datetime.timedelta(days=INVITATION_DAYS), **data,
            "token_hash": tokens.digest(secret)}
    return core.create_object(acting_user, Invitation, data, related=data.get("event")), secret


def update_invitation(acting_user, invitation: Invitation, data: dict, expected_version=None) -> Invitation:
    return core.update_object(acting_user, invitation, data, expected_version, related=invitation.event)


def delete_invitation(acting_user, invitation: Invitation) -> None:
    core.delete_object(acting_user, invitation, related=invitation.event)


class InvitationRefused(ValidationError):
    """The invitation link cannot be used (unknown, expired or used up)."""


def invitation_for(secret: str) -> Invitation:
    """The live invitation of a link's secret; refused with the reason the visitor may know."""
    invitation = Invitation.objects.select_related("event", "organisation").filter(
        token_hash=tokens.digest(secret or "")).first()
    if invitation is None:
        raise InvitationRefused(_("This invitation link is not valid. Ask the organisers for a new one."),
                                code="unknown_token")
    if invitation.is_expired():
        raise InvitationRefused(_("This invitation link has expired. Ask the organisers for a new one."),
                                code="expired_token")
    return invitation


@transaction.atomic
def register_by_invitation(secret: str, data: dict) -> Registration:
    """A delegate registers through an invitation link (no account): within the invitation's quota, once."""
    invitation = invitation_for(secret)
    invitation = Invitation._base_manager.select_for_update().get(pk=invitation.pk)
    used = Registration.objects.filter(invitation=invitation).exclude(status__in=(S.CANCELLED, S.DECLINED)).count()
    if used >= invitation.quota:
        raise InvitationRefused(_("All the places of this invitation are taken."), code="quota")
    data = {**data, "event": invitation.event, "invitation": invitation}
    if invitation.organisation_id:
        data.setdefault("organisation", invitation.organisation)
    return create_registration(None, data, notify=True)


def _confirm_by_mail(registration: Registration) -> None:
    """The confirmation, in the registrant's language, sent once the registration is stored."""
    with translation.override(registration.language):
        event = registration.event
        subject = _("Your registration for {event}").format(event=event.title or event.title_en)
        status = registration.get_status_display()
        body = _("Dear {name},\n\nwe have received your registration for {event} ({start} – {end}). "
                 "Its status: {status}.\n\nThe organisers").format(
            name=registration.name or registration.name_en, event=event.title or event.title_en,
            start=event.start_date.isoformat(), end=event.end_date.isoformat(), status=status)
        mail.send(str(subject), str(body), [registration.email])


# --- Privacy ----------------------------------------------------------------------------------------------------

@transaction.atomic
def purge_personal_data(acting_user, event: Event, today: datetime.date | None = None) -> int:
    """Empties the participants' personal details of an event whose retention date has passed; the figures stay.

    Returns how many registrations were purged."""
    today = today or timezone.localdate()
    stored = _lock_event(event)
    if stored.retention_date is None or stored.retention_date >= today:
        raise ValidationError(_("The personal data of this event are kept until {date}.").format(
            date=stored.retention_date.isoformat() if stored.retention_date else "—"), code="retention")
    purged = 0
    for registration in Registration.objects.filter(event=stored, purged=False):
        before = changelog.snapshot(registration)
        for name in PERSONAL_FIELDS:
            setattr(registration, name, "")
        registration.contact = None
        registration.purged = True
        registration.version += 1
        registration.save()
        changelog.record(acting_user, ChangeAction.UPDATE, registration, before=before,
                         after=changelog.snapshot(registration), related=stored,
                         facts=[history.PURGED()])
        purged += 1
    before = changelog.snapshot(stored)
    stored.purged_on = today
    stored.version += 1
    stored.save()
    changelog.record(acting_user, ChangeAction.UPDATE, stored, before=before, after=changelog.snapshot(stored),
                     facts=[history.PURGED_COUNT(count=purged)])
    return purged


def purge_due(acting_user, today: datetime.date | None = None) -> list[tuple[Event, int]]:
    """Purges every event whose retention date has passed and that was not purged since; returns each event with
    how many registrations were purged."""
    today = today or timezone.localdate()
    due = Event.objects.filter(retention_date__lt=today, purged_on__isnull=True).order_by("retention_date", "pk")
    return [(event, purge_personal_data(acting_user, event, today)) for event in due]


# --- Bilateral meetings -----------------------------------------------------------------------------------------

def create_room(acting_user, data: dict) -> MeetingRoom:
    return core.create_object(acting_user, MeetingRoom, data, related=data.get("event"))


def delete_room(acting_user, room: MeetingRoom) -> None:
    core.delete_object(acting_user, room, related=room.event)


def create_slot(acting_user, data: dict) -> MeetingSlot:
    return core.create_object(acting_user, MeetingSlot, data, related=data.get("event"))


def delete_slot(acting_user, slot: MeetingSlot) -> None:
    core.delete_object(acting_user, slot, related=slot.event)


def create_availability(acting_user, data: dict) -> Availability:
    return core.create_object(acting_user, Availability, data, related=data.get("event"))


def create_meeting_request(acting_user, data: dict) -> MeetingRequest:
    return core.create_object(acting_user, MeetingRequest, data, related=data.get("event"))


def update_meeting_request(acting_user, meeting: MeetingRequest, data: dict, expected_version=None):
    return core.update_object(acting_user, meeting, data, expected_version, related=meeting.event)


def delete_meeting_request(acting_user, meeting: MeetingRequest) -> None:
    core.delete_object(acting_user, meeting, related=meeting.event)


def answer_meeting_request(acting_user, meeting: MeetingRequest, accept: bool, expected_version=None):
    """Accepts or declines a requested meeting; a declined one leaves the schedule."""
    if meeting.status not in (MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED, MeetingStatus.DECLINED):
        raise ValidationError(_("A cancelled meeting request cannot be answered."), code="cancelled")
    data = {"status": MeetingStatus.ACCEPTED if accept else MeetingStatus.DECLINED}
    if not accept:
        data.update(slot=None, room=None, locked=False)
    return core.update_object(acting_user, meeting, data, expected_version, related=meeting.event)


# --- Course evaluations -----------------------------------------------------------------------------------------

def create_evaluation(acting_user, data: dict) -> CourseEvaluation:
    return core.create_object(acting_user, CourseEvaluation, data, related=data.get("event"))


def delete_evaluation(acting_user, evaluation: CourseEvaluation) -> None:
    core.delete_object(acting_user, evaluation, related=evaluation.event)


# --- Participant lists ------------------------------------------------------------------------------------------

@transaction.atomic
def import_participants(acting_user, event: Event, rows: list[dict], request_id=None) -> list[Registration]:
    """Registers every participant of a checked list, logged as an import: all of them, or (one refused) none."""
    if not rows:
        raise ValidationError(_("The list has no participants."), code="empty_list")
    with changelog.change_context(ChangeSource.IMPORT, request_id):
        return [create_registration(acting_user, {**row, "event": event}) for row in rows]
# --- Invitations: revoke and extend -----------------------------------------------------------------------------

def revoke_invitation(acting_user, invitation: Invitation, expected_version=None) -> Invitation:
    """Ends an invitation now: its link no longer registers anyone; the registrations made with it stay."""
    now = timezone.now()
    if invitation.expires <= now:
        raise ValidationError(_("This invitation has already expired."), code="expired")
    return update_invitation(acting_user, invitation, {"expires": now}, expected_version)


def extend_invitation(acting_user, invitation: Invitation, days: int, expected_version=None) -> Invitation:
    """Keeps an invitation's link working `days` longer, counted from now if it has expired already."""
    start = max(invitation.expires, timezone.now())
    return update_invitation(acting_user, invitation, {"expires": start + datetime.timedelta(days=days)},
                             expected_version)


# --- Meeting rooms and slots ------------------------------------------------------------------------------------

def update_room(acting_user, room: MeetingRoom, data: dict, expected_version=None) -> MeetingRoom:
    return core.update_object(acting_user, room, data, expected_version, related=room.event)


def update_slot(acting_user, slot: MeetingSlot, data: dict, expected_version=None) -> MeetingSlot:
    return core.update_object(acting_user, slot, data, expected_version, related=slot.event)


def _refuse_if_scheduled(record, what) -> None:
    used = MeetingRequest.objects.filter(**{what: record}).exclude(slot__isnull=True, room__isnull=True)
    if used.exists():
        raise ValidationError(
            _("“{record}” is used by {count} scheduled meetings; move or decline them first.").format(
                record=record, count=used.count()), code="in_use")


@transaction.atomic
def delete_scheduled_room(acting_user, room: MeetingRoom) -> None:
    """Deletes a room that no scheduled meeting uses."""
    _refuse_if_scheduled(room, "room")
    delete_room(acting_user, room)


@transaction.atomic
def delete_scheduled_slot(acting_user, slot: MeetingSlot) -> None:
    """Deletes a slot that no scheduled meeting uses (with the availability stated for it)."""
    _refuse_if_scheduled(slot, "slot")
    delete_slot(acting_user, slot)


@transaction.atomic
def create_day_slots(acting_user, event: Event, date: datetime.date, start: datetime.time, end: datetime.time,
                     minutes: int) -> list[MeetingSlot]:
    """A day's slots in one go: from `start`, one every `minutes`, the last ending by `end`; all of them or, one
    overlapping a slot of that day, none."""
    day = datetime.datetime.combine(date, start)
    last = datetime.datetime.combine(date, end)
    length = datetime.timedelta(minutes=minutes)
    if day + length > last:
        raise ValidationError(_("Not one slot of that length fits between the start and the end."), code="no_slot")
    existing = list(MeetingSlot.objects.filter(event=event, date=date))
    made = []
    while day + length <= last:
        begins, ends = day.time(), (day + length).time()
        clash = next((slot for slot in existing if slot.start < ends and begins < slot.end), None)
        if clash:
            raise ValidationError(_("The new slot {start}–{end} overlaps the slot {slot}.").format(
                start=f"{begins:%H:%M}", end=f"{ends:%H:%M}", slot=clash), code="overlap")
        made.append(create_slot(acting_user, {"event": event, "date": date, "start": begins, "end": ends}))
        day += length
    return made


# --- Availability -----------------------------------------------------------------------------------------------

@transaction.atomic
def set_availability(acting_user, event: Event, slots, *, organisation=None, host=None) -> bool:
    """States in which of the event's slots a delegation (or one of our hosts) can meet; in every slot is stored as
    no rows (free throughout). Returns whether anything changed."""
    rows = Availability.objects.filter(event=event, organisation=organisation, host=host).select_related("slot")
    wanted = {slot.pk for slot in slots}
    every = set(MeetingSlot.objects.filter(event=event).values_list("pk", flat=True))
    if not wanted:
        raise ValidationError(_("“{who}” must be free in at least one slot; decline their meetings instead.").format(
            who=organisation or host), code="never_free")
    if wanted - every:
        raise ValidationError(_("The slot belongs to another event."), code="other_event")
    if wanted == every:
        wanted = set()
    stored = {row.slot_id: row for row in rows}
    if set(stored) == wanted:
        return False
    for slot_id, row in stored.items():
        if slot_id not in wanted:
            core.delete_object(acting_user, row, related=event)
    slot_of = {slot.pk: slot for slot in slots}
    for slot_id in wanted - set(stored):
        create_availability(acting_user, {"event": event, "slot": slot_of[slot_id], "organisation": organisation,
                                          "host": host})
    return True


@transaction.atomic
def set_availabilities(acting_user, event: Event, stated: list[tuple]) -> int:
    """The availability of several delegations and hosts at once, as (organisation, host, slots): all of it, or
    (one refused) none. Returns how many changed."""
    return sum(set_availability(acting_user, event, slots, organisation=organisation, host=host)
               for organisation, host, slots in stated)


# --- Proposed organisations -------------------------------------------------------------------------------------

@transaction.atomic
def link_proposed_organisation(acting_user, registrations, organisation) -> int:
    """Links the registrations that proposed an organisation to one of the registry; returns how many."""
    linked = 0
    for registration in registrations:
        core.update_object(acting_user, registration, {"organisation": organisation, "proposed_organisation": ""},
                           related=registration.event)
        linked += 1
    if not linked:
        raise ValidationError(_("No registration proposes that organisation any longer."), code="nothing_pending")
    return linked


@transaction.atomic
def register_proposed_organisation(acting_user, registrations, data: dict) -> tuple:
    """Enters a proposed organisation in the registry (through the partners' services) and links the
    registrations that proposed it; returns the organisation and how many were linked."""
    registrations = list(registrations)
    if not registrations:
        raise ValidationError(_("No registration proposes that organisation any longer."), code="nothing_pending")
    organisation = partners.create_organisation(acting_user, data)
    return organisation, link_proposed_organisation(acting_user, registrations, organisation)
