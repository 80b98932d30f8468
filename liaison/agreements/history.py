"""The messages the agreements' changes come with (see changelog.sentence), said in each reader's language."""

from django.utils.translation import gettext_lazy as _

from liaison.core.changelog import sentence

from .choices import AgreementStatus

STATUS = sentence("agreements.status", _("Status: {old} → {new}"), old=AgreementStatus, new=AgreementStatus)
RENEWED_BY = sentence("agreements.renewed_by", _("Renewed by “{new}” (#{pk})."))
NOTICE_PERIOD = sentence("agreements.notice_period", _("Within the notice period of {days} days."))
PAST_EXPIRY = sentence("agreements.past_expiry", _("Past its expiry date."))
# Said by the change log of the calendar addresses made before the office calendar took over (see CalendarFeed).
FEED_MADE = sentence("agreements.feed_made", _("Calendar address made."))
FEED_REPLACED = sentence("agreements.feed_replaced", _("Calendar address replaced; the old one no longer works."))
FEED_STOPPED = sentence("agreements.feed_stopped", _("Calendar address turned off."))
