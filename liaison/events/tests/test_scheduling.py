"""The bilateral-meeting scheduler: hard constraints on random cases, optimality against brute force,
re-optimisation with the fewest moves, reasons for unplaced requests, cancellation and bad input."""

import random
import threading
from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.events.scheduling import (
    Assignment,
    MeetingRequest,
    Participant,
    Problem,
    Reason,
    Room,
    SchedulingInputError,
    Slot,
    Status,
    greedy,
    schedule,
)

FIRST_DAY = date(2024, 5, 14)
SMALL = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def make_slots(days: int, per_day: int) -> tuple[Slot, ...]:
    """Half-hour slots from 09:00, named d<day>s<order>."""
    slots = []
    for day in range(days):
        for order in range(per_day):
            start = datetime(2024, 1, 1, 9) + timedelta(minutes=30 * order)
            slots.append(Slot(f"d{day}s{order}", FIRST_DAY + timedelta(days=day), start.time(),
                              (start + timedelta(minutes=30)).time(), order))
    return tuple(slots)


def everyone(*ids: str, slots, hosts=()) -> tuple[Participant, ...]:
    return tuple(Participant(i, frozenset(s.id for s in slots), host=i in hosts) for i in ids)


# What the schedule must respect, checked without the scheduler's own code.

def violations(problem: Problem, result) -> list[str]:
    """Every broken hard constraint of `result`, in words."""
    found = []
    slots, rooms = {s.id: s for s in problem.slots}, {r.id: r for r in problem.rooms}
    requests = {r.id: r for r in problem.requests}
    available = {p.id: p.available for p in problem.participants}
    people, taken = defaultdict(list), defaultdict(list)
    for rid, assignment in result.assignments.items():
        if rid not in requests:
            found.append(f"{rid} is not an accepted request")
            continue
        request = requests[rid]
        if assignment.slot not in slots or assignment.room not in rooms:
            found.append(f"{rid} is in an unknown slot or room")
            continue
        taken[assignment.slot, assignment.room].append(rid)
        for participant in request.participants:
            people[assignment.slot, participant].append(rid)
        if request.locked is not None:
            if assignment != request.locked:
                found.append(f"locked {rid} moved")
            continue
        if rooms[assignment.room].capacity < request.capacity:
            found.append(f"{rid} is in too small a room")
        for participant in request.participants:
            if assignment.slot not in available[participant]:
                found.append(f"{participant} is not available for {rid}")
    found += [f"{key} double-booked by {rids}" for key, rids in (people | taken).items() if len(rids) > 1]
    found += [f"locked {r.id} missing" for r in problem.requests if r.locked and r.id not in result.assignments]
    if set(result.assignments) & set(result.unplaced) or \
            set(result.assignments) | set(result.unplaced) != set(requests):
        found.append("placed and unplaced requests do not partition the accepted requests")
    if result.weight != sum(requests[rid].weight for rid in result.assignments):
        found.append("the weight is not that of the placed meetings")
    return found


def idle_slots(problem: Problem, assignments) -> int:
    """Slots in which a host is available and free between two of its meetings of one day."""
    busy = defaultdict(set)
    requests = {r.id: r for r in problem.requests}
    for rid, assignment in assignments.items():
        for participant in requests[rid].participants:
            busy[participant].add(assignment.slot)
    days = defaultdict(list)
    for slot in sorted(problem.slots, key=lambda s: (s.day, s.order)):
        days[slot.day].append(slot.id)
    idle = 0
    for host in (p for p in problem.participants if p.host):
        for day_slots in days.values():
            used = [n for n, s in enumerate(day_slots) if s in busy[host.id]]
            if used:
                idle += sum(s in host.available and s not in busy[host.id]
                            for s in day_slots[used[0]:used[-1] + 1])
    return idle


def moved(problem: Problem, assignments) -> int:
    return sum(rid not in assignments or assignments[rid].slot != a.slot for rid, a in problem.previous.items()
               if not next(r for r in problem.requests if r.id == rid).locked)


def brute_force_best(problem: Problem) -> tuple[int, int, int]:
    """(weight, moved, idle) of the lexicographically best schedule, by trying every placement in every room."""
    slots, rooms = [s.id for s in problem.slots], problem.rooms
    available = {p.id: p.available for p in problem.participants}
    fixed = {r.id: r.locked for r in problem.requests if r.locked}
    open_requests = [r for r in problem.requests if not r.locked]
    best = None

    def place(n: int, chosen: dict, people: set, used: set):
        nonlocal best
        if n == len(open_requests):
            assignments = fixed | chosen
            key = (sum(r.weight for r in problem.requests if r.id in assignments),
                   -moved(problem, assignments), -idle_slots(problem, assignments))
            best = key if best is None or key > best else best
            return
        place(n + 1, chosen, people, used)
        request = open_requests[n]
        for slot in slots:
            if any(slot not in available[p] or (slot, p) in people for p in request.participants):
                continue
            for room in rooms:
                if room.capacity >= request.capacity and (slot, room.id) not in used:
                    place(n + 1, chosen | {request.id: Assignment(slot, room.id)},
                          people | {(slot, p) for p in request.participants}, used | {(slot, room.id)})

    locked_people = {(a.slot, p) for r in problem.requests if r.locked for a in [r.locked] for p in r.participants}
    place(0, {}, locked_people, {(a.slot, a.room) for a in fixed.values()})
    return best[0], -best[1], -best[2]


@st.composite
def problems(draw, max_requests=7, with_locks=True) -> Problem:
    """Small random events; when `with_locks`, some meetings of a valid schedule are locked, others previous."""
    slots = make_slots(draw(st.integers(1, 2)), draw(st.integers(1, 4)))
    rooms = tuple(Room(f"room{n}", draw(st.sampled_from((2, 4, 8)))) for n in range(draw(st.integers(1, 3))))
    ids = [f"p{n}" for n in range(draw(st.integers(2, 6)))]
    participants = tuple(
        Participant(i, frozenset(s.id for s in slots if draw(st.booleans()) or draw(st.booleans())),
                    host=draw(st.booleans()))
        for i in ids)
    requests = []
    for n in range(draw(st.integers(0, max_requests))):
        members = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True))
        requests.append(MeetingRequest(f"r{n}", tuple(members), priority=draw(st.integers(1, 3)),
                                       mutual=draw(st.booleans()), capacity=draw(st.integers(0, 9))))
    problem = Problem(slots, rooms, participants, tuple(requests))
    if not with_locks:
        return problem
    placed = greedy(problem).assignments
    locked = {rid for rid in placed if draw(st.booleans())}
    previous = {rid: a for rid, a in placed.items() if rid not in locked and draw(st.booleans())}
    requests = tuple(MeetingRequest(r.id, r.participants, r.priority, r.mutual, r.capacity,
                                    placed[r.id] if r.id in locked else None) for r in requests)
    return Problem(slots, rooms, participants, requests, previous)


@SMALL
@given(problems())
def test_no_one_and_no_room_is_double_booked_and_locked_meetings_stay(problem):
    result = schedule(problem, time_limit=20)
    assert (result.status, result.bound) == (Status.OPTIMAL, result.weight)
    assert violations(problem, result) == []
    assert violations(problem, greedy(problem)) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_requests=5))
def test_the_proven_optimum_is_the_best_schedule_brute_force_finds(problem):
    result = schedule(problem, time_limit=20)
    assert result.status == Status.OPTIMAL
    assert (result.weight, result.moved, result.idle_slots) == brute_force_best(problem)
    assert (result.moved, result.idle_slots) == (moved(problem, result.assignments),
                                                 idle_slots(problem, result.assignments))


@SMALL
@given(problems(with_locks=False))
def test_re_optimising_an_unchanged_schedule_moves_nothing(problem):
    first = schedule(problem, time_limit=20)
    again = schedule(Problem(problem.slots, problem.rooms, problem.participants, problem.requests,
                             previous=first.assignments), time_limit=20)
    assert again.status == Status.OPTIMAL
    assert again.moved == 0
    assert {rid: a.slot for rid, a in again.assignments.items()} == \
           {rid: a.slot for rid, a in first.assignments.items()}


def symposium_day():
    """One day of six slots, two rooms, two hosts, six delegations available all day."""
    slots = make_slots(1, 6)
    participants = everyone("commissioner", "deputy", *(f"delegation{n}" for n in range(6)), slots=slots,
                            hosts=("commissioner", "deputy"))
    return slots, (Room("harbour", 8), Room("peak", 8)), participants


def test_a_new_request_moves_only_the_meeting_in_its_way_and_never_a_locked_one():
    slots, rooms, participants = symposium_day()
    late = Participant("delegation9", frozenset({"d0s2"}))
    requests = [MeetingRequest(f"r{n}", ("commissioner", f"delegation{n}")) for n in range(5)]
    first = schedule(Problem(slots, rooms, participants + (late,), tuple(requests)), time_limit=20)
    assert first.placed == 5
    in_the_way = next(rid for rid, a in first.assignments.items() if a.slot == "d0s2")
    published = {rid: first.assignments[rid] for rid in [r.id for r in requests if r.id != in_the_way][:2]}
    changed = [MeetingRequest(r.id, r.participants, locked=published.get(r.id)) for r in requests]
    changed.append(MeetingRequest("r9", ("commissioner", "delegation9"), priority=3))
    previous = {rid: a for rid, a in first.assignments.items() if rid not in published}
    again = schedule(Problem(slots, rooms, participants + (late,), tuple(changed), previous), time_limit=20)
    assert again.status == Status.OPTIMAL
    assert again.placed == 6 and again.assignments["r9"].slot == "d0s2"
    assert all(again.assignments[rid] == a for rid, a in published.items())
    assert again.moved == 1
    assert [rid for rid, a in previous.items() if again.assignments[rid].slot != a.slot] == [in_the_way]


def test_meetings_that_keep_their_slot_keep_their_room():
    slots, rooms, participants = symposium_day()
    requests = tuple(MeetingRequest(f"r{n}", (f"delegation{n}", f"delegation{n + 1}")) for n in (0, 2, 4))
    previous = {"r0": Assignment("d0s3", "peak"), "r2": Assignment("d0s3", "harbour"),
                "r4": Assignment("d0s5", "peak")}
    result = schedule(Problem(slots, rooms, participants, requests, previous), time_limit=20)
    assert result.moved == 0
    assert dict(result.assignments) == {f"r{n}": previous[f"r{n}"] for n in (0, 2, 4)}


def test_the_schedule_places_what_first_fit_cannot():
    slots = make_slots(1, 2)
    participants = (Participant("host", frozenset({"d0s0", "d0s1"}), host=True),
                    Participant("early", frozenset({"d0s0", "d0s1"})), Participant("busy", frozenset({"d0s0"})))
    requests = (MeetingRequest("flexible", ("host", "early"), priority=2), MeetingRequest("tight", ("host", "busy")))
    problem = Problem(slots, (Room("room", 6),), participants, requests)
    baseline, result = greedy(problem), schedule(problem, time_limit=20)
    assert (baseline.weight, baseline.unplaced) == (2, {"tight": Reason.SLOTS_TAKEN})
    assert (result.status, result.weight, result.unplaced) == (Status.OPTIMAL, 3, {})
    assert {rid: a.slot for rid, a in result.assignments.items()} == {"flexible": "d0s1", "tight": "d0s0"}


def test_when_the_relaxation_is_fractional_the_search_still_proves_the_optimum():
    """Three delegations who all want to meet each other in one slot: the relaxation takes half of each
    meeting (weight 3), a schedule only one (2); a locked meeting elsewhere adds its weight to both."""
    slots = make_slots(1, 1)
    participants = everyone("a", "b", "c", "host", "d", slots=slots, hosts=("host",))
    requests = (MeetingRequest("ab", ("a", "b"), priority=2), MeetingRequest("bc", ("b", "c"), priority=2),
                MeetingRequest("ca", ("c", "a"), priority=2),
                MeetingRequest("published", ("host", "d"), priority=2, locked=Assignment("d0s0", "room0")))
    problem = Problem(slots, tuple(Room(f"room{n}", 6) for n in range(3)), participants, requests)
    result = schedule(problem, time_limit=20)
    assert (result.status, result.weight, result.bound, result.placed) == (Status.OPTIMAL, 4, 4, 2)
    assert brute_force_best(problem) == (4, 0, 0)


def test_priority_and_mutual_requests_win_the_only_slot():
    slots = make_slots(1, 1)
    participants = everyone("host", "a", "b", "c", slots=slots, hosts=("host",))
    requests = (MeetingRequest("asked-by-a", ("host", "a")), MeetingRequest("mutual-b", ("host", "b"), mutual=True),
                MeetingRequest("priority-c", ("host", "c"), priority=3))
    result = schedule(Problem(slots, (Room("room", 6),), participants, requests), time_limit=20)
    assert list(result.assignments) == ["priority-c"]
    without_c = schedule(Problem(slots, (Room("room", 6),), participants, requests[:2]), time_limit=20)
    assert list(without_c.assignments) == ["mutual-b"]


def test_a_hosts_meetings_are_packed_without_idle_slots():
    slots = make_slots(1, 3)
    participants = (Participant("host", frozenset(s.id for s in slots), host=True),
                    Participant("a", frozenset({"d0s0", "d0s1"})), Participant("b", frozenset({"d0s2"})))
    requests = (MeetingRequest("with-a", ("host", "a")), MeetingRequest("with-b", ("host", "b")))
    problem = Problem(slots, (Room("room", 6),), participants, requests)
    assert greedy(problem).idle_slots == 1
    result = schedule(problem, time_limit=20)
    assert (result.status, result.idle_slots) == (Status.OPTIMAL, 0)
    assert result.assignments["with-a"].slot == "d0s1"


def test_unplaced_requests_say_why():
    slots = make_slots(1, 2)
    participants = (Participant("host", frozenset({"d0s0", "d0s1"}), host=True),
                    Participant("morning", frozenset({"d0s0"})), Participant("afternoon", frozenset({"d0s1"})),
                    Participant("early", frozenset({"d0s0"})), Participant("big", frozenset({"d0s0", "d0s1"})))
    requests = (MeetingRequest("apart", ("morning", "afternoon")),
                MeetingRequest("too-big", ("host", "big"), capacity=30),
                MeetingRequest("published", ("host", "afternoon"), locked=Assignment("d0s1", "room")),
                MeetingRequest("first", ("host", "morning"), priority=2),
                MeetingRequest("second", ("host", "early")))
    result = schedule(Problem(slots, (Room("room", 10),), participants, requests), time_limit=20)
    assert result.status == Status.OPTIMAL
    assert dict(result.unplaced) == {"apart": Reason.NO_COMMON_SLOT, "too-big": Reason.NO_ROOM,
                                     "second": Reason.SLOTS_TAKEN}
    with translation.override("zh-hant"):
        assert [str(result.unplaced[rid].label) for rid in ("apart", "too-big", "second")] == \
               ["沒有共同的空檔", "沒有所需大小的會議室", "所有共同空檔均已安排其他會面"]


def test_a_slot_blocked_by_a_locked_meeting_is_not_a_common_free_slot():
    slots = make_slots(1, 2)
    participants = everyone("host", "a", "b", slots=slots, hosts=("host",))
    requests = (MeetingRequest("published", ("host", "a"), locked=Assignment("d0s0", "room")),
                MeetingRequest("other", ("host", "b")),
                MeetingRequest("again", ("a", "b"), locked=Assignment("d0s1", "room")))
    result = schedule(Problem(slots, (Room("room", 6),), participants, requests), time_limit=20)
    assert result.unplaced == {"other": Reason.NO_COMMON_SLOT}


def test_clashing_locked_meetings_make_the_schedule_infeasible_and_place_nothing():
    slots = make_slots(1, 2)
    participants = everyone("host", "a", "b", slots=slots, hosts=("host",))
    requests = (MeetingRequest("one", ("host", "a"), locked=Assignment("d0s0", "room")),
                MeetingRequest("two", ("host", "b"), locked=Assignment("d0s0", "other room")),
                MeetingRequest("three", ("a", "b")))
    result = schedule(Problem(slots, (Room("room", 6), Room("other room", 6)), participants, requests))
    assert (result.status, result.assignments) == (Status.INFEASIBLE, {})
    assert result.unplaced == {"one": Reason.LOCKED_CLASH, "two": Reason.LOCKED_CLASH}


def busy_event(seed: int) -> Problem:
    """Three days of sixteen slots, six rooms, eight hosts, a hundred delegations and 160 requests."""
    rng = random.Random(seed)
    slots = make_slots(3, 16)
    hosts = [Participant(f"host{n}", frozenset(s.id for s in slots if rng.random() < 0.5), host=True)
             for n in range(8)]
    delegations = [Participant(f"delegation{n}", frozenset(s.id for s in slots if rng.random() < 0.4))
                   for n in range(100)]
    requests = tuple(MeetingRequest(f"r{n}", (rng.choice(hosts).id, rng.choice(delegations).id),
                                    priority=rng.randint(1, 3), capacity=rng.randint(2, 12)) for n in range(160))
    return Problem(slots, tuple(Room(f"room{n}", 6 + 2 * n) for n in range(6)), tuple(hosts + delegations),
                   requests)


def test_a_run_cancelled_after_its_first_progress_returns_no_schedule():
    reports, cancelled = [], threading.Event()

    def progress(report):
        reports.append(report)
        cancelled.set()

    result = schedule(busy_event(1), time_limit=60, cancel=cancelled.is_set, progress=progress)
    assert reports and result.status == Status.CANCELLED
    assert (result.assignments, result.unplaced, result.weight) == ({}, {}, 0)


def test_the_solver_is_stopped_mid_search_when_a_cancel_arrives():
    """A host with an unavoidable idle slot: the idle stage runs CP-SAT, whose threads then see the cancel."""
    slots = make_slots(1, 3)
    participants = (Participant("host", frozenset(s.id for s in slots), host=True),
                    Participant("early", frozenset({"d0s0"})), Participant("late", frozenset({"d0s2"})))
    requests = (MeetingRequest("morning", ("host", "early")), MeetingRequest("evening", ("host", "late")))
    problem = Problem(slots, (Room("room", 6),), participants, requests)
    assert schedule(problem).idle_slots == 1
    callers = set()

    def cancel():
        callers.add(threading.current_thread())
        return threading.current_thread() is not threading.main_thread()

    result = schedule(problem, time_limit=120, cancel=cancel)
    assert threading.main_thread() in callers and len(callers) > 1
    assert (result.status, result.assignments) == (Status.CANCELLED, {})
    assert result.seconds < 60


def test_a_run_without_time_finds_nothing():
    result = schedule(busy_event(3), time_limit=0)
    assert (result.status, result.assignments) == (Status.TIMEOUT, {})


def test_the_same_problem_gives_the_same_figures():
    problem = busy_event(4)
    first, second = schedule(problem, time_limit=60), schedule(problem, time_limit=60)
    assert first.status == second.status == Status.OPTIMAL
    assert (first.weight, first.moved, first.idle_slots) == (second.weight, second.moved, second.idle_slots)
    assert violations(problem, first) == []


@pytest.mark.parametrize(("change", "message"), [
    (lambda p: p.participants[:-1], "names an unknown participant p2"),
    (lambda p: p.participants + (Participant("p9", frozenset({"nowhere"})),), "unknown slot nowhere"),
    (lambda p: p.participants + (p.participants[0],), "The id p0 is used twice."),
])
def test_an_inconsistent_problem_is_refused_with_a_clear_message(change, message):
    slots = make_slots(1, 2)
    problem = Problem(slots, (Room("room", 6),), everyone("p0", "p1", "p2", slots=slots),
                      (MeetingRequest("r", ("p0", "p2")),))
    with pytest.raises(SchedulingInputError, match=message):
        schedule(Problem(problem.slots, problem.rooms, change(problem), problem.requests))


@pytest.mark.parametrize(("request_", "message"), [
    (MeetingRequest("alone", ("p0", "p0")), "two or more participants, each named once"),
    (MeetingRequest("twice", ("p0", "p1", "p0")), "two or more participants, each named once"),
    (MeetingRequest("zero", ("p0", "p1"), priority=0), "priority of at least 1"),
    (MeetingRequest("lost", ("p0", "p1"), locked=Assignment("d0s0", "attic")), "unknown slot or room"),
])
def test_a_malformed_request_is_refused_in_the_users_language(request_, message):
    slots = make_slots(1, 2)
    problem = Problem(slots, (Room("room", 6),), everyone("p0", "p1", slots=slots), (request_,))
    with pytest.raises(SchedulingInputError, match=message):
        greedy(problem)
    with translation.override("zh-hant"), pytest.raises(SchedulingInputError, match="會面請求"):
        greedy(problem)


def test_the_brute_force_tries_every_room():
    """The brute force itself: both meetings fit in one slot only if the large one takes the large room."""
    slots = make_slots(1, 1)
    problem = Problem(slots, (Room("small", 2), Room("large", 6)), everyone("a", "b", "c", "d", slots=slots),
                      (MeetingRequest("big", ("a", "b"), capacity=5), MeetingRequest("pair", ("c", "d"))))
    assert brute_force_best(problem) == (2, 0, 0)
