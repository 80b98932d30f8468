"""Calendars (ICS) of an event: its programme, and one delegation's or one person's agenda."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as Entry

from liaison.core.validators import xml_safe

HOST = "liaison.events"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Liaison//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", xml_safe(name))
    return calendar


def _entry(uid: str, start, end, summary: str, place: str, url: str, stamp) -> Entry:
    entry = Entry()
    entry.add("uid", f"{uid}@{HOST}")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", start)
    entry.add("dtend", end)
    entry.add("summary", xml_safe(summary))
    if place:
        entry.add("location", xml_safe(place))
    if url:
        entry.add("url", url)
    return entry


def slot_times(meeting, zone) -> tuple[datetime.datetime, datetime.datetime]:
    slot = meeting.slot
    return (datetime.datetime.combine(slot.date, slot.start, tzinfo=zone),
            datetime.datetime.combine(slot.date, slot.end, tzinfo=zone))


def agenda(event, sessions, meetings, name: str, base_url: str = "") -> bytes:
    """The sessions and the placed bilateral meetings given, as one calendar."""
    calendar, stamp = _calendar(name), timezone.now()
    for session in sessions:
        calendar.add_component(_entry(f"session-{session.pk}", session.start, session.end, str(session),
                                      str(session.room or ""), base_url + session.get_absolute_url(), stamp))
    for meeting in meetings:
        start, end = slot_times(meeting, event.zone)
        calendar.add_component(_entry(f"meeting-{meeting.pk}", start, end,
                                      _("Bilateral meeting: {meeting}").format(meeting=meeting),
                                      str(meeting.room or ""), base_url + meeting.get_absolute_url(), stamp))
    return calendar.to_ical()
