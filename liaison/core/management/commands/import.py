"""`liaison import <kind> FILE`: check a spreadsheet, report every problem, and import it only when allowed."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from liaison.core import imports


class Command(BaseCommand):
    help = ("Checks an .xlsx or .csv file and imports it when every row is valid (or, with --valid-only, its "
            "valid rows). Columns: docs/import.md.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(imports.importers()), help="What the file holds.")
        parser.add_argument("file", help="The .xlsx or .csv file.")
        parser.add_argument("--valid-only", action="store_true", help="Import the valid rows, leave out the rest.")
        parser.add_argument("--user", help="Username to act as (default: the first superuser).")

    def handle(self, *args, kind, file, valid_only, user, **options):
        acting_user = self.acting_user(user)
        importer_class = imports.importers()[kind]
        if not acting_user.has_perms(importer_class.permissions()):
            raise CommandError(_("{user} may not import {kind}.").format(user=acting_user, kind=kind))
        importer = importer_class(acting_user)
        result = self.validated(importer, Path(file))
        self.report(result)
        if not result.any_valid or (result.problems and not valid_only):
            raise CommandError(self.refusal(result))
        with tqdm(total=len(result.valid_rows), unit="row", file=sys.stderr, desc=kind) as bar:
            try:
                created = imports.run_import(acting_user, importer, result.rows, valid_only,
                                             progress=bar.update)
            except imports.ImportRefused as refusal:
                raise CommandError(refusal.message) from refusal
        self.stdout.write(self.style.SUCCESS(imports.created_message(importer.model, len(created))))
        if result.invalid_count:
            self.stdout.write(imports.left_out_message(result.invalid_count))

    def acting_user(self, username: str | None):
        """The user the change log names: --user, or the first superuser."""
        users = get_user_model().objects.filter(is_active=True)
        found = users.filter(username=username).first() if username else (
            users.filter(is_superuser=True).order_by("pk").first()
        )
        if found is None:
            raise CommandError(
                _("No active user “{user}”.").format(user=username) if username
                else _("No superuser to act as: create one, or name a user with --user.")
            )
        return found

    def validated(self, importer, path: Path) -> imports.ImportResult:
        if not path.is_file():
            raise CommandError(_("No file at {path}.").format(path=path))
        try:
            with path.open("rb") as file:
                return imports.validate(importer, file, path.name)
        except imports.ImportRefused as refusal:
            raise CommandError(refusal.message) from refusal

    def report(self, result: imports.ImportResult) -> None:
        """Every likely duplicate, then every problem (row, column, reason), then a summary."""
        for duplicate in result.duplicates:
            self.stdout.write(self.style.WARNING(duplicate.describe()))
        for problem in result.problems:
            column = problem.column or "—"
            self.stderr.write(_("Row {row}, column {column}: {reason}").format(
                row=problem.row, column=column, reason=problem.message))
        total = len(result.rows)
        self.stdout.write(ngettext(
            "{total} row: {valid} valid, {invalid} with problems.",
            "{total} rows: {valid} valid, {invalid} with problems.", total,
        ).format(total=total, valid=len(result.valid_rows), invalid=result.invalid_count))

    def refusal(self, result: imports.ImportResult) -> str:
        if result.any_valid:
            return _("Nothing was imported: fix the problems above, or use --valid-only to import the valid rows.")
        return _("Nothing was imported: no row can be imported as the file stands.")
