"""The agreements register's part of the annual chapter and the dashboards: agreements signed in the year, and
those with partners in Belt and Road countries."""

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
