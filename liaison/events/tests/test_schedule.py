"""The scheduler on the event's records: a job that writes the whole schedule or nothing, hard constraints on
random cases, lock and re-optimise, the CLI and the page that starts it."""

import datetime
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liaison.core.testing import follow_job, make_user
from liaison.events import schedule, services
from liaison.events.models import Availability, MeetingRequest
from liaison.events.tests.factories import (
    EventFactory,
    MeetingRequestFactory,
    MeetingRoomFactory,
    MeetingSlotFactory,
)
from liaison.partners.tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def case(seed: int, slots=4, rooms=2, delegations=6, hosts=2, requests=10):
    """A random event: slots on two days, rooms, accepted requests with one or two of our hosts, availability."""
    rng = random.Random(seed)
    event = EventFactory()
    made_slots = [MeetingSlotFactory(event=event, date=event.start_date + datetime.timedelta(days=n % 2),
                                     start=datetime.time(9 + n // 2), end=datetime.time(9 + n // 2, 45))
                  for n in range(slots)]
    for _n in range(rooms):
        MeetingRoomFactory(event=event, capacity=rng.choice([4, 8]))
    organisations = [OrganisationFactory() for _n in range(delegations)]
    contacts = [ContactFactory() for _n in range(hosts)]
    for organisation in organisations[:2]:
        for slot in rng.sample(made_slots, k=max(1, slots // 2)):
            Availability.objects.create(event=event, slot=slot, organisation=organisation)
    for _n in range(requests):
        meeting = MeetingRequestFactory(event=event, requester=rng.choice(organisations), status="accepted",
                                        priority=rng.randint(1, 3), people=rng.choice([2, 4, 6]))
        meeting.hosts.set(rng.sample(contacts, k=rng.randint(1, len(contacts))))
    return event


def placed(event):
    return list(MeetingRequest.objects.filter(event=event, slot__isnull=False).prefetch_related("hosts")
                .select_related("room"))


def run(event, user=None):
    job = schedule.jobs.create(user, schedule.run_schedule, "test", {"event_id": event.pk})
    return schedule.jobs.run_here(job)


@pytest.mark.parametrize("seed", range(5))
def test_nobody_and_no_room_is_double_booked_and_availability_holds(seed):
    event = case(seed)
    job = run(event)
    assert job.status == "succeeded", job.message
    meetings = placed(event)
    assert meetings
    rooms = Counter((m.slot_id, m.room_id) for m in meetings)
    assert max(rooms.values()) == 1
    people = Counter((m.slot_id, key) for m in meetings
                     for key in [f"o{m.requester_id}", *(f"h{h.pk}" for h in m.hosts.all())])
    assert max(people.values()) == 1
    for meeting in meetings:
        assert meeting.room.capacity >= meeting.people
        limits = set(Availability.objects.filter(organisation=meeting.requester_id).values_list("slot", flat=True))
        assert not limits or meeting.slot_id in limits
    unplaced = MeetingRequest.objects.filter(event=event, status="accepted", slot__isnull=True)
    assert all(m.unplaced_reason for m in unplaced)
    assert job.result["placed"] == len(meetings) and job.result["status"] in ("optimal", "feasible")


def test_locked_meetings_stay_and_the_rest_is_reoptimised():
    event = case(11, requests=6)
    run(event)
    before = {m.pk: (m.slot_id, m.room_id) for m in placed(event)}
    assert schedule.lock_placed(None, event) == len(before)
    newcomer = MeetingRequestFactory(event=event, requester=OrganisationFactory(), status="accepted")
    newcomer.hosts.set([ContactFactory()])
    assert run(event).status == "succeeded"
    after = {m.pk: (m.slot_id, m.room_id) for m in placed(event)}
    assert all(after[pk] == where for pk, where in before.items())
    assert newcomer.pk in after


def test_a_refused_run_changes_nothing():
    event = EventFactory()
    MeetingRequestFactory(event=event, status="accepted")
    job = run(event)
    assert job.status == "failed" and "names none of our hosts" in job.message
    assert not MeetingRequest.objects.filter(event=event, slot__isnull=False).exists()


def test_the_command_line_schedules_an_event(capsys):
    event = case(3)
    call_command("schedule", str(event.pk))
    assert "meetings placed" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("schedule", "999999")


def test_the_page_starts_the_job_and_shows_the_result(client_as):
    event = case(4)
    client = client_as("officer")
    response = client.post(f"/events/events/{event.pk}/schedule/")
    page = follow_job(client, response)
    assert page.status_code == 200 and "meetings placed" in page.content.decode()
    assert placed(event)


def test_declining_a_meeting_takes_it_out_of_the_schedule():
    event = case(5)
    run(event)
    meeting = placed(event)[0]
    services.answer_meeting_request(make_user("officer"), meeting, accept=False)
    meeting.refresh_from_db()
    assert meeting.status == "declined" and meeting.slot_id is None


def test_a_delegation_gets_its_agenda_as_a_page_and_a_calendar_file(client_as):
    from icalendar import Calendar

    event = case(6)
    run(event)
    meeting = placed(event)[0]
    client = client_as("viewer")
    url = f"/events/events/{event.pk}/agenda/?organisation={meeting.requester_id}"
    assert str(meeting.requester) in client.get(url).content.decode()
    response = client.get(url + "&format=ics")
    assert response["Content-Type"].startswith("text/calendar")
    entries = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    mine = MeetingRequest.objects.filter(event=event, slot__isnull=False, requester=meeting.requester_id)
    assert len(entries) == mine.count()
    start = entries[0].decoded("dtstart")
    assert start.tzinfo is not None and start.time() in {m.slot.start for m in mine}
