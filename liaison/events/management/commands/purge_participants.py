"""`liaison purge_participants`: purges the participants' personal details of every event whose retention date has
passed (for a daily cron job); the statistics stay. Running it again purges nothing more."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource

from ... import services


class Command(BaseCommand):
    help = "Purges the participants' personal details of every event whose retention date has passed."

    def handle(self, *args, **options):
        today = timezone.localdate()
        with change_context(ChangeSource.CLI):
            purged = services.purge_due(None, today)
        for event, count in purged:
            self.stdout.write(_("{event} (kept until {date}): personal data of {count} participants purged.").format(
                event=event, date=event.retention_date.isoformat(), count=count))
        if not purged:
            self.stdout.write(_("No event's retention date has passed since the last purge."))
