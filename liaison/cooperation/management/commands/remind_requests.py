"""`liaison remind_requests [--today YYYY-MM-DD] [--dry-run]`: the daily deadline reminders of assistance requests,
for a scheduler; e-mails go out through the job queue."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaison.core import mail

from ... import reminders


class Command(BaseCommand):
    help = _("E-mails each member of a compartment the deadlines of the requests they may see (overdue, due today, "
             "due in a week).")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to remind for (YYYY-MM-DD); default: today.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be sent; send nothing.")

    def handle(self, *args, today=None, dry_run=False, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(_("Give the day as YYYY-MM-DD, not “{value}”.").format(value=today)) from exc
        with translation.override(settings.LANGUAGE_CODE):
            sent = 0
            for user, lines in reminders.digests(day).items():
                if not user.email:
                    self.stderr.write(_("{user} has no e-mail address: reminder not sent.").format(user=user))
                    continue
                if not dry_run:
                    mail.send(_("Liaison request deadlines for {date}").format(date=day.isoformat()),
                              "\n".join(lines), [user.email])
                sent += 1
            verb = _("Would send") if dry_run else _("Queued")
            self.stdout.write(_("{verb} {mails} reminder e-mails for {date}.").format(
                verb=verb, mails=sent, date=day.isoformat()))
