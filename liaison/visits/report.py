"""The delegations' part of the annual chapter and the dashboards: the non-local delegations we received and
their visitors, our missions, and the joint projects with Mainland and Macao partners."""

import datetime

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core import display, reporting
from liaison.core.access import restrict, restricted_prefetch
from liaison.partners.models import Organisation

from . import statistics
from .choices import RECEIVED
from .filtersets import DelegationFilterSet, MissionFilterSet
from .models import JointProject, Mission

DELEGATIONS = "visits:delegation_list"
MISSIONS = "visits:mission_list"
VISITORS = gettext_lazy("Members of the delegations received in the year: each delegation's list of visitors, "
                        "or its declared size where it has no list.")


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


@reporting.indicator("visits.delegations", gettext_lazy("Delegations received"),
                     gettext_lazy("Non-local delegations approved, confirmed or completed whose visit began in the "
                                  "year."), strategy=4, order=700)
def delegations(user, year: int) -> reporting.Count:
    return reporting.listed(DelegationFilterSet, user, DELEGATIONS, {"year": year, "status": list(RECEIVED)})


@reporting.indicator("visits.visitors", gettext_lazy("Visitors received"), VISITORS, strategy=4, order=710)
def visitors(user, year: int) -> reporting.Count:
    total = statistics.totals(user, *_year(year))
    return reporting.Count(total.visitors, reverse("visits:statistics") + "?" + urlencode({"year": year}))


@reporting.indicator("visits.missions", gettext_lazy("Missions"),
                     gettext_lazy("Our officers' missions that left in the year."), strategy=4,
                     order=720)
def missions(user, year: int) -> reporting.Count:
    return reporting.listed(MissionFilterSet, user, MISSIONS, {"year": year})


@reporting.section("visits.mainland", gettext_lazy("Mainland and Macao collaboration"), order=600)
def mainland_section(user, year: int) -> reporting.Section | None:
    """The joint projects active in the year, with their partners; none: no section."""
    start, end = _year(year)
    projects = (restrict(JointProject.objects.all(), user)
                .exclude(start_date__gt=end).exclude(end_date__lt=start)
                .prefetch_related(restricted_prefetch("partners", Organisation.objects.all(), user))
                .order_by("start_date", "pk"))
    items = [_("{project} (with {partners})").format(
        project=project.title, partners=display.joined([str(partner) for partner in project.partners.all()]))
        for project in projects]
    return reporting.Section(items=items) if items else None


@reporting.section("visits.missions", gettext_lazy("International exchange and conferences"), order=500)
def missions_section(user, year: int) -> reporting.Section | None:
    """Our missions of the year, each with its date and title; none: no section."""
    count = missions.figure(user, year, exact=True, counter="次")
    if not count.value:
        return None
    rows = restrict(Mission.objects.all(), user).filter(start_date__year=year).order_by("start_date", "pk")
    items = [_("{date}: {title}").format(date=date_format(mission.start_date, "DATE_FORMAT"), title=mission.title)
             for mission in rows]
    paragraph = reporting.sentence(_("Our officers went on {count} missions abroad, to the Mainland and to Macao."),
                                   count=count)
    return reporting.Section(paragraphs=[paragraph], items=items)


@reporting.section("visits.delegations", gettext_lazy("Non-local visitors"), order=700)
def delegations_section(user, year: int) -> reporting.Section | None:
    """The delegations received in the year and their visitors; none: no section."""
    received = delegations.figure(user, year, counter="個")
    if not received.value:
        return None
    people = visitors(user, year)
    paragraph = reporting.sentence(
        _("In {year}, we received {delegations} delegations with {visitors} officials, corporate representatives, "
          "scholars and others."),
        year=reporting.year_text(year), delegations=received,
        visitors=reporting.Figure(people.value, people.url, str(VISITORS), counter="名"))
    return reporting.Section(paragraphs=[paragraph])


@reporting.chart("visits.by_region", section="visits.delegations", strategy=4, order=700)
def by_region_chart(user, year: int) -> reporting.Chart | None:
    """The delegations received in the year and their visitors, by region (one query); none: no chart."""
    rows = statistics.by_region(user, *_year(year))
    if not rows:
        return None
    return reporting.Chart(_("Delegations and visitors received in {year}, by region").format(year=year),
                           [str(row.label) for row in rows],
                           {str(_("Delegations")): [row.delegations for row in rows],
                            str(_("Visitors")): [row.visitors for row in rows]})
