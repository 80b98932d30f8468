"""Days to think twice about when choosing a visit's dates: weekends and Hong Kong public holidays."""

import datetime
from dataclasses import dataclass

import holidays
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# A visit longer than this is not checked day by day (nobody plans one; the bound keeps the page cheap).
MAX_DAYS = 366


@dataclass(frozen=True)
class FlaggedDay:
    day: datetime.date
    reason: str


def hong_kong_holidays(years) -> holidays.HolidayBase:
    """Hong Kong's public holidays of those years, named in the reader's language."""
    language = "zh_HK" if get_language() == "zh-hant" else "en_HK"
    return holidays.country_holidays("HK", years=years, language=language)


def flagged_days(first: datetime.date | None, last: datetime.date | None) -> list[FlaggedDay]:
    """Each weekend day and public holiday from `first` to `last` (inclusive), with the reason."""
    if first is None:
        return []
    last = last or first
    if last < first or (last - first).days > MAX_DAYS:
        return []
    public = hong_kong_holidays(range(first.year, last.year + 1))
    found = []
    day = first
    while day <= last:
        if day in public:
            found.append(FlaggedDay(day, _("Public holiday: {name}").format(name=public.get(day))))
        elif day.weekday() == 5:
            found.append(FlaggedDay(day, _("Saturday")))
        elif day.weekday() == 6:
            found.append(FlaggedDay(day, _("Sunday")))
        day += datetime.timedelta(days=1)
    return found
