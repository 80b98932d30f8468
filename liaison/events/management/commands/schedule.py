"""`liaison schedule EVENT [--lock]`: schedules the event's accepted bilateral meetings here and now (the same job
the event's page starts), printing the result; `--lock` first publishes the meetings already placed, so that only
the rest moves."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from liaison.core import jobs
from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource, JobStatus

from ... import schedule
from ...models import Event


class Command(BaseCommand):
    help = "Schedules the accepted bilateral meetings of an event (its number) into slots and rooms."

    def add_arguments(self, parser):
        parser.add_argument("event", type=int)
        parser.add_argument("--lock", action="store_true", help="Keep the meetings already placed where they are.")

    def handle(self, *args, **options):
        event = Event.objects.filter(pk=options["event"]).first()
        if event is None:
            raise CommandError(_("No event number {number}.").format(number=options["event"]))
        if options["lock"]:
            with change_context(ChangeSource.CLI):
                schedule.lock_placed(None, event)
        job = jobs.create(None, schedule.run_schedule, _("Bilateral meetings of “{event}”").format(event=event),
                          {"event_id": event.pk})
        jobs.run_here(job)
        if job.status == JobStatus.FAILED:
            raise CommandError(job.message)
        self.stdout.write(job.message)
        for name, value in (job.result or {}).items():
            self.stdout.write(f"  {name}: {value}")
