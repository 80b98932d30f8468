"""Charts and the world map, rendered by the server as SVG (pygal): offline, and reusable in reports."""

import re

import cairosvg
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views import View
from pygal import Bar, Config, DateLine
from pygal.style import Style
from pygal_maps_world.maps import World

from .validators import xml_safe

FONT_FAMILY = 'system-ui, "Noto Sans CJK TC", "Noto Sans TC", sans-serif'
# Cairo (the PNG) takes one family and falls back on no other: one that holds Latin and Chinese alike.
PNG_FONT_FAMILY = "Noto Sans CJK TC"
STYLE = Style(
    background="white", plot_background="white", foreground="#1d2430", foreground_strong="#1d2430",
    foreground_subtle="#5b6575", colors=("#0b5cad", "#c2410c", "#067647", "#7c3aed"), font_family=FONT_FAMILY,
)
# An SVG response may style itself but run nothing and load nothing.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
# Ids pygal gives the legend for its script, the same in every chart: two charts in one document would clash.
SCRIPT_IDS = re.compile(r' id="activate-serie-\d+"')


def _render(chart) -> str:
    """The chart's SVG without pygal's configuration script: an image here, nothing to run.

    Labels come from records; any character XML cannot hold (stored before text was checked) is dropped, so
    the image stays well-formed.
    """
    return xml_safe(SCRIPT_IDS.sub("", SCRIPT.sub("", chart.render(is_unicode=True))))


def _config(title: str, **options) -> Config:
    # The legend goes below the plot, where it covers neither an axis nor its labels.
    config = Config(style=STYLE, js=[], disable_xml_declaration=True, title=title, legend_at_bottom=True,
                    **options)
    config.no_data_text = _("No data")
    return config


def line_chart(title: str, days: list, series: dict[str, list[float]]) -> str:
    """A line chart on a time axis: one line per series, one point per day (e.g. members at the end of each year,
    then of each quarter); points are spaced by the time between them, so the slope reads true."""
    chart = DateLine(_config(title, x_label_rotation=30, dots_size=2, height=360,
                             x_value_formatter=lambda day: day.isoformat()))
    if days:
        chart.x_labels = _year_starts(days[0], days[-1])
    for name, values in series.items():
        chart.add(name, list(zip(days, values, strict=True)))
    return _render(chart)


def _year_starts(first, last) -> list:
    """About eight 1 January marks between two days, for the time axis."""
    years = list(range(first.year + 1, last.year + 1)) or [first.year]
    step = max(1, len(years) // 8)
    return [first.replace(year=year, month=1, day=1) for year in years[::step]]


def bar_chart(title: str, labels: list[str], series: dict[str, list[float]]) -> str:
    """Bars per label (e.g. agreements signed per year)."""
    chart = Bar(_config(title, height=320))
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return _render(chart)


def world_map(title: str, layers: dict[str, dict[str, object]]) -> str:
    """A world map shading jurisdictions.

    `layers` maps a legend label to {ISO alpha-2 code: a number (e.g. members there) or a label for the tooltip}.
    """
    chart = World(_config(title, height=420))
    for name, codes in layers.items():
        chart.add(name, [_map_value(code.lower(), value) for code, value in codes.items()])
    return _render(chart)


def _map_value(code: str, value):
    return {"value": (code, 1), "label": value} if isinstance(value, str) else (code, value)


def png(svg: str, width: int = 1200) -> bytes:
    """The SVG drawn as a PNG `width` pixels wide (for DOCX, which holds no SVG)."""
    return cairosvg.svg2png(bytestring=svg.replace(FONT_FAMILY.replace(", ", ","), PNG_FONT_FAMILY).encode(),
                            output_width=width)


def svg_response(svg: str) -> HttpResponse:
    """An SVG image for <img src>, with a policy that lets it carry its own styles and nothing else."""
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = SVG_POLICY
    response["Cache-Control"] = "private, max-age=60"
    return response


class ChartView(View):
    """A chart for <img src>: subclasses build the SVG in `svg()` from what the user may see."""

    def get(self, request, *args, **kwargs):
        return svg_response(self.svg())

    def svg(self) -> str:
        raise NotImplementedError
