"""The agreements register's part of the annual chapter and the dashboards: agreements signed in the year, and
those with partners in Belt and Road countries."""

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core import reporting
from liaison.core.access import restrict

from .coverage import BELT_AND_ROAD
from .filtersets import AgreementFilterSet
from .models import Agreement, AgreementParty

LIST = "agreements:agreement_list"


@reporting.indicator("agreements.signed", gettext_lazy("Agreements signed"),
                     gettext_lazy("Agreements whose date of signature falls in the year, whatever their status now."),
                     strategy=1, order=400)
def signed(user, year: int) -> reporting.Count:
    return reporting.listed(AgreementFilterSet, user, LIST, {"year": year})


@reporting.indicator("agreements.belt_and_road", gettext_lazy("Agreements signed with Belt and Road partners"),
                     gettext_lazy("Agreements signed in the year with a party tagged, or in a jurisdiction tagged, "
                                  "Belt and Road."),
                     strategy=1, order=410)
def belt_and_road(user, year: int) -> reporting.Count:
    return reporting.listed(AgreementFilterSet, user, LIST, {"year": year, "tag": BELT_AND_ROAD})


@reporting.section("agreements", gettext_lazy("Building a clean Belt and Road"), order=400)
def agreements_section(user, year: int) -> reporting.Section | None:
    """The agreements signed in the year, and how many with Belt and Road partners; none signed: no section."""
    total = signed.figure(user, year, exact=True, counter="份")
    if not total.value:
        return None
    paragraph = reporting.sentence(
        _("In {year}, {count} agreements were signed, {partners} of them with anti-corruption agencies of Belt and "
          "Road countries."),
        year=reporting.year_text(year), count=total,
        partners=belt_and_road.figure(user, year, exact=True, counter="份"))
    return reporting.Section(paragraphs=[paragraph], items=_items(user, year))


def _items(user, year: int) -> list[str]:
    """One line per agreement signed in the year: its date and title (or else the other parties)."""
    rows = (restrict(AgreementParty.objects.all(), user)
            .filter(agreement__in=restrict(Agreement.objects.all(), user),
                    agreement__signed_date__year=year, organisation__is_own=False)
            .select_related("agreement", "organisation").order_by("agreement__signed_date", "agreement_id", "pk"))
    lines: dict[int, tuple] = {}
    for row in rows:
        agreement = row.agreement
        lines.setdefault(agreement.pk, (agreement, []))[1].append(str(row.organisation))
    return [_("{date}: {title}").format(date=date_format(agreement.signed_date, "DATE_FORMAT"),
                                         title=agreement.title or ", ".join(parties))
            for agreement, parties in lines.values()]


CHART_YEARS = 6  # the year and the five before it


@reporting.chart("agreements.by_year", section="agreements", strategy=1, order=400)
def by_year_chart(user, year: int) -> reporting.Chart | None:
    """Agreements signed in each of the last years (one query); none signed in them: no chart."""
    first = year - CHART_YEARS + 1
    counts = dict(restrict(Agreement.objects.all(), user)
                  .filter(signed_date__year__gte=first, signed_date__year__lte=year)
                  .values_list("signed_date__year").annotate(number=Count("pk")).order_by())
    if not counts:
        return None
    years = range(first, year + 1)
    return reporting.Chart(_("Agreements signed, {first} to {year}").format(first=first, year=year),
                           [str(each) for each in years], {str(_("Agreements signed")): [counts.get(each, 0)
                                                                                         for each in years]})
