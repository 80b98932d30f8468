"""`make bench`: every page at 1×, 10× and 100× a year's records, on SQLite and PostgreSQL; prints tables, writes JSON.

    python bench/run.py [--scales 1,10,100] [--db sqlite|postgres|both] [--seed 1] [--only TEXT]

Each (database, scale) is built once with `liaison synth` and kept for the next run (under var/bench/ for SQLite,
databases `<BENCH_POSTGRES_URL>_<scale>` on PostgreSQL, default postgresql://postgres@127.0.0.1:5432/liaison_bench);
it is built again when the migrations or the generators change. The measuring runs in a child process per database
and scale (bench/measure.py). Results: var/bench/bench-<date>.json and var/bench/latest.json.
"""

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
BUILT = OUT / "built.json"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/liaison_bench")


def fingerprint(scale: str, seed: int) -> str:
    """Changes when what the data set is built from changes: migrations, generators, the search index."""
    digest = hashlib.sha256(f"{scale}/{seed}".encode())
    files = [*ROOT.glob("liaison/*/migrations/*.py"), *ROOT.glob("liaison/*/synth.py"),
             *ROOT.glob("liaison/core/search*.py")]
    for path in sorted(files):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def postgres_url(scale: str) -> str:
    parts = urlsplit(POSTGRES)
    return urlunsplit(parts._replace(path=f"{parts.path}_{scale.replace('.', '_')}"))


def postgres_reachable() -> bool:
    import psycopg

    try:
        psycopg.connect(_maintenance(POSTGRES), connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def _maintenance(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def fresh_database(database: str, scale: str, seed: int) -> str:
    """The database URL for this scale, emptied unless it was built from what is here now (see `mark_built`)."""
    built = json.loads(BUILT.read_text()) if BUILT.exists() else {}
    wanted = fingerprint(scale, seed)
    if database == "sqlite":
        path = OUT / f"scale-{scale}.sqlite3"
        url = f"sqlite:///{path}"
        if built.get(url) != wanted:
            path.unlink(missing_ok=True)
    else:
        import psycopg

        url = postgres_url(scale)
        if built.get(url) != wanted:
            name = urlsplit(url).path.lstrip("/")
            with psycopg.connect(_maintenance(url), autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{name}"')
    built.pop(url, None)
    BUILT.write_text(json.dumps(built, indent=1))
    return url


def mark_built(url: str, scale: str, seed: int) -> None:
    """Records that the database at `url` holds the data set of this scale, built from what is here now."""
    built = json.loads(BUILT.read_text()) if BUILT.exists() else {}
    built[url] = fingerprint(scale, seed)
    BUILT.write_text(json.dumps(built, indent=1))


def run_one(database: str, scale: str, args) -> dict:
    url = fresh_database(database, scale, args.seed)
    out = OUT / f"run-{database}-{scale}.json"
    command = [sys.executable, str(ROOT / "bench" / "measure.py"), "--scale", scale, "--seed", str(args.seed),
               "--out", str(out), "--repeat", str(args.repeat), "--only", args.only, "--limit", str(args.limit)]
    print(f"== {database} at {scale}× ({url})", file=sys.stderr, flush=True)
    environment = {**os.environ, "LIAISON_DATABASE_URL": url, "LIAISON_LOG_LEVEL": "ERROR"}
    subprocess.run(command, check=True, env=environment, cwd=ROOT)
    mark_built(url, scale, args.seed)
    return json.loads(out.read_text())


def cell(result: dict | None) -> str:
    if result is None:
        return f"{'':>25}"
    if "error" in result:
        return f"{'ERROR':>25}"
    if "ms" not in result:
        return f"{'—':>25}"
    if result.get("over_limit"):
        return f"{'> ' + str(int(result['over_limit'] * 1000)):>16}{'':>9}"
    status = "" if result["status"] == 200 else f"[{result['status']}]"
    return f"{status}{result['ms']:>9.1f}{result['sql_ms']:>9.1f}{result['queries']:>6}"


def print_pages(database: str, runs: dict[str, dict]) -> None:
    scales = list(runs)
    print(f"\n## Pages on {database}: wall ms, SQL ms (the database's own time), queries — median of up to "
          f"5 requests\n")
    print(f"{'page':<62} {'kind':<10}" + "".join(f"{scale + '×':>25}" for scale in scales))
    labels = list(dict.fromkeys(p["label"] for run in runs.values() for p in run["pages"]))
    by_scale = {scale: {p["label"]: p for p in run["pages"]} for scale, run in runs.items()}
    for label in labels:
        first = next(by_scale[s][label] for s in scales if label in by_scale[s])
        if first.get("status") == 405 or not first.get("url"):
            continue
        print(f"{label[:62]:<62} {first['kind']:<10}" + "".join(cell(by_scale[s].get(label)) for s in scales))
    skipped = sorted({label for label in labels for s in scales
                      if label in by_scale[s] and (by_scale[s][label].get("status") == 405
                                                   or not by_scale[s][label].get("url"))})
    if skipped:
        print(f"\nNot measured (POST only, or no sample record): {', '.join(skipped)}")
    errors = {(s, label): p["error"] for s in scales for label, p in by_scale[s].items() if "error" in p}
    for (scale, label), error in errors.items():
        print(f"ERROR at {scale}×: {label}: {error}")


def print_plans(database: str, scale: str, run: dict) -> None:
    plans = run["plans"]
    if not plans:
        return
    print(f"\n## First page of every list on {database} at {scale}×: served by an index, or sorted in full "
          f"(PostgreSQL: the rows it expects to sort, the matches of a filter or the whole list)\n")
    for plan in plans:
        rows = plan.get("sorted_rows")
        sort = "FULL SORT" if rows is None else f"FULL SORT of ~{rows} rows"
        verdict = "ERROR " + plan["error"] if "error" in plan else ("index" if plan["index"] else sort)
        print(f"{plan['list']:<36} {plan['filter'] or '(no filter)':<16} {verdict}")


def print_search(database: str, runs: dict[str, dict]) -> None:
    if not any(run["search"] for run in runs.values()):
        return
    print(f"\n## Search on {database}: count + first page of every list, ms over all queries and repeats\n")
    print(f"{'scale':>6} {'p50':>8} {'p95':>8} {'max':>8}  slowest")
    for scale, run in runs.items():
        timings = [(ms, s) for s in run["search"] for ms in s["ms"]]
        if not timings:
            continue
        values = sorted(ms for ms, _s in timings)
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        slowest = max(timings, key=lambda t: t[0])[1]
        print(f"{scale + '×':>6} {statistics.median(values):>8.1f} {p95:>8.1f} {values[-1]:>8.1f}  "
              f"{slowest['list']} “{slowest['text']}” ({slowest['query']})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default=os.environ.get("SCALES") or "1,10,100")
    parser.add_argument("--db", default=os.environ.get("DB") or "both", choices=["sqlite", "postgres", "both"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default=os.environ.get("ONLY", ""),
                        help="measure only the pages whose label matches this regular expression, e.g. '_list$'")
    parser.add_argument("--limit", type=float, default=float(os.environ.get("LIMIT") or 10),
                        help="seconds after which one request is stopped and shown as over the limit")
    parser.add_argument("--report", action="store_true",
                        help="measure nothing: print the tables of the last runs (var/bench/run-*.json)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    if args.report:
        results = {database: {scale: json.loads((OUT / f"run-{database}-{scale}.json").read_text())
                              for scale in scales if (OUT / f"run-{database}-{scale}.json").exists()}
                   for database in databases}
        results = {database: runs for database, runs in results.items() if runs}
    else:
        if "postgres" in databases and not postgres_reachable():
            print(f"PostgreSQL is not reachable at {POSTGRES}: measuring SQLite only.", file=sys.stderr)
            databases.remove("postgres")
        results = {database: {scale: run_one(database, scale, args) for scale in scales} for database in databases}
    stamp = time.strftime("%Y%m%d-%H%M")
    text = json.dumps(results, ensure_ascii=False, indent=1)
    (OUT / f"bench-{stamp}.json").write_text(text)
    (OUT / "latest.json").write_text(text)
    for database, runs in results.items():
        scales = list(runs)
        meta = next(iter(runs.values()))["meta"]
        print(f"\n# {database} {meta['database_version']} — {meta['machine']}, {meta['date']}, seed {meta['seed']}, "
              f"load average " + ", ".join(f"{s}× {r['meta'].get('load_average', '?')}" for s, r in runs.items()))
        print("Built in: " + ", ".join(f"{s}× {r['meta']['built_seconds']} s" for s, r in runs.items()
                                       if r["meta"]["built_seconds"] is not None))
        print_pages(database, runs)
        print_plans(database, scales[-1], runs[scales[-1]])
        print_search(database, runs)
    print(f"\nJSON: {OUT / f'bench-{stamp}.json'}")


if __name__ == "__main__":
    main()
