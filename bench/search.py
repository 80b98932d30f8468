"""Bench of the one search (`core.global_search`) over about 100 000 searchable records, on SQLite and PostgreSQL.

    python bench/search.py [--scale 17] [--db sqlite|postgres|both] [--repeat 10] [--rebuild]

Each database is built once with `liaison synth --scale SCALE` and kept for the next run: var/bench/reports_bench_
search.sqlite3 and the PostgreSQL database `reports_bench_search` (BENCH_SEARCH_POSTGRES_URL for another server).
Then every query of a fixed list (English words, acronyms, Traditional and Simplified Chinese of 1, 2 and 4
characters, a miss) is answered `--repeat` times as the header's search box answers it, for a manager, and the
p50 / p95 / p99 of all answers are printed, with each query's median. A bench prints; it asserts nothing.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SQLITE = ROOT / "var" / "bench" / "reports_bench_search.sqlite3"
POSTGRES = os.environ.get("BENCH_SEARCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/reports_bench_search")
GOAL_MS = 100
QUERIES = {
    "English word": "commission", "English word, capitalised": "Maldives", "two English words": "South Africa",
    "English name": "Wong", "acronym": "IAACA", "acronym, lower case": "icac", "acronym, mixed case": "GlobE",
    "Traditional, 1 character": "陳", "Simplified, 1 character": "陈",
    "Traditional, 2 characters": "澳門", "Simplified, 2 characters": "澳门",
    "Traditional, 4 characters": "廉政公署", "Simplified, 4 characters": "国际会议",
    "Traditional and English": "廉政 ICAC", "no match": "zzqqxx",
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def measure(scale: float, repeat: int) -> None:
    """In the child process, with LIAISON_DATABASE_URL set: build when empty, then time every query."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection

    from liaison.core import global_search
    from liaison.core.management.commands.synth import registry_is_empty
    from liaison.core.search_index import searchable_models

    call_command("migrate", verbosity=0)
    if registry_is_empty():
        started = time.monotonic()
        call_command("synth", scale=scale, seed=1, stdout=sys.stderr)
        print(f"built in {time.monotonic() - started:.0f} s", file=sys.stderr)
    reader, _created = User.objects.get_or_create(username="bench-search-reader")
    reader.groups.add(Group.objects.get(name="manager"))
    reader = User.objects.get(pk=reader.pk)  # permissions read afresh
    records = sum(model._base_manager.count() for model in searchable_models())  # every row, for the size
    kinds = global_search.kinds_for(reader)
    global_search.find(reader, "warm", kinds)
    times: dict[str, list[float]] = {label: [] for label in QUERIES}
    cpu = []  # this process's CPU time (SQLite's work included, PostgreSQL's not): waiting for a CPU left out
    for _round in range(repeat):
        for label, query in QUERIES.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            global_search.find(reader, query, kinds)
            times[label].append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    every = [ms for values in times.values() for ms in values]
    print(f"\n# {connection.vendor}: {records} searchable records, {len(kinds)} kinds the reader may search, "
          f"{len(QUERIES)} queries × {repeat}, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"p50 {statistics.median(every):.1f} ms   p95 {percentile(every, 0.95):.1f} ms   "
          f"p99 {percentile(every, 0.99):.1f} ms   (goal: p95 under {GOAL_MS} ms)")
    print(f"CPU of this process: p50 {statistics.median(cpu):.1f} ms   p95 {percentile(cpu, 0.95):.1f} ms   "
          f"p99 {percentile(cpu, 0.99):.1f} ms")
    print(f"{'query':<28} {'text':<14} {'median ms':>10} {'max ms':>8}")
    for label, query in QUERIES.items():
        print(f"{label:<28} {query:<14} {statistics.median(times[label]):>10.1f} {max(times[label]):>8.1f}")


def database_url(database: str, rebuild: bool) -> str:
    if database == "sqlite":
        SQLITE.parent.mkdir(parents=True, exist_ok=True)
        if rebuild:
            SQLITE.unlink(missing_ok=True)
        return f"sqlite:///{SQLITE}"
    import psycopg

    name = urlsplit(POSTGRES).path.lstrip("/")
    with psycopg.connect(urlunsplit(urlsplit(POSTGRES)._replace(path="/postgres")), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if rebuild and exists:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        if rebuild or not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=17,
                        help="`liaison synth` scale (17: about 100 000 searchable records)")
    parser.add_argument("--db", default="both", choices=["sqlite", "postgres", "both"])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true", help="build the databases afresh")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        measure(options.scale, options.repeat)
        return
    for database in ["sqlite", "postgres"] if options.db == "both" else [options.db]:
        environment = {**os.environ, "LIAISON_DATABASE_URL": database_url(database, options.rebuild),
                       "LIAISON_LOG_LEVEL": "ERROR"}
        subprocess.run([sys.executable, __file__, "--child", "--scale", str(options.scale),
                        "--repeat", str(options.repeat)], check=True, env=environment, cwd=ROOT)


if __name__ == "__main__":
    main()
