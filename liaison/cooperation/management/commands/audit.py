"""`liaison audit verify` checks the operational-liaison audit chain; `liaison audit anchor` prints its head."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from liaison.cooperation import audit


class Command(BaseCommand):
    help = _("Checks the tamper-evident chain of the operational-liaison logs (verify), or prints its head for "
             "safekeeping outside the system (anchor).")

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["verify", "anchor"])

    def handle(self, *args, what, **options):
        if what == "anchor":
            head = audit.head()
            self.stdout.write(f"{head.position} {head.digest}" if head else _("The chain is empty."))
            return
        findings = audit.verify()
        if findings:
            for finding in findings:
                self.stdout.write(str(finding))
            raise CommandError(_("The audit chain is broken: {count} problems.").format(count=len(findings)))
        head = audit.head()
        self.stdout.write(self.style.SUCCESS(
            _("The audit chain is whole: {count} entries.").format(count=head.position if head else 0)))
