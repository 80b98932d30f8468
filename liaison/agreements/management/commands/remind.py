"""`liaison remind [--today YYYY-MM-DD] [--dry-run]`: the daily reminders, for a scheduler (cron, systemd timer).

Moves agreements the calendar has overtaken (into the notice period → expiring, past expiry → expired, or an
automatic renewal's expiry extended by its term), then e-mails each responsible officer the agreements that
reach 90, 30 or 7 days before expiry that day, and each action owner their overdue and due-today actions. The
e-mails go out through the job queue (`liaison.core.mail`): a worker delivers them.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaison.core import mail
from liaison.core.changelog import change_context
from liaison.core.choices import ActionStatus, ChangeSource

from ... import reminders
from ...models import Agreement, FollowUpAction


def digests(today: datetime.date) -> dict:
    """User → lines of their reminder for the day."""
    lines = defaultdict(list)
    for expiry in reminders.expiring(Agreement.objects.select_related("responsible_officer"), today):
        officer = expiry.agreement.responsible_officer
        if expiry.days_left in reminders.WINDOWS and officer is not None and officer.is_active:
            lines[officer].append(_("“{title}” expires on {date} (in {days} days).").format(
                title=expiry.agreement, date=expiry.agreement.expiry_date.isoformat(), days=expiry.days_left))
    actions = FollowUpAction.objects.filter(status=ActionStatus.OPEN, due_date__lte=today, owner__is_active=True)
    for action in actions.select_related("owner", "agreement").order_by("due_date", "pk"):
        if action.due_date < today:
            text = _("Action overdue since {date}: “{title}” (under “{agreement}”).")
        else:
            text = _("Action due today, {date}: “{title}” (under “{agreement}”).")
        lines[action.owner].append(text.format(date=action.due_date.isoformat(), title=action,
                                               agreement=action.agreement))
    return lines


class Command(BaseCommand):
    help = "Sends the day's agreement reminders by e-mail and moves expiring and expired agreements."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to remind for (YYYY-MM-DD); default: today.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would happen; change and send nothing.")

    def handle(self, *args, today=None, dry_run=False, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(_("Give the day as YYYY-MM-DD, not “{value}”.").format(value=today)) from exc
        with translation.override(settings.LANGUAGE_CODE):
            moves = reminders.due_moves(day)
            if not dry_run:
                with change_context(ChangeSource.CLI):
                    reminders.apply_moves(None, moves, day)
            sent = 0
            for user, lines in digests(day).items():
                if not user.email:
                    self.stderr.write(_("{user} has no e-mail address: reminder not sent.").format(user=user))
                    continue
                if not dry_run:
                    subject = _("Liaison reminders for {date}").format(date=day.isoformat())
                    mail.send(subject, "\n".join(lines), [user.email])
                sent += 1
        verb = _("Would send") if dry_run else _("Queued")
        self.stdout.write(_("{verb} {mails} reminder e-mails for {date}; {expiring} agreements expiring, "
                            "{expired} expired, {extended} renewed automatically.").format(
            verb=verb, mails=sent, date=day.isoformat(), expiring=len(moves.expiring), expired=len(moves.expired),
            extended=len(moves.extended)))
