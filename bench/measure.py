"""One bench run on one database at one scale (started by bench/run.py with LIAISON_DATABASE_URL set).

Builds the data set when the database is empty (migrate + `liaison synth`), then measures every page (wall time,
queries, and the database's own time: the sum of the page's SQL statements), the query plan of every list's first
page with each of its filters, and the shared search. Writes JSON; prints progress to stderr.
"""

import argparse
import itertools
import json
import os
import platform
import re
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402

from liaison.core.management.commands.synth import registry_is_empty  # noqa: E402
from liaison.core.roles import ADMINISTRATOR  # noqa: E402
from liaison.core.views import ObjectListView  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from pages import Samples, pages, routes  # noqa: E402

SLOW = 3.0  # seconds: a page this slow is measured once


class TooSlow(Exception):
    """A request ran past the bench's time limit for one page."""


def stop_request(signum, frame):
    raise TooSlow
SEARCHES = {
    "Traditional": "反貪污委員會", "Simplified": "反贪污委员会", "acronym": "ICAC", "acronym, lower case": "icac",
    "one character": "陳", "two characters": "澳門", "two characters, Simplified": "澳门",
    "mixed-case English": "Anti-Corruption", "two words": "kenya bureau", "person": "CHAN Tai-man",
    "no match": "zzqqxx",
}


class SqlTimer:
    """Counts the statements a request runs and adds up their time (connection.execute_wrapper)."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def timed(action):
    """(wall seconds, SQL seconds, statements, result) of one call."""
    timer = SqlTimer()
    with connection.execute_wrapper(timer):
        started = time.perf_counter()
        result = action()
        wall = time.perf_counter() - started
    return wall, timer.seconds, timer.count, result


def fetch(client: Client, page):
    """One GET, the body read to the end (streamed or not)."""
    response = client.get(page.url, **page.headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(body)


def measure_page(client, page, repeat: int, budget: float, limit: float) -> dict:
    """Median of up to `repeat` requests (one for a slow page); a request past `limit` seconds is stopped."""
    runs = []
    signal.signal(signal.SIGALRM, stop_request)
    try:
        while len(runs) < repeat and (not runs or sum(r[0] for r in runs) < budget and runs[0][0] < SLOW):
            # Fires again every second: a generator being closed (an export's writer) swallows an exception.
            signal.setitimer(signal.ITIMER_REAL, limit, 1.0)
            try:
                runs.append(timed(lambda: fetch(client, page)))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except TooSlow:
        connection.close()  # the interrupted request may have left the connection mid-statement
        return {"status": 200, "over_limit": limit, "ms": limit * 1000, "sql_ms": None, "queries": None, "runs": 0}
    except Exception as error:  # noqa: BLE001 - a failing page is a finding, not the end of the run
        return {"error": f"{type(error).__name__}: {error}"[:300]}
    status, size = runs[-1][3]
    if len(runs) > 1 and runs[0][0] >= SLOW:
        runs = runs[1:]
    return {"status": status, "bytes": size, "runs": len(runs),
            "ms": round(statistics.median(r[0] for r in runs) * 1000, 1),
            "sql_ms": round(statistics.median(r[1] for r in runs) * 1000, 1),
            "queries": runs[-1][2]}


def bench_user() -> User:
    user, _created = User.objects.get_or_create(username="bench-administrator")
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))
    return user


def list_views():
    """(URL name, view class) of every list page."""
    for name, pattern in routes():
        view = getattr(pattern.callback, "view_class", None)
        if view is not None and issubclass(view, ObjectListView):
            yield name, view


def filter_values(filterset) -> dict[str, str]:
    """A value for each filter of a list (other than the search), taken from the data."""
    values = {}
    for name, field in filterset.form.fields.items():
        if name == "q":
            continue
        choices = list(itertools.islice(field.choices, 1, 2)) if hasattr(field, "choices") else []
        if choices:
            value = choices[0][0]
            values[name] = str(getattr(value, "value", value))
        elif name in ("on",):
            values[name] = "2020-01-01"
        elif name == "year":
            values[name] = "2020"
        elif type(field).__name__ == "NullBooleanField":
            values[name] = "true"
    return values


def plan_uses_index(plan: str) -> bool:
    """No sort of the whole result before the first page (SQLite: a temporary B-tree; PostgreSQL: a Sort node)."""
    if connection.vendor == "sqlite":
        return "USE TEMP B-TREE FOR ORDER BY" not in plan
    return not any(line.strip().lstrip("->").strip().startswith("Sort ") for line in plan.splitlines())


def sorted_rows(plan: str) -> int | None:
    """PostgreSQL: how many rows the plan expects to sort (all the matches of a filter, or the whole table)."""
    found = re.search(r"Sort\s+\(cost=[\d.]+\.\.[\d.]+ rows=(\d+)", plan)
    return int(found.group(1)) if found else None


def plans(user) -> list[dict]:
    """The plan of every list's first page, plain and with each filter, and of a search."""
    request = RequestFactory().get("/")
    request.user = user
    found = []
    for name, view_class in list_views():
        view = view_class()
        view.setup(request)
        queryset = view.get_queryset()
        empty = view_class.filterset_class(None, queryset=queryset, request=request)
        variants = [("", {})] + [(key, {key: value}) for key, value in filter_values(empty).items()]
        variants.append(("q", {"q": SEARCHES["Traditional"]}))
        for label, data in variants:
            filterset = view_class.filterset_class(data or None, queryset=queryset, request=request)
            page = filterset.qs[:25]
            try:
                plan = page.explain()
            except Exception as error:  # noqa: BLE001
                found.append({"list": name, "filter": label, "error": str(error)[:200]})
                continue
            found.append({"list": name, "filter": label, "index": plan_uses_index(plan), "plan": plan,
                          "sorted_rows": sorted_rows(plan)})
    return found


def searches(user, repeat: int) -> list[dict]:
    """Time of a search on every list that offers one: the count and the first page, as the list shows them."""
    request = RequestFactory().get("/")
    request.user = user
    found = []
    for name, view_class in list_views():
        if "q" not in view_class.filterset_class.base_filters:
            continue
        view = view_class()
        view.setup(request)
        for label, query in SEARCHES.items():
            def run(query=query, view=view):
                qs = view.filterset_class({"q": query}, queryset=view.get_queryset(), request=request).qs
                return qs.count(), len(list(qs[:25]))

            timings = [timed(run) for _n in range(repeat)]
            found.append({"list": name, "query": label, "text": query, "count": timings[0][3][0],
                          "ms": [round(t[0] * 1000, 2) for t in timings]})
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--budget", type=float, default=2.0, help="seconds spent on one page at most (roughly)")
    parser.add_argument("--only", default="", help="measure only the pages whose label matches this expression")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds after which a request is stopped")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    built = None
    if registry_is_empty():
        started = time.monotonic()
        call_command("synth", scale=args.scale, seed=args.seed, stdout=sys.stderr)
        built = round(time.monotonic() - started, 1)
    user = bench_user()
    client = Client()
    client.force_login(user)
    results = []
    found = [p for p in pages(Samples(user)) if re.search(args.only, p.label)]
    for n, page in enumerate(found, 1):
        result = {"label": page.label, "name": page.name, "kind": page.kind, "url": page.url}
        if page.url:
            result.update(measure_page(client, page, args.repeat, args.budget, args.limit))
        results.append(result)
        print(f"[{n}/{len(found)}] {page.label} {result.get('ms', '')} ms", file=sys.stderr, flush=True)
    report = {
        "meta": {"database": connection.vendor, "scale": args.scale, "seed": args.seed, "built_seconds": built,
                 "load_average": round(os.getloadavg()[0], 1),  # a shared machine: a busy one inflates every figure
                 "date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{platform.node()} {platform.machine()}, "
                 f"{os.cpu_count()} CPUs", "python": platform.python_version(), "django": django.get_version(),
                 "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
                 if connection.vendor == "sqlite" else str(connection.pg_version)},
        "pages": results,
        "plans": plans(user),
        "search": searches(user, args.repeat),
    }
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
