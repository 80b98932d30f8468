"""The messages the events' changes come with (see changelog.sentence), said in each reader's language."""

from django.utils.translation import gettext_lazy as _

from liaison.core.changelog import sentence

from .choices import RegistrationStatus

STATUS = sentence("events.status", _("Status: {old} → {new}"), old=RegistrationStatus, new=RegistrationStatus)
PLACE_FREED = sentence("events.place_freed", _("A place became free."))
PLACED = sentence("events.placed", _("Placed by the scheduler."))
PUBLISHED = sentence("events.published", _("Published: kept in place when the schedule is re-optimised."))
PURGED = sentence("events.purged", _("Personal data purged after the retention date."))
PURGED_COUNT = sentence("events.purged_count", _("Personal data of {count} participants purged."))
