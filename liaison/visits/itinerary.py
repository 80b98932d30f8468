"""A delegation's itinerary: a printable bilingual PDF (WeasyPrint, Noto CJK) and an ICS file."""



from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from liaison.core import pdf as documents
from liaison.core.validators import xml_safe

HOST = "liaison.visits"


def pdf(delegation, items) -> bytes:
    """The programme in both languages, one item a row, ready to print."""
    return documents.render("visits/itinerary.html", {"delegation": delegation, "items": items,
                                                      "printed": timezone.localdate()})


def _bilingual(record, field: str) -> str:
    values = [getattr(record, f"{field}_en") or "", getattr(record, f"{field}_zh_hant") or ""]
    return " / ".join(dict.fromkeys(value for value in values if value))


def ics(delegation, items, base_url: str = "") -> bytes:
    """One calendar event per programme item."""
    calendar = Calendar()
    calendar.add("prodid", "-//Liaison//Delegations//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", xml_safe(_("Programme: {title}").format(title=delegation)))
    stamp = timezone.now()
    for item in items:
        event = Event()
        event.add("uid", f"programme-item-{item.pk}@{HOST}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("summary", xml_safe(_bilingual(item, "title") or item.get_kind_display()))
        event.add("location", xml_safe(" · ".join(v for v in (_bilingual(item, "place"), item.room) if v)))
        event.add("url", base_url + delegation.get_absolute_url())
        calendar.add_component(event)
    return calendar.to_ical()
