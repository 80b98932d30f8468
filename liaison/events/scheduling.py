"""The bilateral-meeting scheduler: accepted meeting requests into time slots and rooms (OR-Tools CP-SAT).

Pure and model-independent: the events app turns its records into a `Problem` of plain dataclasses, calls
`schedule()` (or the `greedy()` baseline) and writes the returned `Schedule` in one transaction. The engine
writes nothing, so a cancelled or failed run leaves the stored schedule as it was.

Hard constraints
    Every meeting takes one slot and one room. Nobody (delegation or host) has two meetings in one slot, no
    room holds two meetings in one slot, a meeting's room seats its `capacity`, and every participant is
    available in its slot. Locked (published) meetings keep their slot and room.

Objective, lexicographic (each level is optimised with the levels before it held at their optimum)
    1. maximise the placed weight: the sum of `weight` over placed meetings, where `weight` is the priority,
       doubled for a mutual request;
    2. minimise the moved meetings: requests placed in `Problem.previous` (the schedule being re-optimised)
       that end up in another slot or unplaced. Only slot changes count; a meeting that keeps its slot also
       keeps its room when it can;
    3. minimise the hosts' idle slots: for each host and day, the slots between the host's first and last
       meeting of the day in which the host is available but has no meeting.
    Moves rank above idle slots so that re-optimising a published schedule never moves a meeting only to
    tighten a host's day.

Model
    One boolean per request and candidate slot (a slot in which every participant is available and free of
    locked meetings, and a room large enough is not taken by a locked meeting). Rooms are not variables:
    rooms are interchangeable within what they seat, so per slot and per room size the meetings needing at
    least that size may not outnumber the free rooms seating it (Hall's condition for nested room sets, hence
    exact). This removes the room symmetry; concrete rooms are given afterwards, largest meetings first.

Solving, level by level
    1. The linear relaxation (GLOP) bounds the placed weight; its optimum is very often whole already, and a
       whole optimum is a schedule proven optimal. Otherwise CP-SAT maximises from the relaxation's whole
       part, completed first fit, with the relaxation's bound as a constraint.
    2. and 3. CP-SAT minimises moves, then idle slots, with the levels before fixed at their optimum, from the
       schedule of the level before (for idle slots, after moving host meetings one by one to closer free
       slots), every variable hinted. A level whose hint is already at zero needs no search.
    A level not proven within the time limit ends the run: the status is feasible and the schedule the best
    found; `bound` still tells whether the placed weight was proven optimal.
"""

import bisect
import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from datetime import time as clock
from enum import Enum

from django.db import models
from django.utils.translation import gettext_lazy as _
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

MUTUAL_BONUS = 2
CANCEL_POLL_SECONDS = 0.1
RELAXATION_MARGIN = 1e-4


@dataclass(frozen=True)
class Slot:
    """A time slot for bilateral meetings; `order` is its position within its day."""

    id: Hashable
    day: date
    start: clock
    end: clock
    order: int


@dataclass(frozen=True)
class Room:
    """A meeting room and the number of people it seats."""

    id: Hashable
    capacity: int


@dataclass(frozen=True)
class Participant:
    """A delegation or one of our hosts, with the slots in which it is available."""

    id: Hashable
    available: frozenset
    host: bool = False


@dataclass(frozen=True)
class Assignment:
    """Where and when a meeting takes place."""

    slot: Hashable
    room: Hashable


@dataclass(frozen=True)
class MeetingRequest:
    """An accepted request for a meeting of two or more participants; `locked` holds a published placement."""

    id: Hashable
    participants: tuple
    priority: int = 1
    mutual: bool = False
    capacity: int = 0
    locked: Assignment | None = None

    @property
    def weight(self) -> int:
        return self.priority * (MUTUAL_BONUS if self.mutual else 1)


@dataclass(frozen=True)
class Problem:
    """Everything a schedule run needs; `previous` is the unlocked part of the schedule being re-optimised."""

    slots: tuple[Slot, ...]
    rooms: tuple[Room, ...]
    participants: tuple[Participant, ...]
    requests: tuple[MeetingRequest, ...]
    previous: Mapping[Hashable, Assignment] = field(default_factory=dict)


class Status(models.TextChoices):
    """How a run ended."""

    OPTIMAL = "optimal", _("proven optimal")
    FEASIBLE = "feasible", _("not proven optimal")
    INFEASIBLE = "infeasible", _("locked meetings clash")
    CANCELLED = "cancelled", _("cancelled")
    TIMEOUT = "timeout", _("time limit reached before any schedule was found")


class Reason(models.TextChoices):
    """Why an accepted request has no place in the schedule."""

    NO_ROOM = "no_room", _("no room of the needed size")
    NO_COMMON_SLOT = "no_common_slot", _("no common free slot")
    SLOTS_TAKEN = "slots_taken", _("every common free slot is taken by other meetings")
    LOCKED_CLASH = "locked_clash", _("clashes with another locked meeting")


class Stage(Enum):
    """The objective levels, in the order they are optimised."""

    WEIGHT = "weight"
    MOVES = "moves"
    IDLE = "idle"


@dataclass(frozen=True)
class Progress:
    """The best value found so far at one stage, and the solver's bound on it."""

    stage: Stage
    value: int
    bound: int
    seconds: float


@dataclass(frozen=True)
class Schedule:
    """The result of a run: placed meetings by request id, unplaced requests with their reason, and figures.

    `weight`, `moved` and `idle_slots` are the three objective levels measured on `assignments`; `bound` is the
    solver's proven upper bound on `weight` (equal to it when the status is optimal, None from the greedy).
    """

    status: Status
    assignments: Mapping[Hashable, Assignment]
    unplaced: Mapping[Hashable, Reason]
    weight: int
    bound: int | None
    moved: int
    idle_slots: int
    seconds: float

    @property
    def placed(self) -> int:
        return len(self.assignments)


class SchedulingInputError(ValueError):
    """The problem contradicts itself (unknown ids, a request with one participant...)."""


def schedule(problem: Problem, *, time_limit: float = 60.0, workers: int = 2,
             cancel: Callable[[], bool] | None = None,
             progress: Callable[[Progress], None] | None = None) -> Schedule:
    """The lexicographically best schedule found within `time_limit` seconds.

    `cancel` is polled about ten times a second from a helper thread and at every solution found: once it
    answers True the run stops and returns a cancelled schedule with no assignment. `progress` receives every
    improving solution.
    """
    started = time.monotonic()
    if cancel is not None and cancel():
        return _empty(Status.CANCELLED, started)
    index = _Index(problem)
    if index.clashes:
        return index.infeasible(started)
    run = _Solve(index, started + time_limit, workers, cancel, progress)
    status, slot_of, bound = run.solve()
    if run.cancelled or (cancel is not None and cancel()):
        return _empty(Status.CANCELLED, started)
    if status is Status.TIMEOUT:
        return _empty(Status.TIMEOUT, started)
    index.fill(slot_of)
    return index.result(status, slot_of, bound, started)


def greedy(problem: Problem) -> Schedule:
    """The baseline: locked meetings, then previous placements that still fit, then first fit by weight."""
    started = time.monotonic()
    index = _Index(problem)
    if index.clashes:
        return index.infeasible(started)
    return index.result(Status.FEASIBLE, index.first_fit(), None, started)


def _empty(status: Status, started: float) -> Schedule:
    return Schedule(status, {}, {}, 0, None, 0, 0, time.monotonic() - started)


class _Occupancy:
    """Who and how many rooms of each size are taken in each slot, for first-fit placement."""

    def __init__(self, index: "_Index"):
        self.index = index
        self.busy: dict[Hashable, set] = defaultdict(set)
        self.rooms_used: dict[Hashable, list[int]] = {s: [0] * len(index.sizes) for s in index.slot_ids}

    def fits(self, request: MeetingRequest, slot: Hashable) -> bool:
        used, free = self.rooms_used[slot], self.index.free_rooms[slot]
        size = self.index.size_of[request.id]
        return (not self.busy[slot].intersection(request.participants)
                and all(used[k] < free[k] for k in range(size + 1)))

    def take(self, request: MeetingRequest, slot: Hashable) -> None:
        self._count(request, slot, 1)
        self.busy[slot].update(request.participants)

    def release(self, request: MeetingRequest, slot: Hashable) -> None:
        self._count(request, slot, -1)
        self.busy[slot].difference_update(request.participants)

    def _count(self, request: MeetingRequest, slot: Hashable, step: int) -> None:
        used = self.rooms_used[slot]
        for k in range(self.index.size_of[request.id] + 1):
            used[k] += step


class _Index:
    """The problem checked and precomputed: candidate slots per request, free rooms per slot and size."""

    def __init__(self, problem: Problem):
        self.problem = problem
        _check(problem)
        self.slots = sorted(problem.slots, key=lambda slot: (slot.day, slot.order))
        self.slot_ids = [slot.id for slot in self.slots]
        self.participants = {participant.id: participant for participant in problem.participants}
        self.requests = {request.id: request for request in problem.requests}
        self.locked = {r.id: r.locked for r in problem.requests if r.locked is not None}
        self.previous = {rid: a for rid, a in problem.previous.items() if rid not in self.locked}
        self.clashes = self._clashes()
        # Room sizes, smallest first; size k of a request is the smallest room size that seats it.
        self.sizes = sorted({room.capacity for room in problem.rooms})
        self.size_of = {r.id: bisect.bisect_left(self.sizes, r.capacity) for r in problem.requests}
        self.free_rooms = {s: self._free_rooms(s) for s in self.slot_ids}
        self.locked_busy = defaultdict(set)
        for rid, assignment in self.locked.items():
            self.locked_busy[assignment.slot].update(self.requests[rid].participants)
        self.open = [r for r in problem.requests if r.id not in self.locked]
        self.candidates = {r.id: self._candidates(r) for r in self.open}
        self.hosts = {p.id: p for p in problem.participants if p.host}
        self.day_of = {slot.id: slot.day for slot in self.slots}
        self.days = defaultdict(list)
        for slot in self.slots:
            self.days[slot.day].append(slot.id)

    def _clashes(self) -> set:
        """Locked requests that share a participant or a room with another locked request in one slot."""
        holders = defaultdict(list)
        for rid, assignment in self.locked.items():
            holders[(assignment.slot, "room", assignment.room)].append(rid)
            for participant in self.requests[rid].participants:
                holders[(assignment.slot, "participant", participant)].append(rid)
        return {rid for rids in holders.values() if len(rids) > 1 for rid in rids}

    def _free_rooms(self, slot: Hashable) -> list[int]:
        """For each room size, the rooms seating at least that many that no locked meeting takes in `slot`."""
        taken = {a.room for a in self.locked.values() if a.slot == slot}
        capacities = [room.capacity for room in self.problem.rooms if room.id not in taken]
        return [sum(capacity >= size for capacity in capacities) for size in self.sizes]

    def _common_slots(self, request: MeetingRequest) -> list[Hashable]:
        """Slots, in time order, in which every participant is available and has no locked meeting."""
        available = [self.participants[p].available for p in request.participants]
        return [s for s in self.slot_ids
                if all(s in a for a in available) and not self.locked_busy[s].intersection(request.participants)]

    def _candidates(self, request: MeetingRequest) -> list[Hashable]:
        size = self.size_of[request.id]
        if size == len(self.sizes):
            return []
        return [s for s in self._common_slots(request) if self.free_rooms[s][size] > 0]

    def first_fit(self) -> dict[Hashable, Hashable]:
        """Slot per open request: previous placements that still fit, then first fit by descending weight."""
        occupancy, slot_of = _Occupancy(self), {}
        kept = sorted((r for r in self.open if r.id in self.previous), key=lambda r: -r.weight)
        for request in kept:
            slot = self.previous[request.id].slot
            if slot in self.candidates[request.id] and occupancy.fits(request, slot):
                occupancy.take(request, slot)
                slot_of[request.id] = slot
        for request in sorted(self.open, key=lambda r: -r.weight):
            if request.id not in slot_of:
                self._place_first(request, occupancy, slot_of)
        return slot_of

    def fill(self, slot_of: dict[Hashable, Hashable]) -> None:
        """Places, first fit by descending weight, every open request that still fits beside `slot_of`."""
        occupancy = _Occupancy(self)
        for rid, slot in slot_of.items():
            occupancy.take(self.requests[rid], slot)
        for request in sorted(self.open, key=lambda r: -r.weight):
            if request.id not in slot_of:
                self._place_first(request, occupancy, slot_of)

    def _place_first(self, request, occupancy: _Occupancy, slot_of: dict) -> None:
        for slot in self.candidates[request.id]:
            if occupancy.fits(request, slot):
                occupancy.take(request, slot)
                slot_of[request.id] = slot
                return

    def infeasible(self, started: float) -> Schedule:
        unplaced = {rid: Reason.LOCKED_CLASH for rid in self.locked if rid in self.clashes}
        return Schedule(Status.INFEASIBLE, {}, unplaced, 0, None, 0, 0, time.monotonic() - started)

    def result(self, status: Status, slot_of: Mapping, bound: int | None, started: float) -> Schedule:
        assignments = dict(self.locked) | self._rooms(slot_of)
        unplaced = {r.id: self._reason(r) for r in self.open if r.id not in slot_of}
        weight = sum(self.requests[rid].weight for rid in assignments)
        return Schedule(status, assignments, unplaced, weight, bound, self.measure(Stage.MOVES, slot_of),
                        self.idle_slots(assignments), time.monotonic() - started)

    def _rooms(self, slot_of: Mapping) -> dict[Hashable, Assignment]:
        """Concrete rooms: per slot, largest meetings first, each in its previous room if free, else the smallest.

        Taking the largest first keeps Hall's condition: every room free for a meeting also seats those after.
        """
        by_slot = defaultdict(list)
        for rid, slot in slot_of.items():
            by_slot[slot].append(self.requests[rid])
        order = {request.id: n for n, request in enumerate(self.problem.requests)}
        rooms_by_size = sorted(self.problem.rooms, key=lambda room: room.capacity)
        assignments = {}
        for slot, requests in by_slot.items():
            taken = {a.room for a in self.locked.values() if a.slot == slot}
            for request in sorted(requests, key=lambda r: (-r.capacity, order[r.id])):
                previous = self.previous.get(request.id)
                fitting = [room.id for room in rooms_by_size
                           if room.id not in taken and room.capacity >= request.capacity]
                keep = previous is not None and previous.slot == slot and previous.room in fitting
                room = previous.room if keep else fitting[0]
                taken.add(room)
                assignments[request.id] = Assignment(slot, room)
        return assignments

    def _reason(self, request: MeetingRequest) -> Reason:
        if self.size_of[request.id] == len(self.sizes):
            return Reason.NO_ROOM
        if not self._common_slots(request):
            return Reason.NO_COMMON_SLOT
        return Reason.SLOTS_TAKEN

    def measure(self, stage: Stage, slot_of: Mapping) -> int:
        """The moved meetings or the idle host slots of a placement (slot per open request)."""
        if stage is Stage.MOVES:
            return sum(slot_of.get(rid) != a.slot for rid, a in self.previous.items())
        return self.idle_slots({rid: Assignment(slot, None) for rid, slot in slot_of.items()} | self.locked)

    def idle_slots(self, assignments: Mapping[Hashable, Assignment]) -> int:
        """Slots in which a host is available and free between two of the host's meetings of the same day."""
        busy = self.host_slots((rid, a.slot) for rid, a in assignments.items())
        return sum(self.idle_in(host, day, busy[host.id]) for host in self.hosts.values() for day in self.days)

    def host_slots(self, placements: Iterable[tuple[Hashable, Hashable]]) -> dict[Hashable, set]:
        busy = defaultdict(set)
        for rid, slot in placements:
            for participant in self.requests[rid].participants:
                if participant in self.hosts:
                    busy[participant].add(slot)
        return busy

    def idle_in(self, host: Participant, day: date, busy: set) -> int:
        """The idle slots of `host` on `day` when busy in the slots `busy`."""
        day_slots = self.days[day]
        positions = [n for n, s in enumerate(day_slots) if s in busy]
        if not positions:
            return 0
        return sum(s in host.available and s not in busy for s in day_slots[positions[0]:positions[-1] + 1])

    def compact(self, slot_of: Mapping) -> dict[Hashable, Hashable]:
        """`slot_of` with host meetings moved to slots that shorten their hosts' idle time, while any move does.

        The hint of the idle stage: the same meetings stay placed, and none leaves its previous slot. A move
        takes a host meeting to a free slot, or into one of its host's idle slots after moving away the one
        meeting of a guest that blocks it there.
        """
        compaction = _Compaction(self, slot_of)
        while compaction.improve():
            pass
        return compaction.slot_of


class _Compaction:
    """A placement being improved by moves that each lower the hosts' idle slots."""

    def __init__(self, index: _Index, slot_of: Mapping):
        self.index, self.slot_of, self.occupancy = index, dict(slot_of), _Occupancy(index)
        for rid, slot in self.slot_of.items():
            self.occupancy.take(index.requests[rid], slot)
        self.busy = index.host_slots(list(self.slot_of.items()) + [(rid, a.slot) for rid, a in index.locked.items()])
        self.movable = [rid for rid, slot in self.slot_of.items()
                        if rid not in index.previous or index.previous[rid].slot != slot]

    def improve(self) -> bool:
        """Makes every improving move found in one pass over the host meetings; False if there was none."""
        improved = False
        for rid in self.movable:
            request = self.index.requests[rid]
            if not any(p in self.index.hosts for p in request.participants):
                continue
            for target in self.index.candidates[rid]:
                if target != self.slot_of[rid] and self.occupancy.fits(request, target) and \
                        self._try([(rid, target)]):
                    improved = True
                    break
            else:
                improved = self._unblock(request) or improved
        return improved

    def _unblock(self, request: MeetingRequest) -> bool:
        """Moves `request` into an idle slot of its host after moving the one meeting in its way elsewhere."""
        hosts = [p for p in request.participants if p in self.index.hosts]
        gaps = [s for s in self.index.candidates[request.id] if s != self.slot_of[request.id] and all(
            self._is_idle(host, s) for host in hosts)]
        for gap in gaps:
            blockers = [rid for rid in self.movable if self.slot_of[rid] == gap
                        and set(self.index.requests[rid].participants) & set(request.participants)]
            if len(blockers) != 1:
                continue
            blocker = self.index.requests[blockers[0]]
            for elsewhere in self.index.candidates[blocker.id]:
                if elsewhere != gap and (elsewhere == self.slot_of[request.id] or self.occupancy.fits(
                        blocker, elsewhere)) and self._try([(blocker.id, elsewhere), (request.id, gap)]):
                    return True
        return False

    def _is_idle(self, host: Hashable, slot: Hashable) -> bool:
        day_slots = self.index.days[self.index.day_of[slot]]
        positions = [n for n, s in enumerate(day_slots) if s in self.busy[host]]
        return bool(positions) and positions[0] < day_slots.index(slot) < positions[-1]

    def _try(self, moves: list[tuple[Hashable, Hashable]]) -> bool:
        """Makes `moves` if all fit and they lower the idle slots of the hosts they touch; else changes nothing."""
        index = self.index
        moved = [rid for rid, _target in moves]
        hosts = {p for rid in moved for p in index.requests[rid].participants if p in index.hosts}
        days = {index.day_of[slot] for rid, target in moves for slot in (self.slot_of[rid], target)}
        before = self._idle(hosts, days)
        undo = [(rid, self.slot_of[rid]) for rid in moved]
        for rid in moved:
            self._move(rid, None)
        if all(self.occupancy.fits(index.requests[rid], target) and self._move(rid, target) for rid, target in moves) \
                and self._idle(hosts, days) < before:
            return True
        for rid in moved:
            self._move(rid, None)
        for rid, slot in undo:
            self._move(rid, slot)
        return False

    def _move(self, rid: Hashable, slot: Hashable | None) -> bool:
        """Takes `rid` out of its slot (None) or puts it into `slot`."""
        request = self.index.requests[rid]
        hosts = [p for p in request.participants if p in self.index.hosts]
        if slot is None:
            if rid in self.slot_of:
                was = self.slot_of.pop(rid)
                self.occupancy.release(request, was)
                for host in hosts:
                    self.busy[host].discard(was)
            return True
        self.occupancy.take(request, slot)
        self.slot_of[rid] = slot
        for host in hosts:
            self.busy[host].add(slot)
        return True

    def _idle(self, hosts: set, days: set) -> int:
        return sum(self.index.idle_in(self.index.hosts[h], day, self.busy[h]) for h in hosts for day in days)


def _check(problem: Problem) -> None:
    """Refuses a problem that contradicts itself, naming the first contradiction."""
    for things in (problem.slots, problem.rooms, problem.participants, problem.requests):
        ids = [thing.id for thing in things]
        if len(set(ids)) != len(ids):
            duplicate = next(i for i in ids if ids.count(i) > 1)
            raise SchedulingInputError(_("The id {id} is used twice.").format(id=duplicate))
    positions = [(slot.day, slot.order) for slot in problem.slots]
    if len(set(positions)) != len(positions):
        day, order = next(p for p in positions if positions.count(p) > 1)
        raise SchedulingInputError(_("Two slots of {day} share the position {order}.").format(day=day, order=order))
    slots, rooms = {slot.id for slot in problem.slots}, {room.id for room in problem.rooms}
    participants = {participant.id for participant in problem.participants}
    for participant in problem.participants:
        unknown = set(participant.available) - slots
        if unknown:
            raise SchedulingInputError(_("Participant {participant} is available in an unknown slot {slot}.")
                                       .format(participant=participant.id, slot=next(iter(unknown))))
    requests = {request.id for request in problem.requests}
    for request in problem.requests:
        _check_request(request, participants)
    for rid, assignment in _placements(problem):
        if rid not in requests or assignment.slot not in slots or assignment.room not in rooms:
            raise SchedulingInputError(_("Meeting request {request} is placed in an unknown slot or room.")
                                       .format(request=rid))


def _check_request(request: MeetingRequest, participants: set) -> None:
    if len(set(request.participants)) < 2 or len(set(request.participants)) < len(request.participants):
        raise SchedulingInputError(_("Meeting request {request} needs two or more participants, each named once.")
                                   .format(request=request.id))
    unknown = set(request.participants) - participants
    if unknown:
        raise SchedulingInputError(_("Meeting request {request} names an unknown participant {participant}.")
                                   .format(request=request.id, participant=next(iter(unknown))))
    if request.priority < 1 or request.capacity < 0:
        raise SchedulingInputError(_("Meeting request {request} needs a priority of at least 1 and a capacity "
                                     "of at least 0.").format(request=request.id))


def _placements(problem: Problem) -> Iterable[tuple[Hashable, Assignment]]:
    yield from ((r.id, r.locked) for r in problem.requests if r.locked is not None)
    yield from problem.previous.items()


class _Solutions(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution and stops the search once the run is cancelled."""

    def __init__(self, run: "_Solve", stage: Stage):
        super().__init__()
        self.run, self.stage = run, stage

    def on_solution_callback(self) -> None:
        if self.run.should_stop():
            self.StopSearch()
        else:
            self.run.report(self.stage, round(self.ObjectiveValue()), round(self.BestObjectiveBound()))


class _Solve:
    """One run over the objective levels, each held at its optimum while the next is optimised.

    The placed weight is bounded by the linear relaxation (GLOP), whose optimum on these problems is most
    often a schedule already, and so proven optimal; otherwise CP-SAT searches from its rounded solution with
    the relaxation's bound as a constraint. Moves, then idle slots, are minimised by CP-SAT from the schedule
    of the stage before (for idle slots, after moving host meetings closer together), every variable hinted.
    """

    def __init__(self, index: _Index, deadline: float, workers: int, cancel, progress):
        self.index, self.deadline, self.workers = index, deadline, workers
        self.cancel, self.progress = cancel, progress
        self.started = time.monotonic()
        self.cancelled = False
        self.model = cp_model.CpModel()
        self.x = {(rid, s): self.model.NewBoolVar(f"x[{n},{s}]")
                  for n, (rid, slots) in enumerate(index.candidates.items()) for s in slots}
        self.limits = self._limits()
        self.host_days = []
        for keys, limit in self.limits:
            if limit == 1:
                self.model.AddAtMostOne(self.x[key] for key in keys)
            else:
                self.model.Add(sum(self.x[key] for key in keys) <= limit)

    def should_stop(self) -> bool:
        if not self.cancelled and self.cancel is not None and self.cancel():
            self.cancelled = True
        return self.cancelled

    def report(self, stage: Stage, value: int, bound: int) -> None:
        if self.progress is not None:
            self.progress(Progress(stage, value, bound, time.monotonic() - self.started))

    def _limits(self) -> list[tuple[list, int]]:
        """The hard constraints as (request-slot keys, at most how many of them are chosen)."""
        index, limits = self.index, []
        by_participant_slot, by_slot = defaultdict(list), defaultdict(list)
        for rid, slots in index.candidates.items():
            limits.append(([(rid, s) for s in slots], 1))
            for s in slots:
                by_slot[s].append(rid)
                for participant in index.requests[rid].participants:
                    by_participant_slot[participant, s].append((rid, s))
        limits.extend((keys, 1) for keys in by_participant_slot.values() if len(keys) > 1)
        for s, rids in by_slot.items():
            for size, free in enumerate(index.free_rooms[s]):
                needing = [(rid, s) for rid in rids if index.size_of[rid] >= size]
                if len(needing) > free:
                    limits.append((needing, free))
        return limits

    def solve(self) -> tuple[Status, dict, int | None]:
        """(status, slot per placed request, bound on the placed weight); TIMEOUT when nothing was found."""
        weights = {key: self.index.requests[key[0]].weight for key in self.x}
        locked_weight = sum(self.index.requests[rid].weight for rid in self.index.locked)
        placed_weight = locked_weight + sum(weight * self.x[key] for key, weight in weights.items())
        relaxation = self._relaxation(weights)
        if relaxation is None:
            return Status.TIMEOUT, {}, None
        bound, values = relaxation[0] + locked_weight, relaxation[1]
        self.index.fill(values)
        self.model.Add(placed_weight <= bound)
        if locked_weight + sum(self.index.requests[rid].weight for rid in values) == bound:
            self.report(Stage.WEIGHT, bound, bound)
        else:
            self.model.Maximize(placed_weight)
            code, values, bound = self._run(values, Stage.WEIGHT)
            if code == cp_model.UNKNOWN:
                return Status.TIMEOUT, {}, None
            if code == cp_model.FEASIBLE:
                return Status.FEASIBLE, values, bound
        self.model.Add(placed_weight == bound)
        for stage, objective in ((Stage.MOVES, self._moved), (Stage.IDLE, self._idle)):
            expression = objective()
            if expression is None:
                continue
            hint = self.index.compact(values) if stage is Stage.IDLE else values
            if self.index.measure(stage, hint) == 0:  # nothing to lower: optimal without a search
                values, value = hint, 0
                self.report(stage, 0, 0)
            else:
                self.model.Minimize(expression)
                code, found, value = self._run(hint, stage)
                values = hint if code == cp_model.UNKNOWN else found
                if code != cp_model.OPTIMAL:
                    return Status.FEASIBLE, values, bound
            self.model.Add(expression == value)
        return Status.OPTIMAL, values, bound

    def _relaxation(self, weights: Mapping) -> tuple[int, dict] | None:
        """The linear relaxation's bound on the weight of the open requests placed and the meetings its optimum
        places whole, or None when time runs out first.

        Every schedule is a solution of the relaxation, so no schedule weighs more than its optimum; weights
        are integers, so neither does any schedule weigh more than its optimum rounded down (with a margin far
        above GLOP's tolerances and far below 1). Chosen-whole variables respect every limit between them.
        """
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            return None
        lp = pywraplp.Solver.CreateSolver("GLOP")
        lp.SetTimeLimit(math.ceil(remaining * 1000))
        share = {key: lp.NumVar(0, 1, "") for key in self.x}
        for keys, limit in self.limits:
            lp.Add(lp.Sum([share[key] for key in keys]) <= limit)
        lp.Maximize(lp.Sum([weight * share[key] for key, weight in weights.items()]))
        if lp.Solve() != pywraplp.Solver.OPTIMAL:  # the relaxation is feasible and bounded: out of time
            return None
        whole = {rid: s for (rid, s), var in share.items() if var.solution_value() > 1 - RELAXATION_MARGIN}
        return math.floor(lp.Objective().Value() + RELAXATION_MARGIN), whole

    def _moved(self):
        """Moved meetings: previous placements minus those kept in their slot (None if none can be kept)."""
        previous = self.index.previous
        kept = [self.x[rid, a.slot] for rid, a in previous.items() if (rid, a.slot) in self.x]
        return len(previous) - sum(kept) if kept else None

    def _idle(self):
        """Idle host slots: available, no meeting, with a meeting earlier and later that day (None if no host).

        Every auxiliary literal is defined both ways, so a placement of the meetings fixes them all.
        """
        index, model, idle = self.index, self.model, []
        busy = defaultdict(list)
        for (rid, s), var in self.x.items():
            for participant in index.requests[rid].participants:
                busy[participant, s].append(var)
        for host in index.hosts.values():
            for day_slots in index.days.values():
                if not any(busy[host.id, s] for s in day_slots):
                    continue
                load = []
                for s in day_slots:
                    load.append(model.NewBoolVar(f"busy[{host.id},{s}]"))
                    model.Add(load[-1] == (1 if host.id in index.locked_busy[s] else sum(busy[host.id, s])))
                before, after = self._any_before(load), self._any_before(load[::-1])[::-1]
                gaps = {}
                for n, s in enumerate(day_slots[1:-1], start=1):
                    if s in host.available and host.id not in index.locked_busy[s]:
                        gaps[n] = model.NewBoolVar(f"idle[{host.id},{s}]")
                        model.AddBoolAnd([before[n], after[n], load[n].Not()]).OnlyEnforceIf(gaps[n])
                        model.AddBoolOr([before[n].Not(), after[n].Not(), load[n], gaps[n]])
                idle.extend(gaps.values())
                self.host_days.append((host.id, day_slots, load, before[2:], after[:-2], gaps))
        return sum(idle) if idle else None

    def _hint_host_days(self, hint: Mapping) -> None:
        """Hints the idle stage's auxiliary literals from the placement `hint`, which CP-SAT then takes whole."""
        busy = self.index.host_slots(list(hint.items()) + [(rid, a.slot) for rid, a in self.index.locked.items()])
        for host, day_slots, load, before, after, gaps in self.host_days:
            used = [s in busy[host] for s in day_slots]
            earlier = [any(used[:n]) for n in range(len(used))]
            later = [any(used[n + 1:]) for n in range(len(used))]
            for var, value in [*zip(load, used, strict=True), *zip(before, earlier[2:], strict=True),
                               *zip(after, later[:-2], strict=True)]:
                self.model.AddHint(var, value)
            for n, var in gaps.items():
                self.model.AddHint(var, earlier[n] and later[n] and not used[n])

    def _any_before(self, load: list) -> list:
        """Literals: [None, then for each later position whether some position before it is busy]."""
        reach = [None, load[0]]
        for n in range(2, len(load)):
            reach.append(self.model.NewBoolVar(""))
            self.model.AddMaxEquality(reach[-1], [reach[-2], load[n - 1]])
        return reach[:len(load)]

    def _run(self, hint: Mapping, stage: Stage) -> tuple[int, dict, int | None]:
        """Optimises the model from `hint`: (CP-SAT status, slot per placed request, bound on the objective)."""
        if self.should_stop():
            return cp_model.UNKNOWN, {}, None
        self.model.ClearHints()
        for (rid, s), var in self.x.items():
            self.model.AddHint(var, hint.get(rid) == s)
        self._hint_host_days(hint)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(self.deadline - time.monotonic(), 0.0)
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = 1
        stop = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(solver, stop), daemon=True)
        watcher.start()
        try:
            code = solver.Solve(self.model, _Solutions(self, stage))
        finally:
            stop.set()
            watcher.join()
        if code == cp_model.UNKNOWN:
            return code, {}, None
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            # Every stage's constraints hold for the schedule found before it: anything else is a modelling bug.
            raise RuntimeError(f"CP-SAT answered {solver.StatusName(code)}")
        values = {rid: s for (rid, s), var in self.x.items() if solver.BooleanValue(var)}
        return code, values, round(solver.BestObjectiveBound())

    def _watch(self, solver: cp_model.CpSolver, stop: threading.Event) -> None:
        while not stop.wait(CANCEL_POLL_SECONDS):
            if self.should_stop():
                solver.StopSearch()
                return
