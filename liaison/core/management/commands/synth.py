"""`liaison synth --scale N`: fill an empty registry with N× a year of synthetic records (for the bench)."""

import datetime
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from liaison.core.search_index import built_afterwards
from liaison.core.synth import Synth, generate_all


def positive_scale(text: str) -> float:
    try:
        scale = float(text)
    except ValueError:
        scale = 0
    if not 0 < scale <= 1000:
        raise CommandError(_("The scale is a number above 0 and at most 1000, e.g. 1, 10 or 100."))
    return scale


def registry_is_empty() -> bool:
    """No record of any area yet (the jurisdictions, regions and tags that migrations load do not count)."""
    return not any(
        model._base_manager.exists()  # every stored row (a need-to-know model's `objects` fails closed)
        for config in apps.get_app_configs()
        if config.name.startswith("liaison.") and config.label != "core"
        for model in config.get_models()
    )


class Command(BaseCommand):
    help = ("Fills an empty registry with N× a year of the office's records, drawn at random from a fixed seed "
            "(for the bench and load tests; never on a real registry).")

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=positive_scale, required=True,
                            help="Years of records: 1 ≈ 300 organisations, 1 500 contacts, 100 agreements.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same records.")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help="The day dates are drawn around (YYYY-MM-DD; default today).")

    def handle(self, *args, scale, seed, today, **options):
        if not registry_is_empty():
            raise CommandError(_("The registry already holds records: synthetic records go into an empty "
                                 "database only (run “liaison migrate” on a new one)."))
        started = time.monotonic()
        synth = Synth(scale=scale, seed=seed, today=today or datetime.date.today())
        with built_afterwards(), transaction.atomic():
            written = generate_all(synth)
        with connection.cursor() as cursor:
            # Fresh statistics for the planner after a bulk load, as after a restore: without them PostgreSQL
            # plans for empty tables until autovacuum (if it runs at all) analyses them.
            cursor.execute("ANALYZE")
        for label, count in written.items():
            self.stdout.write(f"{label:<32} {count:>9}")
        self.stdout.write(_("{count} records in {seconds:.0f} s.").format(
            count=sum(written.values()), seconds=time.monotonic() - started))
