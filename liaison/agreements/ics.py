"""The calendar feed (ICS): expiries of agreements in force and follow-up actions, for one user."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from liaison.core.access import restrict
from liaison.core.exports import CHUNK
from liaison.core.validators import xml_safe

from .choices import IN_FORCE, ActionStatus
from .models import Agreement, FollowUpAction

HOST = "liaison.agreements"
END = b"END:VCALENDAR\r\n"


def _event(uid: str, day: datetime.date, summary: str, description: str, url: str, stamp) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{HOST}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", xml_safe(summary))
    event.add("description", xml_safe(description))
    if url:
        event.add("url", url)
    return event


def feed(user, base_url: str = ""):
    """Every agreement in force the user may see that has an expiry date, and the user's open actions: the feed's
    bytes a piece at a time (an event each, records read a chunk at a time), to stream whatever its length."""
    calendar = Calendar()
    calendar.add("prodid", "-//Liaison//Agreements//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Agreements: expiries and actions"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    whole = calendar.to_ical()
    yield whole[:-len(END)]
    stamp = timezone.now()
    agreements = restrict(Agreement.objects.all(), user).filter(status__in=IN_FORCE, expiry_date__isnull=False)
    for agreement in agreements.order_by("expiry_date", "pk").iterator(chunk_size=CHUNK):
        yield _event(
            f"agreement-{agreement.pk}-expiry", agreement.expiry_date,
            _("Agreement expires: {title}").format(title=agreement),
            _("Notice period: {days} days. Renews automatically: {auto}.").format(
                days=agreement.notice_period, auto=_("yes") if agreement.auto_renew else _("no")),
            base_url + agreement.get_absolute_url(), stamp,
        ).to_ical()
    actions = restrict(FollowUpAction.objects.all(), user).filter(
        owner=user, status=ActionStatus.OPEN, due_date__isnull=False).select_related("agreement")
    for action in actions.order_by("due_date", "pk").iterator(chunk_size=CHUNK):
        yield _event(
            f"action-{action.pk}", action.due_date, _("Action due: {title}").format(title=action),
            _("Under “{agreement}”.").format(agreement=action.agreement),
            base_url + action.agreement.get_absolute_url(), stamp,
        ).to_ical()
    yield END
