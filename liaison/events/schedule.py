"""Bilateral meetings into slots and rooms: the event's records as a `scheduling.Problem`, the scheduler run as a job,
and its result written in one transaction (a failed or refused run leaves the stored schedule as it was).

Participants are the delegations (requester and counterpart) and our hosts; a participant with availability rows
is available only in those slots, one without is available throughout. Published (locked) meetings keep their
slot and room; the others are re-optimised with the fewest moves from where they are.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core import changelog, jobs
from liaison.core.choices import ChangeAction

from . import history, scheduling
from .choices import MeetingStatus
from .models import Availability, Event, MeetingRequest, MeetingRoom, MeetingSlot

TIME_LIMIT = 60.0


def _key(organisation_id=None, host_id=None) -> str:
    return f"org:{organisation_id}" if organisation_id else f"host:{host_id}"


def problem_for(event: Event) -> tuple[scheduling.Problem, list[MeetingRequest]]:
    """The event's accepted meeting requests, slots, rooms and availability, as the scheduler takes them."""
    slots = list(MeetingSlot.objects.filter(event=event).order_by("date", "start"))
    orders: dict = {}
    engine_slots = []
    for slot in slots:
        orders[slot.date] = orders.get(slot.date, -1) + 1
        engine_slots.append(scheduling.Slot(slot.pk, slot.date, slot.start, slot.end, orders[slot.date]))
    rooms = tuple(scheduling.Room(room.pk, room.capacity) for room in MeetingRoom.objects.filter(event=event))
    requests = list(MeetingRequest.objects.filter(event=event, status=MeetingStatus.ACCEPTED)
                    .prefetch_related("hosts").order_by("pk"))
    available: dict = {}
    for row in Availability.objects.filter(event=event).values("organisation_id", "host_id", "slot_id"):
        available.setdefault(_key(row["organisation_id"], row["host_id"]), set()).add(row["slot_id"])
    everywhere = frozenset(slot.pk for slot in slots)
    participants, engine_requests, previous = {}, [], {}
    for request in requests:
        keys = [_key(request.requester_id)]
        keys += [_key(request.counterpart_id)] if request.counterpart_id else []
        hosts = [_key(host_id=host.pk) for host in request.hosts.all()]
        if len(keys) + len(hosts) < 2:
            raise jobs.JobFailed(_("The meeting “{meeting}” names none of our hosts: name them, then schedule.")
                                 .format(meeting=request))
        for key in keys + hosts:
            participants[key] = scheduling.Participant(key, frozenset(available.get(key, everywhere)),
                                                       host=key.startswith("host:"))
        placed = scheduling.Assignment(request.slot_id, request.room_id) if request.slot_id and request.room_id \
            else None
        engine_requests.append(scheduling.MeetingRequest(
            request.pk, tuple(keys + hosts), request.priority, request.mutual, request.people,
            placed if request.locked else None))
        if placed and not request.locked:
            previous[request.pk] = placed
    problem = scheduling.Problem(tuple(engine_slots), rooms, tuple(participants.values()), tuple(engine_requests),
                                 previous)
    return problem, requests


@transaction.atomic
def write(acting_user, event: Event, requests: list[MeetingRequest], result: scheduling.Schedule,
          run: jobs.Run | None = None) -> int:
    """Writes the schedule: each accepted request's slot and room, or why it has none; returns how many changed.

    The progress is reported from inside the transaction, so a run cancelled while writing leaves nothing
    written (see core.jobs.cancel)."""
    reasons = dict(scheduling.Reason.choices)
    changed = 0
    for done, request in enumerate(requests):
        if run is not None:
            run.progress(done, len(requests), _("Writing the schedule…"))
        stored = MeetingRequest._base_manager.select_for_update().get(pk=request.pk)
        placed = result.assignments.get(request.pk)
        reason = result.unplaced.get(request.pk)
        wanted = (placed.slot if placed else None, placed.room if placed else None,
                  str(reasons[reason]) if reason else "")
        if (stored.slot_id, stored.room_id, stored.unplaced_reason) == wanted:
            continue
        before = changelog.snapshot(stored)
        stored.slot_id, stored.room_id, stored.unplaced_reason = wanted
        stored.version += 1
        stored.save()
        changelog.record(acting_user, ChangeAction.UPDATE, stored, before=before, after=changelog.snapshot(stored),
                         related=event, facts=[history.PLACED()])
        changed += 1
    return changed


@transaction.atomic
def lock_placed(acting_user, event: Event) -> int:
    """Publishes the placed meetings: they keep their slot and room when the rest is re-optimised."""
    locked = 0
    for request in MeetingRequest.objects.filter(event=event, slot__isnull=False, room__isnull=False, locked=False):
        before = changelog.snapshot(request)
        request.locked = True
        request.version += 1
        request.save()
        changelog.record(acting_user, ChangeAction.UPDATE, request, before=before, after=changelog.snapshot(request),
                         related=event, facts=[history.PUBLISHED()])
        locked += 1
    return locked


@jobs.job
def run_schedule(run: jobs.Run, event_id: int, owner_id: int | None = None) -> jobs.Outcome:
    """Schedules the event's accepted bilateral meetings (CP-SAT), then writes the result in one transaction."""
    event = Event.objects.get(pk=event_id)
    owner = get_user_model().objects.filter(pk=owner_id).first()
    problem, requests = problem_for(event)
    if not problem.requests:
        raise jobs.JobFailed(_("No accepted meeting requests to schedule."), url=event.get_absolute_url())
    if not problem.slots or not problem.rooms:
        raise jobs.JobFailed(_("Define the meeting slots and rooms first."), url=event.get_absolute_url())
    run.progress(0, 1, _("Scheduling {count} meetings…").format(count=len(problem.requests)))
    try:
        result = scheduling.schedule(problem, time_limit=TIME_LIMIT)
    except scheduling.SchedulingInputError as error:
        raise jobs.JobFailed(str(error), url=event.get_absolute_url()) from error
    if result.status in (scheduling.Status.INFEASIBLE, scheduling.Status.CANCELLED, scheduling.Status.TIMEOUT):
        raise jobs.JobFailed(_("Nothing was changed: {status}.").format(status=result.status.label),
                             url=event.get_absolute_url())
    write(owner, event, requests, result, run)
    summary = {"status": str(result.status), "placed": result.placed, "unplaced": len(result.unplaced),
               "weight": result.weight, "bound": result.bound, "moved": result.moved, "idle_slots": result.idle_slots}
    message = _("{placed} meetings placed, {unplaced} not placed; the schedule is {status}.").format(
        placed=result.placed, unplaced=len(result.unplaced), status=result.status.label)
    return jobs.Outcome(str(message), url=event.get_absolute_url(), result=summary)
