"""The dashboards: for each strategy of the chapter, its indicators for a year and the year before, and the
partners on a world map. The number of queries depends on the indicators registered, never on the data."""

import base64
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from liaison.core import charts, reporting
from liaison.core.access import restrict
from liaison.partners.models import Organisation

from .chapter import contents_for

STRATEGY_COUNT = 4  # the chapter's four strategies, when a year's contents do not list them
MIN_YEAR, MAX_YEAR = 1900, 2999


def year_of(text, default: int) -> int:
    """The year asked for in the address, within bounds; anything else is the default year."""
    text = str(text or "")
    return int(text) if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR else default


def strategy_of(text, count: int) -> int:
    """The strategy asked for (1 to `count`); anything else is the first."""
    text = str(text or "")
    return int(text) if text.isdigit() and 1 <= int(text) <= count else 1


def strategies(user, year: int) -> list[str]:
    contents = contents_for(user, year)
    return contents.strategy_lines() if contents else []


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    definition: str
    current: reporting.Count
    previous: reporting.Count


def rows(user, year: int, strategy: int) -> list[Row]:
    """Each indicator of the strategy that the user may see, for `year` and the year before."""
    return [Row(kind.key, str(kind.label), str(kind.definition), kind.count(user, year), kind.count(user, year - 1))
            for kind in reporting.indicators(user, strategy)]


def chart(user, year: int, strategy: int) -> str:
    found = rows(user, year, strategy)
    return charts.bar_chart(_("Indicators, {previous} and {year}").format(previous=year - 1, year=year),
                            [row.label for row in found],
                            {str(year - 1): [row.previous.value for row in found],
                             str(year): [row.current.value for row in found]})


def drawn(user, year: int, strategy: int) -> list[dict]:
    """The strategy's registered charts for the year, each as an image (its SVG in the page: one request) with the
    series and rows of its data table; the same drawings as the chapter's."""
    found = []
    for kind in reporting.charts(strategy=strategy):
        chart = kind(user, year)
        if chart is not None:
            image = "data:image/svg+xml;base64," + base64.b64encode(chart.svg().encode()).decode()
            found.append({"chart": chart, "image": image, "series": list(chart.series), "rows": chart.rows})
    return found


def partner_map(user) -> str:
    """The organisations the user may see, by jurisdiction (one query)."""
    organisations = restrict(Organisation.objects.all(), user)
    counts = (organisations.filter(jurisdiction__isnull=False).values("jurisdiction__code")
              .annotate(number=Count("pk")).order_by())
    return charts.world_map(_("Partners by jurisdiction"),
                            {_("Organisations"): {row["jurisdiction__code"]: row["number"] for row in counts}})
