"""`liaison import <kind> FILE`: check a spreadsheet, report every problem, and import it only when allowed.

The import runs as a job in this process (it is listed among the user's jobs), with a progress bar on the terminal.
"""

import sys
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from liaison.core import cli, imports, jobs
from liaison.core.choices import JobStatus


class Bar:
    """A terminal progress bar that follows a job through its steps (checking, then writing)."""

    def __init__(self, description: str):
        self.description = description
        self.bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()

    def update(self, done: int, total: int, message: str) -> None:
        """A new bar for each step (its total or message changes); nothing before the step's size is known."""
        if not total:
            return
        if self.bar is None or (self.bar.total, self.bar.desc) != (total, message or self.description):
            if self.bar is not None:
                self.bar.close()
            self.bar = tqdm(total=total, unit="row", file=sys.stderr, desc=message or self.description)
        self.bar.update(done - self.bar.n)


class Command(BaseCommand):
    help = ("Checks an .xlsx or .csv file and imports it when every row is valid (or, with --valid-only, its "
            "valid rows). Columns: docs/import.md.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(imports.importers()), help="What the file holds.")
        parser.add_argument("file", help="The .xlsx or .csv file.")
        parser.add_argument("--valid-only", action="store_true", help="Import the valid rows, leave out the rest.")
        parser.add_argument("--user", help="Username to act as (default: the first superuser).")

    def handle(self, *args, kind, file, valid_only, user, **options):
        acting_user = cli.acting_user(user)
        importer_class = imports.importers()[kind]
        if not acting_user.has_perms(importer_class.permissions()):
            raise CommandError(_("{user} may not import {kind}.").format(user=acting_user, kind=kind))
        stored = self.stored(Path(file))
        params = {"importer": kind, "path": stored, "filename": Path(file).name,
                  "mode": "valid" if valid_only else "all"}
        title = _("Import of “{file}” ({kind})").format(file=Path(file).name, kind=kind)
        try:
            job = jobs.create(acting_user, imports.import_file, title, params)
            with Bar(kind) as bar:
                jobs.run_here(job, bar.update)
        finally:
            imports.discard_upload(stored)
        if job.result:
            self.report(job.result)
        if job.status == JobStatus.FAILED:
            raise CommandError(self.refusal(job.result) if job.result and job.result["problems"] else job.message)
        self.stdout.write(self.style.SUCCESS(job.message))

    def stored(self, path: Path) -> str:
        """The file, copied where the import job reads uploads from, once its name and size are acceptable."""
        if not path.is_file():
            raise CommandError(_("No file at {path}.").format(path=path))
        try:
            imports.check_name(path.name)
            imports.check_size(path.stat().st_size)
            with path.open("rb") as handle:
                return imports.store_upload(File(handle, name=path.name))
        except imports.ImportRefused as refusal:
            raise CommandError(refusal.message) from refusal

    def report(self, result: dict) -> None:
        """Every likely duplicate, then every problem (row, column, reason), then a summary."""
        for duplicate in result["duplicates"]:
            self.stdout.write(self.style.WARNING(imports.Duplicate(**duplicate).describe()))
        for problem in result["problems"]:
            column = problem["column"] or "—"
            self.stderr.write(_("Row {row}, column {column}: {reason}").format(
                row=problem["row"], column=column, reason=problem["message"]))
        total = result["rows"]
        self.stdout.write(ngettext(
            "{total} row: {valid} valid, {invalid} with problems.",
            "{total} rows: {valid} valid, {invalid} with problems.", total,
        ).format(total=total, valid=result["valid"], invalid=result["invalid"]))

    def refusal(self, result: dict) -> str:
        if result["any_valid"]:
            return _("Nothing was imported: fix the problems above, or use --valid-only to import the valid rows.")
        return _("Nothing was imported: no row can be imported as the file stands.")
