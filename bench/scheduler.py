"""Benchmark of the bilateral-meeting scheduler against the greedy first-fit baseline, on generated cases.

Run with `make bench-scheduler`. Each case is generated from a fixed seed, so every run solves the same
problems. Prints figures; asserts nothing.
"""

import os
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from liaison.events.scheduling import (  # noqa: E402
    MeetingRequest,
    Participant,
    Problem,
    Progress,
    Room,
    Slot,
    Stage,
    greedy,
    schedule,
)

FIRST_DAY = date(2024, 5, 14)
ROOM_SEATS = (6, 6, 8, 8, 10, 12, 16, 24)


@dataclass(frozen=True)
class Case:
    """The shape of a generated event; availability is the chance of being free in a half-day, then a slot."""

    name: str
    seed: int
    delegations: int
    hosts: int
    days: int
    slots_per_day: int
    rooms: int
    requests: int
    time_limit: float
    delegation_half_days: float = 0.6
    host_half_days: float = 0.6
    slot_free: float = 0.8
    with_hosts: float = 0.7


CASES = (
    Case("(a) symposium", seed=2024, delegations=180, hosts=10, days=3, slots_per_day=16, rooms=8, requests=250,
         time_limit=5),
    Case("(b) host-bound", seed=7, delegations=60, hosts=3, days=2, slots_per_day=16, rooms=2, requests=120,
         time_limit=5, delegation_half_days=0.4, host_half_days=0.5, slot_free=0.5, with_hosts=1.0),
    Case("(c) 4x symposium", seed=2025, delegations=500, hosts=40, days=3, slots_per_day=16, rooms=20,
         requests=1000, time_limit=60),
)


def generate(case: Case) -> Problem:
    """A problem of the case's shape: slots of 30 minutes from 09:00, rooms of mixed sizes, skewed demand."""
    rng = random.Random(case.seed)
    slots = []
    for day in range(case.days):
        for order in range(case.slots_per_day):
            start = datetime(2024, 1, 1, 9) + timedelta(minutes=30 * order)
            slots.append(Slot(f"d{day}s{order}", FIRST_DAY + timedelta(days=day), start.time(),
                              (start + timedelta(minutes=30)).time(), order))
    rooms = [Room(f"room{n}", ROOM_SEATS[n % len(ROOM_SEATS)]) for n in range(case.rooms)]

    def availability(half_days: float) -> frozenset:
        half = case.slots_per_day // 2
        free = set()
        for start in range(0, len(slots), half):
            if rng.random() < half_days:
                free.update(s.id for s in slots[start:start + half] if rng.random() < case.slot_free)
        return frozenset(free)

    hosts = [Participant(f"host{n}", availability(case.host_half_days), host=True) for n in range(case.hosts)]
    delegations = [Participant(f"delegation{n}", availability(case.delegation_half_days))
                   for n in range(case.delegations)]
    size = {p.id: rng.randint(2, 3) if p.host else rng.choice((2, 2, 3, 3, 4, 5, 6, 8, 10)) for p in
            hosts + delegations}
    popularity = [1 / (n + 1) for n in range(case.hosts)]
    requests, seen = [], set()
    while len(requests) < case.requests:
        guest = rng.choice(delegations).id
        if rng.random() < case.with_hosts:
            others = {h.id for h in rng.choices(hosts, popularity, k=rng.choice((1, 1, 1, 2)))}
        else:
            others = {rng.choice(delegations).id}
        members = tuple(sorted({guest} | others))
        if len(members) < 2 or members in seen:
            continue
        seen.add(members)
        requests.append(MeetingRequest(f"request{len(requests)}", members, priority=rng.choice((1, 1, 1, 2, 2, 3)),
                                       mutual=rng.random() < 0.25, capacity=sum(size[p] for p in members)))
    return Problem(tuple(slots), tuple(rooms), tuple(hosts + delegations), tuple(requests))


def main() -> None:
    workers = int(os.environ.get("LIAISON_SCHEDULER_WORKERS", "2"))
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, {workers} solver workers")
    print(f"{'case':<18} {'limit':>5} {'wall s':>7} {'CPU s':>6} {'weight proven s':>15} {'status':<9} "
          f"{'weight':>6} {'bound':>5} {'placed':>6} {'of':>5} {'idle':>4} | greedy {'weight':>6} {'placed':>6} "
          f"{'idle':>4} | gain")
    for case in CASES:
        problem = generate(case)
        reports: list[Progress] = []
        cpu = time.process_time()
        ours = schedule(problem, time_limit=case.time_limit, workers=workers, progress=reports.append)
        cpu = time.process_time() - cpu
        baseline = greedy(problem)
        gain = 100 * (ours.weight - baseline.weight) / baseline.weight
        proven = [r.seconds for r in reports if r.stage is Stage.WEIGHT and r.value == r.bound]
        print(f"{case.name:<18} {case.time_limit:>4}s {ours.seconds:>7.2f} {cpu:>6.2f} "
              f"{f'{min(proven):.2f}' if proven else '-':>15} {ours.status.value:<9} "
              f"{ours.weight:>6} {ours.bound if ours.bound is not None else '-':>5} {ours.placed:>6} "
              f"{len(problem.requests):>5} {ours.idle_slots:>4} | greedy {baseline.weight:>6} {baseline.placed:>6} "
              f"{baseline.idle_slots:>4} | {gain:+.1f} %")


if __name__ == "__main__":
    main()
