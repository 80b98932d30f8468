"""The annual chapter's sections and the dashboards' indicators: each area registers its own, core assembles them.

An area declares them in its `report.py` (imported at start-up, like `calendar`):

    @reporting.section("agreements", _("Building a clean Belt and Road"), order=400)
    def agreements_section(user, year) -> reporting.Section | None: ...

    @reporting.indicator("agreements.signed", _("Agreements signed"), _("Agreements whose date of signature …"),
                         strategy=1, order=400)
    def signed(user, year) -> reporting.Count: ...

A section function returns the year's paragraphs (sentences whose figures are `Figure`s, see `sentence`) and the
records it lists, or None when the year has no records for it: the chapter leaves it out. It runs in the language
the chapter is being written in. An indicator counts for one user and one year, in a bounded number of queries,
and says which list page reproduces the count (`Count.url`): every figure links to the records it counts.

A chart is registered the same way, for a section of the chapter and a strategy of the dashboards; it draws one
of the year's series (members year by year, delegations by region…) and is the same drawing on the page and in
every format of the chapter, with its data as a table beside it:

    @reporting.chart("agreements.by_year", section="agreements", strategy=1, order=400)
    def by_year(user, year) -> reporting.Chart | None: ...
"""

import string
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language

from . import charts as drawing
from .access import restrict

_sections: dict[str, "SectionKind"] = {}
_indicators: dict[str, "IndicatorKind"] = {}
_charts: dict[str, "ChartKind"] = {}

THIN_SPACE = "\u2009"


@dataclass(frozen=True)
class Figure:
    """A number in the chapter, with the list that reproduces it and what it counts.

    `exact` prints the number as it is (7 agreements, 180 members); otherwise it is phrased in the report's style
    ("over 500", "nearly 60", "about 200"). `counter` is the Chinese measure word that follows it (名, 個, 位).
    """

    value: int
    url: str = ""
    definition: str = ""
    exact: bool = False
    counter: str = ""

    @property
    def text(self) -> str:
        return phrase(self.value, exact=self.exact, counter=self.counter)


@dataclass(frozen=True)
class Count:
    """What an indicator found: the number, and the list page (with its filter) that reproduces it."""

    value: int
    url: str = ""


@dataclass
class Section:
    """One section of the Review of Work for a year: paragraphs (lists of text and `Figure`s) and listed records."""

    paragraphs: list[list] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    @property
    def figures(self) -> list[Figure]:
        return [part for paragraph in self.paragraphs for part in paragraph if isinstance(part, Figure)]


@dataclass(frozen=True)
class SectionKind:
    key: str
    title: object
    order: int
    build: object


@dataclass(frozen=True)
class IndicatorKind:
    key: str
    label: object
    definition: object
    strategy: int
    order: int
    count: object
    permission: str = ""  # shown only to users with it (e.g. requests for assistance); blank: to everyone

    def __call__(self, user, year: int) -> "Count":
        return self.count(user, year)

    def figure(self, user, year: int, **options) -> "Figure":
        """The indicator as a figure of the chapter, with its definition (options: `exact`, `counter`)."""
        found = self.count(user, year)
        return Figure(found.value, found.url, str(self.definition), **options)


@dataclass(frozen=True)
class Chart:
    """A bar chart of one or more series over labels (years, regions), with its data as a table: the text
    alternative of the drawing, in the language the chart was built in."""

    title: str
    labels: list[str]
    series: dict[str, list[int]]

    def svg(self) -> str:
        return drawing.bar_chart(self.title, self.labels, self.series)

    def png(self) -> bytes:
        """The same drawing as a PNG, for formats that cannot hold SVG (DOCX)."""
        return drawing.png(self.svg())

    @property
    def rows(self) -> list[tuple[str, list[int]]]:
        """(label, the value of each series) for the data table."""
        return [(label, [values[index] for values in self.series.values()]) for index, label in enumerate(self.labels)]


@dataclass(frozen=True)
class ChartKind:
    key: str
    section: str
    strategy: int
    order: int
    build: object

    def __call__(self, user, year: int) -> "Chart | None":
        return self.build(user, year)


def chart(key: str, section: str, strategy: int, order: int = 100):
    """Registers `build(user, year) -> Chart | None` as the chart `key`, drawn in the chapter's section `section`
    and on the dashboard of strategy `strategy`; None: nothing to draw for that year."""
    def register(build):
        _charts[key] = kind = ChartKind(key, section, strategy, order, build)
        return kind
    return register


def charts(section: str | None = None, strategy: int | None = None) -> list[ChartKind]:
    """The registered charts of a section or a strategy, in order."""
    return sorted((kind for kind in _charts.values()
                   if (section is None or kind.section == section) and (strategy is None or kind.strategy == strategy)),
                  key=lambda kind: (kind.order, kind.key))


def chart_named(key: str) -> ChartKind | None:
    return _charts.get(key)


def section(key: str, title, order: int = 100):
    """Registers `build(user, year) -> Section | None` as the chapter's section `key`."""
    def register(build):
        _sections[key] = SectionKind(key, title, order, build)
        return build
    return register


def indicator(key: str, label, definition, strategy: int, order: int = 100, permission: str = ""):
    """Registers `count(user, year) -> Count` as the dashboards' indicator `key`, serving strategy `strategy`;
    the decorated name is the `IndicatorKind` (call it to count, or take its `figure` for the chapter)."""
    def register(count):
        _indicators[key] = kind = IndicatorKind(key, label, definition, strategy, order, count, permission)
        return kind
    return register


def sections() -> list[SectionKind]:
    """The registered sections in their default order."""
    return sorted(_sections.values(), key=lambda kind: (kind.order, kind.key))


def section_named(key: str) -> SectionKind | None:
    return _sections.get(key)


def indicators(user, strategy: int | None = None) -> list[IndicatorKind]:
    """The indicators the user may see, in order; those of one strategy when it is given."""
    return sorted((kind for kind in _indicators.values()
                   if (strategy is None or kind.strategy == strategy)
                   and (not kind.permission or user.has_perm(kind.permission))),
                  key=lambda kind: (kind.order, kind.key))


def sentence(template: str, **values) -> list:
    """A translated sentence as parts: its text, with the values (a `Figure` stays a part of its own) in place.

    `sentence(_("{count} agreements were signed."), count=Figure(7, url))` → [Figure(7), " agreements were signed."]
    """
    parts = []
    for text, name, spec, _conversion in string.Formatter().parse(str(template)):
        if text:
            parts.append(text)
        if name is not None:
            value = values[name]
            parts.append(value if isinstance(value, Figure) else format(value, spec))
    return parts


# --- Figures in the report's style ------------------------------------------------------------------------------
#
# The rules (docs/reports.md):
# - an exact figure, and any figure under 10, is printed as it is;
# - otherwise it is rounded to a unit: 10 below 200 ("nearly 130", "over 30"), 100 from 200 ("over 500",
#   "over 2 600");
# - a multiple of the unit is "about N"                      (200 → "about 200", 50 → "about 50");
# - a number in the top three tenths below a multiple is "nearly" that multiple (57–59 → "nearly 60");
# - any other number is "over" the multiple below it         (501–569 → "over 500", 2 601–2 669 → "over 2 600").
# - from 1 000, thousands are separated by a thin space ("2 600"), as the report prints them.
# Chinese: 約 / 近 / 逾 (over hundreds, as the report writes 逾 500 名) or 超過 (超過 30 位, 超過 2 600 名), then the
# measure word: 逾 500 名, 近 60 個, 超過 2 600 名.

UNIT_100_FROM = 200  # below it the report counts in tens (nearly 130 delegations), from it in hundreds (over 500)
NEARLY_FROM = 7  # tenths of the unit: 57, 58 and 59 are "nearly 60"; 56 is "over 50"


def unit_for(value: int) -> int:
    return 100 if value >= UNIT_100_FROM else 10


def grouped(value: int) -> str:
    """The number with a thin space between thousands from 1 000 (the report's "2 600")."""
    return f"{value:,}".replace(",", THIN_SPACE) if value >= 1000 else str(value)


def rounded(value: int) -> tuple[str, int]:
    """(qualifier, round number): ("about" | "nearly" | "over" | "", number) for a count in the report's style."""
    if value < 10:
        return "", value
    unit = unit_for(value)
    below, rest = divmod(value, unit)
    if rest == 0:
        return "about", value
    if rest * 10 >= NEARLY_FROM * unit:
        return "nearly", (below + 1) * unit
    return "over", below * unit


# The chapter is written in English or Chinese: these are its words, not interface strings.
EN_QUALIFIERS = {"about": "about", "nearly": "nearly", "over": "over"}
ZH_QUALIFIERS = {"about": "約", "nearly": "近"}


def _qualifier_zh(qualifier: str, number: int) -> str:
    if qualifier == "over":
        return "逾" if 100 <= number < 1000 else "超過"
    return ZH_QUALIFIERS[qualifier]


def phrase(value: int, exact: bool = False, counter: str = "", language: str | None = None) -> str:
    """A count as the report prints it, in `language` (default: the active one)."""
    chinese = (language or get_language() or "en").lower().startswith("zh")
    qualifier, number = ("", value) if exact else rounded(value)
    text = grouped(number)
    if chinese:
        words = [_qualifier_zh(qualifier, number)] if qualifier else []
        return " ".join([*words, text, *([counter] if counter else [])])
    return f"{EN_QUALIFIERS[qualifier]} {text}" if qualifier else text


ZH_DIGITS = "零一二三四五六七八九"


def year_text(year: int) -> str:
    """A year in running text: Chinese numerals in Chinese (二零二四), as the report writes dates."""
    if (get_language() or "en").lower().startswith("zh"):
        return "".join(ZH_DIGITS[int(digit)] for digit in str(year))
    return str(year)


def listed(filterset_class, user, url_name: str, params: dict) -> Count:
    """The count the list page `url_name` shows with `params`, computed by that page's own filterset, and its
    address: following a figure's link shows exactly the records it counts, as the reader may see them."""
    model = filterset_class._meta.model
    query = urlencode(params, doseq=True)
    filterset = filterset_class(QueryDict(query), queryset=restrict(model.objects.all(), user),
                                request=SimpleNamespace(user=user))
    return Count(filterset.qs.count(), f"{reverse(url_name)}?{query}")
