"""Benchmark of spreadsheet imports: rows per second to check a file and to write it.

Run with `make bench-import` (a fresh SQLite database under var/bench/, or LIAISON_DATABASE_URL to measure
another, e.g. PostgreSQL). Sizes: BENCH_ROWS rows (default 10 000) of organisations and of contacts, against
BENCH_EXISTING organisations already stored (default 3 000). Prints figures; asserts nothing.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("LIAISON_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'imports.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from liaison.core import imports  # noqa: E402
from liaison.core.models import ChangeRecord, Jurisdiction  # noqa: E402
from liaison.core.search import index_text  # noqa: E402
from liaison.core.testing import make_user  # noqa: E402
from liaison.partners.importers import ContactImporter, OrganisationImporter  # noqa: E402
from liaison.partners.models import Contact, Organisation, Position  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "10000"))
EXISTING = int(os.environ.get("BENCH_EXISTING", "3000"))


def existing_organisations(count: int) -> None:
    """Organisations already stored (bulk, outside services: set-up, not the path measured)."""
    jurisdictions = list(Jurisdiction.objects.order_by("code"))
    batch = []
    for n in range(count):
        names = (f"Existing Agency {n}", f"現有機構{n}", f"EA{n}")
        batch.append(Organisation(kind="aca", name_en=names[0], name_zh_hant=names[1], acronym_en=names[2],
                                  jurisdiction=jurisdictions[n % len(jurisdictions)], search_text=index_text(names)))
    Organisation.objects.bulk_create(batch, batch_size=1000)


def workbook(path: Path, header: list[str], rows) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def organisation_rows(jurisdictions: list[str]):
    for n in range(ROWS):
        yield [f"Imported Bureau {n}", f"匯入局{n}", f"IB{n}", "", "aca", jurisdictions[n % len(jurisdictions)],
               f"EA{n % EXISTING}" if n % 3 == 0 else "", f"bureau{n}.example.org", "yes", "", ""]


def contact_rows():
    for n in range(ROWS):
        yield [f"Officer Number {n}", f"官員{n}", "Mr", "先生", f"officer{n}@example.org", "+852 2826 3111",
               "English; Cantonese", "", f"Existing Agency {n % EXISTING}", "Investigator", "調查主任", "2024-03-01"]


def measure(importer_class, path: Path, user) -> tuple[float, float, int]:
    """(check rows/s, write rows/s, change records written) of one file."""
    importer = importer_class(user)
    started = time.perf_counter()
    with path.open("rb") as handle:
        result = imports.validate(importer, handle, path.name)
    checked = time.perf_counter()
    assert result.all_valid, result.problems[:5]
    before = ChangeRecord.objects.count()
    imports.run_import(user, importer, result.rows, valid_only=False)
    written = time.perf_counter()
    return ROWS / (checked - started), ROWS / (written - checked), ChangeRecord.objects.count() - before


def main() -> None:
    Path(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    settings.LIAISON_IMPORT_MAX_ROWS = max(settings.LIAISON_IMPORT_MAX_ROWS, ROWS)
    settings.LIAISON_IMPORT_MAX_BYTES = max(settings.LIAISON_IMPORT_MAX_BYTES, 64 * 1024 * 1024)
    call_command("migrate", verbosity=0)
    Position.objects.all().delete()
    Contact.objects.all().delete()
    Organisation.objects.update(parent=None)
    Organisation.objects.all().delete()
    existing_organisations(EXISTING)
    user = make_user("manager", username=f"bench-{time.time_ns()}")
    codes = list(Jurisdiction.objects.order_by("code").values_list("code", flat=True))
    with tempfile.TemporaryDirectory() as folder:
        organisations = workbook(Path(folder) / "organisations.xlsx", [c.header for c in OrganisationImporter.columns],
                                 organisation_rows(codes))
        contacts = workbook(Path(folder) / "contacts.xlsx", [c.header for c in ContactImporter.columns],
                            contact_rows())
        print(f"{connection.vendor}: {ROWS} rows a file, {EXISTING} organisations stored")
        print(f"{'file':<14} {'check rows/s':>13} {'write rows/s':>13} {'change records':>15}")
        for name, importer_class, path in (("organisations", OrganisationImporter, organisations),
                                           ("contacts", ContactImporter, contacts)):
            check, write, changes = measure(importer_class, path, user)
            print(f"{name:<14} {check:>13.0f} {write:>13.0f} {changes:>15}")


if __name__ == "__main__":
    main()
