"""A network's growth chart and member map as SVG, built from the network (and a date) so reports reuse them."""

import datetime
import math

from django.utils import timezone
from django.utils.translation import gettext as _
from pygal_maps_world.i18n import COUNTRIES

from liaison.core import charts

from . import stats
from .choices import MembershipStatus as Status

DETAILED_YEARS = 4  # the last years are shown by quarter, earlier ones by year
MAX_YEAR_POINTS = 60  # a history of centuries (or a date typed wrongly) is shown every few years


def chart_days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Points of the growth chart: year ends long ago (every few years when there are very many), quarter ends in
    the last few years, then `last`. The number of points is bounded whatever the dates."""
    detail_from = datetime.date(max(last.year - DETAILED_YEARS + 1, 1), 1, 1)
    if first >= detail_from:
        return stats.quarter_ends(first, last)
    years = range(first.year, detail_from.year)
    step = math.ceil(len(years) / MAX_YEAR_POINTS)
    early = [datetime.date(year, 12, 31) for year in years if (detail_from.year - 1 - year) % step == 0]
    return [*early, *stats.quarter_ends(detail_from, last)]


def growth_svg(network, user, until: datetime.date | None = None) -> str:
    """Members and observers at the end of each year / quarter, up to `until` (today by default)."""
    until = until or timezone.localdate()
    first = stats.first_start(network, user)
    title = _("Members of {network} over time").format(network=network.organisation.acronym or network)
    if first is None or first > until:
        return charts.line_chart(title, [], {})
    days = chart_days(first, until)
    series = stats.growth(network, days, user)
    named = {str(Status.MEMBER.label): series[Status.MEMBER]}
    if any(series[Status.OBSERVER]):
        named[str(Status.OBSERVER.label)] = series[Status.OBSERVER]
    return charts.line_chart(title, days, named)


def map_svg(network, user, on: datetime.date | None = None) -> str:
    """Jurisdictions of the members on `on` (today by default), shaded by how many members each has."""
    on = on or timezone.localdate()
    found = stats.breakdown(stats.memberships_on(network, on, user))
    codes = {j.code.upper(): count for j, count in found.jurisdictions if j.code.lower() in COUNTRIES}
    title = _("Member jurisdictions of {network} on {date}").format(
        network=network.organisation.acronym or network, date=on.isoformat())
    return charts.world_map(title, {_("Members"): codes} if codes else {})
