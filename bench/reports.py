"""Bench of the reports: the 2024 chapter in three formats × both languages, and the one search's p95.

    python bench/reports.py [--synth SCALE] [--searches 200]

Builds a fresh SQLite database under var/bench/ with the reference data (and, with --synth, `liaison synth` records
at that scale for the search), then prints the figures. A bench prints; it asserts nothing.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "reports.sqlite3"
QUERIES = ["IAACA", "聯合國", "联合国", "Commission", "反贪", "Maldives", "MoU 2024", "GlobE", "廉政公署",
           "South Africa"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synth", type=float, default=0, help="Also load `liaison synth --scale SCALE` records.")
    parser.add_argument("--searches", type=int, default=200, help="How many searches to time.")
    options = parser.parse_args()
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    os.environ["LIAISON_DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from liaison.core.areas import reference_loaders

    call_command("migrate", interactive=False, verbosity=0)
    for _label, load in reference_loaders():
        load(None)
    if options.synth:
        call_command("synth", scale=options.synth, verbosity=0)
    reader = User.objects.create_user("bench-reader")
    reader.groups.add(Group.objects.get(name="manager"))
    chapter_times(reader)
    search_times(reader, options.searches)


def chapter_times(reader) -> None:
    from liaison.reports import chapter, documents

    # CPU seconds beside the wall time: on a shared machine the wall time includes waiting for a CPU, the CPU time
    # (this process's, SQLite included) does not.
    print(f"load average {os.getloadavg()[0]:.1f}")
    print("chapter of 2024          wall s    CPU s    bytes")
    total = cpu = 0.0
    for lang in ("en", "zh-hant", "both"):
        for file_format in ("html", "docx", "pdf"):
            started, started_cpu = time.perf_counter(), time.process_time()
            data = documents.render(chapter.write(reader, 2024, lang), file_format)
            elapsed, used = time.perf_counter() - started, time.process_time() - started_cpu
            total += elapsed if lang != "both" else 0
            cpu += used if lang != "both" else 0
            print(f"  {lang:8} {file_format:5}      {elapsed:8.2f} {used:8.2f}  {len(data):7}")
    print(f"three formats × both languages (en + zh-hant): {total:.2f} s wall, {cpu:.2f} s CPU")


def search_times(reader, count: int) -> None:
    from liaison.core import global_search
    from liaison.core.search_index import searchable_models

    records = sum(model._base_manager.count() for model in searchable_models())  # every row, for the size
    kinds = global_search.kinds_for(reader)
    times = []
    for number in range(count):
        started = time.perf_counter()
        global_search.find(reader, QUERIES[number % len(QUERIES)], kinds)
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"search over {records} searchable records, {len(kinds)} kinds: "
          f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
