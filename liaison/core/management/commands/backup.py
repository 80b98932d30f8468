"""`liaison backup FILE`: the database and the stored files (uploaded documents) in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from liaison.core import backup


class Command(BaseCommand):
    help = "Writes every row of the database and every stored file to one archive (.zip); see the README."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive to write, e.g. liaison-2025-01-31.zip.")
        parser.add_argument("--replace", action="store_true", help="Overwrite FILE if it exists.")

    def handle(self, *args, file, replace, **options):
        path = Path(file)
        if path.exists() and not replace:
            raise CommandError(_("{file} exists; choose another name, or overwrite it with --replace.").format(
                file=path))
        if not path.parent.is_dir():
            raise CommandError(_("No folder {folder} to write the backup to.").format(folder=path.parent))
        manifest = backup.backup(path)
        rows = sum(entry["rows"] for entry in manifest["models"])
        self.stdout.write(self.style.SUCCESS(_("Backed up {rows} rows of {models} kinds of record and {files} files "
                                               "to {file}.").format(rows=rows, models=len(manifest["models"]),
                                                                     files=len(manifest["files"]), file=path)))
