"""`liaison restore FILE [--replace]`: the database and the stored files back from an archive of `liaison backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from liaison.core import backup


class Command(BaseCommand):
    help = ("Restores the rows and stored files of a backup archive into a migrated database; refuses a database "
            "in use unless --replace. SQLite and PostgreSQL archives restore into either.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive written by liaison backup.")
        parser.add_argument("--replace", action="store_true",
                            help="Replace the rows of a database already in use (they are deleted).")

    def handle(self, *args, file, replace, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No file at {path}.").format(path=path))
        try:
            manifest = backup.restore(path, replace=replace)
        except backup.BackupError as error:
            raise CommandError(error.message) from error
        rows = sum(entry["rows"] for entry in manifest["models"])
        self.stdout.write(self.style.SUCCESS(_("Restored {rows} rows and {files} files from the backup of {date}.")
                                             .format(rows=rows, files=len(manifest["files"]),
                                                     date=manifest["created"][:10])))
