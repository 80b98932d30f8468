"""Figures of a network computed from membership periods: members on a date, by place, and growth over time.

Every figure is for one user: it counts only the memberships that user may see (a user is required).

A membership counts as a member on day D when one of its periods has status "member" and covers D
(start ≤ D and, when it has ended, end > D). Observers are counted apart and never in the member figure:
the association's 180 are member organisations.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from liaison.core.access import restrict
from liaison.core.models import Jurisdiction

from .choices import MembershipStatus as Status
from .models import Membership, MembershipPeriod


def covering(day: datetime.date, prefix: str = "") -> Q:
    """Periods covering a day (half-open: a period ending on D no longer covers D)."""
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gt": day})
    )


def periods_of(network, user):
    """The periods of a network's memberships that the user may see."""
    visible = restrict(Membership.objects.all(), user)
    return restrict(MembershipPeriod.objects.all(), user).filter(membership__network=network,
                                                                 membership__in=visible)


def counts_on(network, day: datetime.date, user) -> dict[str, int]:
    """{status: number of memberships in that status on `day`}, every status present (one query)."""
    rows = periods_of(network, user).filter(covering(day)).values_list("membership_id", "status")
    found = defaultdict(set)
    for membership_id, status in rows:
        found[status].add(membership_id)
    return {status: len(found.get(status, ())) for status in Status.values}


def member_count(network, day: datetime.date, user) -> int:
    """How many organisations were members on `day` (one query)."""
    return periods_of(network, user).filter(covering(day), status=Status.MEMBER).values(
        "membership_id").distinct().count()


def memberships_on(network, day: datetime.date, user, status: str = Status.MEMBER):
    """The memberships in `status` on `day`, with organisation, jurisdiction and region (one query)."""
    in_status = MembershipPeriod.objects.filter(covering(day), membership=OuterRef("pk"), status=status)
    return (
        restrict(Membership.objects.all(), user)
        .filter(network=network)
        .filter(Exists(in_status))
        .select_related("organisation__jurisdiction__region", "organisation__jurisdiction__sub_region")
    )


@dataclass(frozen=True)
class Breakdown:
    """Members on a date by region and by jurisdiction."""

    regions: list[tuple[str, int]]
    jurisdictions: list[tuple[object, int]]
    international: int


def breakdown(memberships) -> Breakdown:
    """Counts of `memberships` (a queryset) by jurisdiction and region, counted by the database (two queries)."""
    counted = dict(memberships.order_by().values_list("organisation__jurisdiction").annotate(count=Count("pk")))
    international = counted.pop(None, 0)
    places = Jurisdiction.objects.select_related("region").in_bulk(list(counted))
    regions, jurisdictions = Counter(), {}
    for pk, count in counted.items():
        jurisdiction = places[pk]
        jurisdictions[jurisdiction] = count
        regions[str(jurisdiction.region) if jurisdiction.region else _("Other")] += count
    by_count = sorted(regions.items(), key=lambda item: (-item[1], item[0]))
    by_place = sorted(jurisdictions.items(), key=lambda item: (-item[1], str(item[0])))
    return Breakdown(by_count, by_place, international)


def growth(network, days: list[datetime.date], user, statuses=(Status.MEMBER, Status.OBSERVER),
           ) -> dict[str, list[int]]:
    """{status: [count on each day]}: the periods are fetched once (one query) and swept in Python."""
    rows = list(periods_of(network, user).filter(status__in=statuses).values_list(
        "membership_id", "status", "start_date", "end_date"))
    series = {}
    for status in statuses:
        mine = [(membership, start, end) for membership, kind, start, end in rows if kind == status]
        series[status] = [
            len({membership for membership, start, end in mine if start <= day and (end is None or end > day)})
            for day in days
        ]
    return series


def first_start(network, user) -> datetime.date | None:
    period = periods_of(network, user).order_by("start_date").values_list("start_date", flat=True).first()
    return period


def year_ends(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The last day of each year from `start`'s year to `end`'s, the last point being `end` itself."""
    days = [datetime.date(year, 12, 31) for year in range(start.year, end.year)]
    return [*days, end]


def quarter_ends(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The last day of each quarter from `start`'s quarter up to `end`, the last point being `end` itself."""
    days = []
    year, quarter = start.year, (start.month - 1) // 3
    while True:
        month = quarter * 3 + 3
        last = datetime.date(year, month, 31 if month in (3, 12) else 30)
        if last >= end:
            break
        days.append(last)
        quarter = (quarter + 1) % 4
        year += quarter == 0
    return [*days, end]
