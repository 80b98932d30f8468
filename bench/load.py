"""`make load`: 20 officers without pause on gunicorn (4 workers) with PostgreSQL at 10×, for a bounded time.

    python bench/load.py [--scale 10] [--users 20] [--duration 60] [--port 8765]

Builds (or reuses) the bench's PostgreSQL database at that scale, starts gunicorn on 127.0.0.1 only, runs locust
headless against it (bench/locustfile.py; signing in and the ramp-up are not counted), stops gunicorn, and prints
p50/p95/p99, requests per second and errors per kind of request. Goal: p95 under 150 ms and no error.
Results: var/bench/load-<date>.json.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import OUT, fresh_database, mark_built, postgres_reachable  # noqa: E402

PASSWORD = "load-test-officer-password-1"


def prepare() -> None:
    """In the database's environment: the load test's account and sample record ids, as JSON on stdout."""
    import random

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.apps import apps
    from django.contrib.auth.models import Group, User

    user, _created = User.objects.get_or_create(username="load-officer")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name="officer"))
    rng = random.Random(1)

    def sample(label: str, size: int) -> list[int]:
        ids = list(apps.get_model(label).objects.order_by("pk").values_list("pk", flat=True))
        return rng.sample(ids, min(size, len(ids)))

    print(json.dumps({
        "username": user.username, "password": PASSWORD, "organisations": sample("partners.Organisation", 200),
        "contacts": sample("partners.Contact", 200), "agreements": sample("agreements.Agreement", 100),
        "networks": sample("networks.Network", 20),
    }))


def build(url: str, scale: str, environment: dict) -> None:
    liaison = [sys.executable, "-m", "liaison"]
    subprocess.run([*liaison, "migrate", "-v0"], check=True, env=environment, cwd=ROOT)
    empty = subprocess.run([*liaison, "synth", "--scale", scale], env=environment, cwd=ROOT,
                           capture_output=True, text=True)
    if empty.returncode == 0:
        print(empty.stdout.strip().splitlines()[-1], file=sys.stderr)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def summary(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return [{"name": row["Name"], "requests": int(row["Request Count"]), "errors": int(row["Failure Count"]),
                 "p50": float(row["50%"]), "p95": float(row["95%"]), "p99": float(row["99%"]),
                 "rps": float(row["Requests/s"])} for row in csv.DictReader(f)]


def main():
    if sys.argv[1:] == ["--prepare"]:
        return prepare()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default=os.environ.get("SCALE") or "10")
    parser.add_argument("--users", type=int, default=int(os.environ.get("USERS") or 20))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION") or 60))
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if not postgres_reachable():
        sys.exit("The load test runs on PostgreSQL, which is not reachable (set BENCH_POSTGRES_URL).")
    OUT.mkdir(parents=True, exist_ok=True)
    database = fresh_database("postgres", args.scale, 1)
    environment = {**os.environ, "LIAISON_DATABASE_URL": database, "LIAISON_LOG_LEVEL": "ERROR"}
    build(database, args.scale, environment)
    mark_built(database, args.scale, 1)
    samples = OUT / "load-samples.json"
    samples.write_text(subprocess.run([sys.executable, __file__, "--prepare"], env=environment, cwd=ROOT,
                                      check=True, capture_output=True, text=True).stdout)
    host = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "liaison.wsgi", "--bind",
                               f"127.0.0.1:{args.port}", "--workers", "4", "--timeout", "30",
                               "--graceful-timeout", "10"],
                              env=environment, cwd=ROOT)
    prefix = OUT / "load"
    try:
        wait_for(host)
        subprocess.run([sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                        "--users", str(args.users), "--spawn-rate", str(args.users), "--run-time", f"{args.duration}s",
                        "--stop-timeout", "10", "--reset-stats", "--host", host, "--csv", str(prefix), "--only-summary",
                        "--loglevel", "WARNING"],
                       env={**environment, "LOAD_SAMPLES": str(samples)}, cwd=ROOT, check=False)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()  # workers still inside requests past the graceful timeout
            server.wait()
    rows = summary(prefix)
    load = os.getloadavg()[0]  # the machine is shared: a busy one shows in every figure
    stamp = time.strftime("%Y%m%d-%H%M")
    (OUT / f"load-{stamp}.json").write_text(json.dumps({"scale": args.scale, "users": args.users, "load": load,
                                                         "seconds": args.duration, "requests": rows}, indent=1))
    print(f"\n## Load: {args.users} users without pause, {args.duration} s, gunicorn 4 workers, PostgreSQL at "
          f"{args.scale}× ({os.cpu_count()} CPUs, load average {load:.1f} at the end)\n")
    print(f"{'request':<28} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7}")
    for row in rows:
        print(f"{row['name'][:28]:<28} {row['requests']:>9} {row['errors']:>7} {row['p50']:>8.0f} {row['p95']:>8.0f} "
              f"{row['p99']:>8.0f} {row['rps']:>7.1f}")
    total = rows[-1]
    verdict = "met" if total["p95"] < 150 and total["errors"] == 0 else "NOT met"
    print(f"\nGoal (p95 under 150 ms, no error): {verdict}. JSON: {OUT / f'load-{stamp}.json'}")


if __name__ == "__main__":
    main()
