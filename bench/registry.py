"""Benchmark of the partner registry: list, search, detail and API timings as the registry grows.

Run with `make bench` (a fresh SQLite database under var/bench/, or LIAISON_DATABASE_URL to measure another).
Prints figures; asserts nothing.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("LIAISON_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from liaison.core.models import Jurisdiction  # noqa: E402
from liaison.core.search import index_text  # noqa: E402
from liaison.core.testing import make_user  # noqa: E402
from liaison.partners.models import Organisation  # noqa: E402

SIZES = (1_000, 10_000)
REPEAT = 15


def grow_to(size: int) -> None:
    """Adds synthetic organisations (bulk, outside services: this is set-up, not the path measured)."""
    jurisdictions = list(Jurisdiction.objects.all())
    start = Organisation.objects.count()
    batch = []
    for n in range(start, size):
        names = (f"Bench Agency {n}", f"測試反貪機構{n}", f"BA{n}")
        batch.append(Organisation(kind="aca", name_en=names[0], name_zh_hant=names[1], acronym_en=names[2],
                                  jurisdiction=jurisdictions[n % len(jurisdictions)],
                                  search_text=index_text(names)))
    Organisation.objects.bulk_create(batch, batch_size=1000)


def measure(client: Client, url: str, **headers) -> tuple[float, float, int]:
    """Median and 90th-percentile milliseconds, and the query count, of GET url."""
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url, **headers)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, **headers)
    return statistics.median(timings), statistics.quantiles(timings, n=10)[-1], len(queries)


def main() -> None:
    Path(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    setup_test_environment()
    call_command("migrate", verbosity=0)
    Organisation.objects.all().delete()
    client = Client()
    client.force_login(make_user("viewer", username=f"bench-{time.time_ns()}"))
    print(f"{'records':>8} {'page':<44} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for size in SIZES:
        grow_to(size)
        sample = Organisation.objects.order_by("pk")[size // 2]
        pages = {
            "organisation list": ("/partners/organisations/", {}),
            "list, sorted by jurisdiction": ("/partners/organisations/?sort=jurisdiction", {}),
            "search (Simplified Chinese)": ("/partners/organisations/?q=测试反贪机构99", {}),
            "organisation page": (sample.get_absolute_url(), {}),
            "API list (limit 50)": ("/api/partners/organisations/?limit=50", {"HTTP_ACCEPT": "application/json"}),
            "API search": ("/api/partners/organisations/?q=ba99", {"HTTP_ACCEPT": "application/json"}),
        }
        for name, (url, headers) in pages.items():
            median, p90, queries = measure(client, url, **headers)
            print(f"{size:>8} {name:<44} {median:>10.1f} {p90:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
