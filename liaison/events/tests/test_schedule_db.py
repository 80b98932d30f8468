"""The scheduler on records in the database: a cancelled run leaves the stored schedule exactly as it was, and on
random events nobody and no room is double-booked, availability holds and published meetings stay."""

import datetime
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.core import jobs
from liaison.core.models import Job
from liaison.core.testing import make_user
from liaison.events import schedule
from liaison.events.models import Availability, MeetingRequest
from liaison.events.tests.factories import (
    EventFactory,
    MeetingRequestFactory,
    MeetingRoomFactory,
    MeetingSlotFactory,
)
from liaison.events.tests.test_schedule import case, run
from liaison.partners.tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def stored(event) -> list[tuple]:
    return list(MeetingRequest.objects.filter(event=event).order_by("pk").values_list(
        "pk", "slot", "room", "unplaced_reason", "locked", "version"))


def test_a_cancelled_schedule_run_leaves_the_previous_schedule_exactly_as_it_was(monkeypatch):
    monkeypatch.setattr(jobs, "PROGRESS_EVERY", 0)
    owner = make_user("manager")
    event = case(3)
    assert run(event, owner).status == "succeeded"
    previous = stored(event)
    accepted = list(MeetingRequest.objects.filter(event=event, status="accepted").order_by("pk"))
    first = next(meeting for meeting in accepted if meeting.slot_id)
    other_slot = event.slots.exclude(pk=first.slot_id).first()
    Availability.objects.filter(organisation=first.requester).delete()
    Availability.objects.create(event=event, slot=other_slot, organisation=first.requester)
    position = accepted.index(first)
    job = jobs.create(owner, schedule.run_schedule, "test", {"event_id": event.pk})

    def owner_cancels_once_the_first_is_written(done, total, message):
        if message == "Writing the schedule…" and done == position + 1:
            jobs.cancel(owner, Job.objects.get(pk=job.pk))

    jobs.run_here(job, owner_cancels_once_the_first_is_written)
    assert job.status == "cancelled", job.message
    assert stored(event) == previous
    assert run(event, owner).status == "succeeded"  # not cancelled, the same run moves that meeting
    assert MeetingRequest.objects.get(pk=first.pk).slot_id != first.slot_id


def random_event(data):
    """An event with rooms, slots, delegations, hosts, accepted requests and availability drawn by hypothesis."""
    event = EventFactory()
    slots = [MeetingSlotFactory(event=event, date=event.start_date + datetime.timedelta(days=n % 2),
                                start=datetime.time(9 + n // 2), end=datetime.time(9 + n // 2, 45))
             for n in range(data.draw(st.integers(2, 5), "slots"))]
    for capacity in data.draw(st.lists(st.sampled_from([2, 4, 8]), min_size=1, max_size=3), "rooms"):
        MeetingRoomFactory(event=event, capacity=capacity)
    delegations = [OrganisationFactory() for _n in range(data.draw(st.integers(2, 5), "delegations"))]
    hosts = [ContactFactory() for _n in range(data.draw(st.integers(1, 3), "hosts"))]
    for index, who in enumerate(delegations + hosts):
        free = data.draw(st.sets(st.integers(0, len(slots) - 1), max_size=len(slots)), f"free {index}")
        for n in free:
            Availability.objects.create(event=event, slot=slots[n], **(
                {"organisation": who} if who in delegations else {"host": who}))
    for index in range(data.draw(st.integers(1, 8), "requests")):
        requester = data.draw(st.sampled_from(delegations), f"requester {index}")
        meeting = MeetingRequestFactory(event=event, requester=requester, status="accepted",
                                        priority=data.draw(st.integers(1, 3), f"priority {index}"),
                                        people=data.draw(st.sampled_from([2, 4, 6]), f"people {index}"))
        meeting.hosts.set(data.draw(st.lists(st.sampled_from(hosts), min_size=1, max_size=2, unique=True),
                                    f"hosts {index}"))
    return event


def check_hard_constraints(event, locked_before: dict) -> None:
    meetings = list(MeetingRequest.objects.filter(event=event, slot__isnull=False)
                    .select_related("room").prefetch_related("hosts"))
    assert max(Counter((m.slot_id, m.room_id) for m in meetings).values(), default=0) <= 1
    busy = Counter((m.slot_id, key) for m in meetings for key in
                   [f"o{m.requester_id}", *([f"o{m.counterpart_id}"] if m.counterpart_id else []),
                    *(f"h{h.pk}" for h in m.hosts.all())])
    assert max(busy.values(), default=0) <= 1
    free: dict = {}
    for row in Availability.objects.filter(event=event).values("organisation", "host", "slot"):
        free.setdefault(f"o{row['organisation']}" if row["organisation"] else f"h{row['host']}", set()).add(
            row["slot"])
    for meeting in meetings:
        assert meeting.room.capacity >= meeting.people
        for key in [f"o{meeting.requester_id}", *(f"h{h.pk}" for h in meeting.hosts.all())]:
            assert key not in free or meeting.slot_id in free[key]
    for pk, place in locked_before.items():
        assert MeetingRequest.objects.values_list("slot", "room").get(pk=pk) == place


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_events_in_the_database_keep_the_hard_constraints(data):
    with transaction.atomic():
        event = random_event(data)
        first = run(event)
        assert first.status in ("succeeded", "failed"), first.message
        check_hard_constraints(event, {})
        schedule.lock_placed(None, event)
        locked = dict((pk, (slot, room)) for pk, slot, room in MeetingRequest.objects.filter(
            event=event, locked=True).values_list("pk", "slot", "room"))
        extra = MeetingRequestFactory(event=event, requester=event.meeting_requests.first().requester,
                                      status="accepted")
        extra.hosts.set(event.meeting_requests.first().hosts.all())
        second = run(event)
        assert second.status in ("succeeded", "failed"), second.message
        check_hard_constraints(event, locked)
        transaction.set_rollback(True)
