"""`liaison jurisdictions`: re-syncs jurisdictions, regions and reference tags from the bundled sources."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource
from liaison.core.jurisdictions import resync
from liaison.core.models import Jurisdiction, Region, Tag


def user_language() -> str:
    """The supported language closest to the user's locale (LC_ALL, LC_MESSAGES, LANG), else the site default."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = os.environ.get(variable, "").split(".")[0]
        if locale:
            try:
                return translation.get_supported_language_variant(translation.to_language(locale))
            except LookupError:
                break  # "C" or "POSIX": no preference
    return settings.LANGUAGE_CODE


class Command(BaseCommand):
    help = ("Re-syncs ISO 3166-1 jurisdictions, UN M49 regions and reference tags; keeps tags users added. "
            "Every record it creates or changes is recorded in the change log.")

    def handle(self, *args, **options):
        with change_context(ChangeSource.CLI):
            counts = resync()
        with translation.override(user_language()):
            for model, key in ((Region, "regions"), (Tag, "tags"), (Jurisdiction, "jurisdictions")):
                count = counts[key]
                self.stdout.write(
                    _("{records}: {created} created, {updated} updated, {unchanged} unchanged.").format(
                        records=str(model._meta.verbose_name_plural).capitalize(),
                        created=count["created"], updated=count["updated"], unchanged=count["unchanged"],
                    )
                )
            self.stdout.write(_("{count} tag assignments added.").format(count=counts["tag_links"]))
