"""Figures of the delegations area for a period, for one user: what the annual chapter reports.

Every figure counts the records the user may see (through the access chokepoint), and is computed by the database.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from liaison.core.access import restrict
from liaison.core.filtersets import MAX_YEAR, MIN_YEAR
from liaison.core.models import Jurisdiction, Region

from .choices import RECEIVED, DelegationCategory, MissionPurpose, MissionStatus
from .models import Delegation, Mission


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


@dataclass(frozen=True)
class Row:
    label: str
    delegations: int
    visitors: int


@dataclass(frozen=True)
class MissionRow:
    label: str
    missions: int


def period_from(query) -> Period:
    """The period a page asks for (?year=2024, or ?start=…&end=…), else the current year."""
    try:
        year = int(query.get("year", ""))
    except ValueError:
        year = None
    if year is not None and MIN_YEAR <= year <= MAX_YEAR:
        return Period.year(year)
    try:
        start = datetime.date.fromisoformat(query.get("start", ""))
        end = datetime.date.fromisoformat(query.get("end", ""))
    except ValueError:
        return Period.year(datetime.date.today().year)
    return Period(start, end) if start <= end else Period(end, start)


def visitors_expression():
    """A delegation's visitors: its list's count when it has a list, else its declared size."""
    return Coalesce(NullIf(F("listed_visitors"), 0), F("declared_size"))


def received(user, start: datetime.date, end: datetime.date):
    """The delegations received (approved, confirmed or completed) that arrived in the period."""
    return restrict(Delegation.objects.all(), user).filter(status__in=RECEIVED, start_date__gte=start,
                                                             start_date__lte=end)


def missions(user, start: datetime.date, end: datetime.date):
    """The missions, not cancelled, that left in the period."""
    return restrict(Mission.objects.all(), user).exclude(status=MissionStatus.CANCELLED).filter(
        start_date__gte=start, start_date__lte=end)


def totals(user, start, end) -> Row:
    found = received(user, start, end).aggregate(delegations=Count("pk"), visitors=Sum(visitors_expression()))
    return Row(_("Total"), found["delegations"], found["visitors"] or 0)


def _rows(queryset, key: str, labels: dict) -> list[Row]:
    grouped = (queryset.values(key).annotate(delegations=Count("pk"), visitors=Sum(visitors_expression()))
               .order_by("-delegations", key))
    return [Row(labels.get(row[key]) or _("Not recorded"), row["delegations"], row["visitors"] or 0)
            for row in grouped]


def by_region(user, start, end) -> list[Row]:
    labels = {region.pk: str(region) for region in Region.objects.filter(parent__isnull=True)}
    return _rows(received(user, start, end), "jurisdiction__region", labels)


def by_jurisdiction(user, start, end) -> list[Row]:
    queryset = received(user, start, end)
    return _rows(queryset, "jurisdiction", _jurisdiction_names(user, queryset.values("jurisdiction")))


def _jurisdiction_names(user, pks) -> dict:
    return {j.pk: str(j) for j in restrict(Jurisdiction.objects.filter(pk__in=pks), user)}


def by_category(user, start, end) -> list[Row]:
    return _rows(received(user, start, end), "category", dict(DelegationCategory.choices))


def missions_by_purpose(user, start, end) -> list[MissionRow]:
    labels = dict(MissionPurpose.choices)
    grouped = missions(user, start, end).values("purpose").annotate(n=Count("pk")).order_by("-n", "purpose")
    return [MissionRow(str(labels.get(row["purpose"], row["purpose"])), row["n"]) for row in grouped]


def missions_by_destination(user, start, end) -> list[MissionRow]:
    grouped = list(missions(user, start, end).values("destinations").annotate(n=Count("pk", distinct=True))
                   .order_by("-n", "destinations"))
    names = _jurisdiction_names(user, [row["destinations"] for row in grouped])
    return [MissionRow(names.get(row["destinations"]) or _("Not recorded"), row["n"]) for row in grouped]


def figures(user, start, end) -> dict:
    """Every figure of the statistics page."""
    return {
        "total": totals(user, start, end),
        "by_region": by_region(user, start, end),
        "by_jurisdiction": by_jurisdiction(user, start, end),
        "by_category": by_category(user, start, end),
        "missions": missions(user, start, end).count(),
        "missions_by_purpose": missions_by_purpose(user, start, end),
        "missions_by_destination": missions_by_destination(user, start, end),
        "synthetic": received(user, start, end).filter(is_synthetic=True).count(),
    }
