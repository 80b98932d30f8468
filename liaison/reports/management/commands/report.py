"""`liaison report chapter --year 2024 --lang en|zh-hant|both --format html|docx|pdf --output FILE`.

The chapter is written as a job in this process (listed among the user's jobs), with its progress on the terminal.
"""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from liaison.core import cli, jobs
from liaison.core.choices import JobStatus
from liaison.reports.forms import FORMATS, LANGUAGES
from liaison.reports.jobs import stored_name, write_chapter


class Command(BaseCommand):
    help = "Writes the annual chapter of a year from the records, in English, Chinese or both."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["chapter"], help="What to write.")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--lang", choices=[code for code, _label in LANGUAGES], default="both")
        parser.add_argument("--format", dest="file_format", choices=[code for code, _label in FORMATS],
                            default="html")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument("--user", help="Username to write as (default: the first superuser).")

    def handle(self, *args, what, year, lang, file_format, output, user, **options):
        acting_user = cli.acting_user(user)
        record = jobs.create(acting_user, write_chapter, f"Chapter of {year} ({file_format.upper()})",
                             {"year": year, "lang": lang, "file_format": file_format})
        jobs.run_here(record, lambda done, total, message: self.stderr.write(f"\r{done}/{total} {message}", ending=""))
        self.stderr.write("")
        if record.status != JobStatus.SUCCEEDED:
            raise CommandError(record.message)
        name = stored_name(record.pk, file_format)
        with default_storage.open(name, "rb") as stored:
            Path(output).write_bytes(stored.read())
        default_storage.delete(name)
        self.stdout.write(record.message)

