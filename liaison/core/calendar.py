"""The office's calendar: each area registers what it puts on it (events, incoming delegations, missions…).

A provider is `function(user, start, end) -> iterable of Item`, registered with `@calendar.provider`. It returns
the user's visible records (through the access chokepoint) that overlap the days from `start` to `end`
(inclusive), in a bounded number of queries whatever the range. Core assembles the month and week pages and the
ICS feed from the providers, and never imports an app.
"""

import datetime
from dataclasses import dataclass

_providers = []


@dataclass(frozen=True)
class Item:
    """One thing on the calendar: an event, a visit, a mission… from `start` to `end` (inclusive days, or times)."""

    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime
    title: str
    url: str
    kind: str  # the kind of item in the reader's language, e.g. "Incoming delegation"; also its filter value
    uid: str  # stable across feeds, e.g. "visits.delegation.12"
    place: str = ""

    @property
    def first_day(self) -> datetime.date:
        return self.start.date() if isinstance(self.start, datetime.datetime) else self.start

    @property
    def last_day(self) -> datetime.date:
        return self.end.date() if isinstance(self.end, datetime.datetime) else self.end


def provider(function):
    """Registers `function(user, start, end) -> iterable of Item` (see the module's docstring)."""
    _providers.append(function)
    return function


def items(user, start: datetime.date, end: datetime.date) -> list[Item]:
    """Every item the user may see that overlaps the days from `start` to `end`, in order of their start."""
    if user is None:
        raise TypeError("calendar.items() needs the user who reads the calendar.")
    found = [item for function in _providers for item in function(user, start, end)]
    return sorted(found, key=lambda item: (item.first_day, str(item.title)))


# --- Months and weeks as the pages show them -------------------------------------------------------------------

MAX_FEED_DAYS = 800  # the ICS feed: about a year back and a year ahead


def month_start(text: str, today: datetime.date) -> datetime.date:
    """The first day of the month "YYYY-MM" (this month when the text is not one)."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def week_start(text: str, today: datetime.date) -> datetime.date:
    """The Monday of the week of the day "YYYY-MM-DD" (this week when the text is not one)."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        day = today
    return day - datetime.timedelta(days=day.weekday())


def month_weeks(first: datetime.date) -> list[list[datetime.date]]:
    """The weeks (Monday to Sunday) that show the month beginning on `first`."""
    start = first - datetime.timedelta(days=first.weekday())
    next_month = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    weeks = []
    while start < next_month:
        weeks.append([start + datetime.timedelta(days=n) for n in range(7)])
        start += datetime.timedelta(days=7)
    return weeks


def by_day(found: list[Item], days: list[datetime.date]) -> dict[datetime.date, list[Item]]:
    """The items on each of the days."""
    return {day: [item for item in found if item.first_day <= day <= item.last_day] for day in days}
