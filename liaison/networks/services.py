"""Every write to networks, memberships and governance: validated, logged, in one transaction.

A membership's status changes only through `change_status` (and the named moves built on it): the open period
is closed and the next one opened in one transaction, so the history is never overwritten.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core import services as core

from .choices import MembershipStatus as Status
from .models import Body, BodyMeeting, Membership, MembershipCategory, MembershipPeriod, Network, Term

# The moves a membership may make: from its current status (None before it has any) to the next.
ALLOWED_MOVES: dict[str | None, frozenset[str]] = {
    None: frozenset({Status.APPLICANT, Status.MEMBER, Status.OBSERVER}),
    Status.APPLICANT: frozenset({Status.MEMBER, Status.OBSERVER, Status.REJECTED, Status.WITHDRAWN}),
    Status.MEMBER: frozenset({Status.OBSERVER, Status.SUSPENDED, Status.WITHDRAWN}),
    Status.OBSERVER: frozenset({Status.MEMBER, Status.SUSPENDED, Status.WITHDRAWN}),
    Status.SUSPENDED: frozenset({Status.MEMBER, Status.OBSERVER, Status.WITHDRAWN}),
    Status.WITHDRAWN: frozenset({Status.APPLICANT}),
    Status.REJECTED: frozenset({Status.APPLICANT}),
}
# Moves that must say why.
REASON_REQUIRED = frozenset({Status.REJECTED, Status.SUSPENDED})


def allowed_moves(status: str | None) -> list[str]:
    """The statuses a membership in `status` may move to, in the order of the choices."""
    allowed = ALLOWED_MOVES.get(status, frozenset())
    return [value for value in Status.values if value in allowed]


# --- Networks ---------------------------------------------------------------------------------------------------


def create_network(acting_user, data: dict) -> Network:
    return core.create_object(acting_user, Network, data, related=data.get("organisation"))


def update_network(acting_user, network: Network, data: dict, expected_version=None) -> Network:
    return core.update_object(acting_user, network, data, expected_version, related=network.organisation)


def delete_network(acting_user, network: Network) -> None:
    core.delete_object(acting_user, network, related=network.organisation)


def add_category(acting_user, network: Network, data: dict) -> MembershipCategory:
    return core.create_object(acting_user, MembershipCategory, {**data, "network": network}, related=network)


def delete_category(acting_user, category: MembershipCategory) -> None:
    core.delete_object(acting_user, category, related=category.network)


# --- Memberships ------------------------------------------------------------------------------------------------

MEMBERSHIP_FIELDS = ("network", "organisation", "category", "representative", "capacity_en", "capacity_zh_hant",
                     "notes")


@transaction.atomic
def create_membership(acting_user, data: dict) -> Membership:
    """A membership with its first status: an application received, or a member or observer from a date.

    `data` holds the membership's fields and `status` (applicant by default), `start_date` and `reason`.
    """
    data = dict(data)
    status = data.pop("status", None) or Status.APPLICANT
    start_date, reason = data.pop("start_date", None), data.pop("reason", "") or ""
    if not start_date:
        raise ValidationError({"start_date": _("Give the date the application was received or the status began.")})
    membership = core.create_object(acting_user, Membership, data, related=data.get("organisation"))
    change_status(acting_user, membership, status, start_date, reason)
    return membership


def update_membership(acting_user, membership: Membership, data: dict, expected_version=None) -> Membership:
    """Category, representative, capacity, notes; the status changes only through `change_status`."""
    data = {key: value for key, value in data.items() if key not in ("network", "organisation")}
    return core.update_object(acting_user, membership, data, expected_version, related=membership.organisation)


def delete_membership(acting_user, membership: Membership) -> None:
    """Removes a membership recorded by mistake, with its periods (each logged, as every cascade is)."""
    core.delete_object(acting_user, membership, related=membership.organisation)


@transaction.atomic
def change_status(acting_user, membership: Membership, status: str, on: datetime.date, reason: str = "",
                  expected_version: int | None = None) -> MembershipPeriod:
    """Moves a membership to `status` from the day `on`: closes the open period and opens the next.

    Refuses a move the table of allowed moves does not list, a date before the current status began, and a
    rejection or suspension without a reason.
    """
    # Lock the membership: two officers moving the same membership at once must not both succeed.
    membership = core.locked(membership, expected_version)
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status “{status}”.").format(status=status)})
    if not isinstance(on, datetime.date):
        raise ValidationError({"start_date": _("Give the date of the change.")})
    latest = membership.periods.order_by("-start_date", "-pk").first()
    current = latest.status if latest else None
    if status not in ALLOWED_MOVES[current]:
        raise ValidationError({"status": _refusal(current, status)}, code="move")
    if status in REASON_REQUIRED and not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for this decision.")}, code="reason")
    if latest is not None:
        since = latest.end_date or latest.start_date
        if on < since:
            raise ValidationError({"start_date": _(
                "The change cannot take effect before {date}, when the current status (“{status}”) began."
            ).format(date=since.isoformat(), status=latest.get_status_display())}, code="before_current")
        if latest.end_date is None:
            core.update_object(acting_user, latest, {"end_date": on}, related=membership)
    period = core.create_object(acting_user, MembershipPeriod, {
        "membership": membership, "status": status, "start_date": on, "reason": reason or "",
    }, related=membership)
    if latest is not None:  # the status is part of the membership: a decision taken on an older view is refused
        membership.version += 1
        membership.save(update_fields=["version", "updated"])
    return period


def _refusal(current: str | None, wanted: str) -> str:
    wanted_label = Status(wanted).label
    allowed = ", ".join(str(Status(value).label) for value in allowed_moves(current)) or "—"
    if current is None:
        return _("A new membership cannot start as “{wanted}”. It can start as: {allowed}.").format(
            wanted=wanted_label, allowed=allowed)
    return _("A membership that is “{current}” cannot become “{wanted}”. It can become: {allowed}.").format(
        current=Status(current).label, wanted=wanted_label, allowed=allowed)


def receive_application(acting_user, network: Network, organisation, on: datetime.date, data=None) -> Membership:
    """An application received; a former member or rejected applicant applies again on its membership."""
    existing = Membership.objects.filter(network=network, organisation=organisation).first()
    if existing is not None:
        change_status(acting_user, existing, Status.APPLICANT, on, (data or {}).get("reason", ""))
        return existing
    return create_membership(acting_user, {**(data or {}), "network": network, "organisation": organisation,
                                           "status": Status.APPLICANT, "start_date": on})


def approve(acting_user, membership: Membership, on: datetime.date, reason: str = "") -> MembershipPeriod:
    return change_status(acting_user, membership, Status.MEMBER, on, reason)


def reject(acting_user, membership: Membership, on: datetime.date, reason: str) -> MembershipPeriod:
    return change_status(acting_user, membership, Status.REJECTED, on, reason)


def suspend(acting_user, membership: Membership, on: datetime.date, reason: str) -> MembershipPeriod:
    return change_status(acting_user, membership, Status.SUSPENDED, on, reason)


def withdraw(acting_user, membership: Membership, on: datetime.date, reason: str = "") -> MembershipPeriod:
    return change_status(acting_user, membership, Status.WITHDRAWN, on, reason)


@transaction.atomic
def record_period(acting_user, membership: Membership, data: dict) -> MembershipPeriod:
    """A past period entered from the records (e.g. an old membership): refused when it overlaps another."""
    Membership.objects.select_for_update().get(pk=membership.pk)
    return core.create_object(acting_user, MembershipPeriod, {**data, "membership": membership},
                              related=membership)


@transaction.atomic
def correct_period(acting_user, period: MembershipPeriod, data: dict, expected_version=None) -> MembershipPeriod:
    """Corrects the dates or reason of a period entered wrongly; refused when it would overlap another."""
    Membership.objects.select_for_update().get(pk=period.membership_id)
    allowed = {key: value for key, value in data.items() if key in ("start_date", "end_date", "reason")}
    return core.update_object(acting_user, period, allowed, expected_version, related=period.membership)


# --- Governance -------------------------------------------------------------------------------------------------


def create_body(acting_user, data: dict) -> Body:
    return core.create_object(acting_user, Body, data, related=data.get("network"))


def update_body(acting_user, body: Body, data: dict, expected_version=None) -> Body:
    return core.update_object(acting_user, body, data, expected_version, related=body.network)


def delete_body(acting_user, body: Body) -> None:
    """Removes a body with its terms and meetings (each logged, as every cascade is)."""
    core.delete_object(acting_user, body, related=body.network)


def create_term(acting_user, data: dict) -> Term:
    return core.create_object(acting_user, Term, data, related=data["body"].network if data.get("body") else None)


def update_term(acting_user, term: Term, data: dict, expected_version=None) -> Term:
    return core.update_object(acting_user, term, data, expected_version, related=term.body.network)


def delete_term(acting_user, term: Term) -> None:
    core.delete_object(acting_user, term, related=term.body.network)


def create_meeting(acting_user, data: dict) -> BodyMeeting:
    return core.create_object(acting_user, BodyMeeting, data,
                              related=data["body"].network if data.get("body") else None)


def update_meeting(acting_user, meeting: BodyMeeting, data: dict, expected_version=None) -> BodyMeeting:
    return core.update_object(acting_user, meeting, data, expected_version, related=meeting.body.network)


def delete_meeting(acting_user, meeting: BodyMeeting) -> None:
    core.delete_object(acting_user, meeting, related=meeting.body.network)
