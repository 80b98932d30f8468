"""The networks' part of the annual chapter and the dashboards: the membership of the associations whose
secretariat we host (the chapter's 122 → 180), the networks we belong to and the roles we hold in their governing
bodies (the chapter's presidency and secretariat of the association)."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.core import reporting
from liaison.core.access import restrict
from liaison.partners.models import Organisation

from . import stats
from .choices import MembershipStatus
from .filtersets import MembershipFilterSet, TermFilterSet, held_in
from .models import Membership, Network, Term

LIST = "networks:membership_list"
TERMS = "networks:term_list"
MEMBERS_DEFINITION = gettext_lazy(
    "Organisations whose membership of the association had the status “member” on that day (observers and "
    "applicants are not counted).")


def members_on(user, network: Network, day: datetime.date) -> reporting.Count:
    return reporting.listed(MembershipFilterSet, user, LIST,
                            {"network": network.pk, "status": MembershipStatus.MEMBER, "on": day.isoformat()})


def ours(user):
    """The networks whose secretariat our own organisation hosts, as the user may see them."""
    return restrict(Network.objects.all(), user).filter(secretariat__is_own=True).select_related("organisation")


@reporting.indicator("networks.association_members", gettext_lazy("Members of the association"),
                     gettext_lazy("Member organisations, at the end of the year, of the associations whose "
                                  "secretariat we host."), strategy=2, order=100)
def association_members(user, year: int) -> reporting.Count:
    networks = list(ours(user)[:1])
    return members_on(user, networks[0], datetime.date(year, 12, 31)) if networks else reporting.Count(0)


@reporting.indicator("networks.memberships", gettext_lazy("Networks we belong to"),
                     gettext_lazy("Networks of which our own organisation was a member or an observer at the end "
                                  "of the year."), strategy=2, order=110)
def memberships(user, year: int) -> reporting.Count:
    day = datetime.date(year, 12, 31).isoformat()
    own = restrict(Membership.objects.all(), user).filter(organisation__is_own=True).values_list(
        "organisation_id", flat=True).first()
    if own is None:
        return reporting.Count(0)
    return reporting.listed(MembershipFilterSet, user, LIST, {
        "organisation": own, "status": [MembershipStatus.MEMBER, MembershipStatus.OBSERVER], "on": day})


def _own_organisation(user) -> int | None:
    return restrict(Organisation.objects.all(), user).filter(is_own=True).values_list("pk", flat=True).first()


@reporting.indicator("networks.roles", gettext_lazy("Roles held in networks"),
                     gettext_lazy("Seats and offices our own organisation held in networks' governing bodies at any "
                                  "time in the year (President, Secretariat, committee seats…)."),
                     strategy=2, order=120)
def roles(user, year: int) -> reporting.Count:
    own = _own_organisation(user)
    if own is None:
        return reporting.Count(0)
    return reporting.listed(TermFilterSet, user, TERMS, {"holder": own, "year": year})


@reporting.section("networks", gettext_lazy("Networks and the association"), order=100)
def networks_section(user, year: int) -> reporting.Section | None:
    """How the membership of each association we serve changed: from when we took on its secretariat (or the
    start of the year) to the end of the year; then the roles we held in networks' governing bodies, listed. No such
    association and no role: no section."""
    paragraphs = [_growth(user, network, year) for network in ours(user)]
    held, items = _roles_held(user, year)
    if held:
        paragraphs.append(held)
    return reporting.Section(paragraphs=paragraphs, items=items) if paragraphs else None


def _roles_held(user, year: int) -> tuple[list, list[str]]:
    """The sentence counting the roles our organisation held in the year, and one line per role (with its network)."""
    count = roles.figure(user, year, exact=True, counter="個")
    if not count.value:
        return [], []
    terms = list(held_in(restrict(Term.objects.all(), user), year).filter(holder__is_own=True)
                 .select_related("body__network__organisation", "holder")
                 .order_by("body__network__organisation__name", "body__order", "start_date", "pk"))
    networks = {term.body.network_id for term in terms}
    holder = terms[0].holder if terms else ""
    sentence = reporting.sentence(
        _("In {year}, {organisation} held {count} roles in the governing bodies of {networks} networks:"),
        year=reporting.year_text(year), organisation=holder.acronym or holder if holder else "", count=count,
        networks=len(networks))
    items = [_("{role}, {network}").format(role=term.role_title or term.body,
                                           network=term.body.network.organisation.acronym or term.body.network)
             for term in terms]
    return sentence, items


def _growth(user, network: Network, year: int) -> list:
    since = network.secretariat_since or datetime.date(year, 1, 1)
    since = min(since, datetime.date(year, 1, 1))
    start, end = members_on(user, network, since), members_on(user, network, datetime.date(year, 12, 31))
    first = reporting.Figure(start.value, start.url, str(MEMBERS_DEFINITION), exact=True, counter="個")
    last = reporting.Figure(end.value, end.url, str(MEMBERS_DEFINITION), exact=True, counter="個")
    if end.value > start.value:
        template = _("The membership of {network} grew from {start} in {since} to {end} at the end of {year}.")
    elif end.value < start.value:
        template = _("The membership of {network} fell from {start} in {since} to {end} at the end of {year}.")
    else:
        template = _("The membership of {network} stood at {end} at the end of {year}, as in {since}.")
    return reporting.sentence(template, network=network, start=first,
                              since=reporting.year_text(since.year), end=last, year=reporting.year_text(year))


CHART_YEARS = 6  # the year and the five before it


@reporting.chart("networks.association_members", section="networks", strategy=2, order=100)
def members_chart(user, year: int) -> reporting.Chart | None:
    """The members of the association whose secretariat we host at the end of each of the last years (one query)."""
    network = ours(user).first()
    if network is None:
        return None
    years = list(range(year - CHART_YEARS + 1, year + 1))
    members = stats.growth(network, [datetime.date(each, 12, 31) for each in years], user,
                           statuses=(MembershipStatus.MEMBER,))[MembershipStatus.MEMBER]
    if not any(members):
        return None
    return reporting.Chart(
        _("Members of {network} at the end of each year").format(network=network.organisation.acronym or network),
        [str(each) for each in years], {str(MembershipStatus.MEMBER.label): members})
