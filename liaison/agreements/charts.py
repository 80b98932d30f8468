"""The coverage map and the agreements signed per year as SVG, built from the agreements to count (already
restricted for the reader) so that reports reuse them."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaison.core import charts

from . import coverage


def coverage_map_svg(agreements, user) -> str:
    """Jurisdictions with an agreement in force; each one's tooltip names the agreements."""
    covered = coverage.jurisdictions_covered(agreements, user)
    layer = {jurisdiction.code: ngettext("{count} agreement in force", "{count} agreements in force", count).format(
        count=count) for jurisdiction, count in covered.items()}
    return charts.world_map(_("Jurisdictions with an agreement in force"), {_("Agreement in force"): layer})


def signed_per_year_svg(agreements, user) -> str:
    """Agreements signed each year from the first year with one to the last (this year alone when none)."""
    per_year = coverage.signed_per_year(agreements, user)
    years = list(range(min(per_year), max(per_year) + 1)) if per_year else [timezone.localdate().year]
    return charts.bar_chart(_("Agreements signed per year"), [str(year) for year in years],
                            {_("Agreements signed"): [per_year.get(year, 0) for year in years]})
