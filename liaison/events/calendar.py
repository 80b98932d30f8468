"""What the events area puts on the office's calendar: every event the user may see, over its days."""

from liaison.core import calendar
from liaison.core.access import restrict

from .models import Event


@calendar.provider
def events(user, start, end):
    visible = restrict(Event.objects.all(), user).filter(start_date__lte=end, end_date__gte=start)
    for event in visible.order_by("start_date", "pk"):
        yield calendar.Item(start=event.start_date, end=event.end_date, title=str(event),
                            url=event.get_absolute_url(), kind=str(event.get_kind_display()),
                            uid=f"events.event.{event.pk}", place=str(event.city or ""))
