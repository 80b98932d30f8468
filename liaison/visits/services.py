"""Every write to the delegations area: validated, logged, in one transaction.

A delegation moves only along `TRANSITIONS`; a programme item never double-books a room or a person.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from liaison.core import changelog
from liaison.core import services as core
from liaison.core.choices import ChangeAction

from . import history
from .choices import DelegationStatus as S
from .models import (
    Delegation,
    JointProject,
    Milestone,
    Mission,
    MissionAction,
    ProgrammeItem,
    ProjectOutput,
    ProjectPartner,
    Visitor,
)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.REQUESTED: (S.APPROVED, S.DECLINED, S.CANCELLED),
    S.APPROVED: (S.CONFIRMED, S.CANCELLED),
    S.CONFIRMED: (S.COMPLETED, S.CANCELLED),
    S.DECLINED: (),
    S.COMPLETED: (),
    S.CANCELLED: (),
}
# A new delegation is a request, or a visit received before Liaison recorded it.
INITIAL_STATUSES = (S.REQUESTED, S.COMPLETED)
# Items of these delegations hold no room and no person.
NOT_TAKING_PLACE = (S.DECLINED, S.CANCELLED)


def allowed_moves(delegation: Delegation) -> tuple[str, ...]:
    return TRANSITIONS[delegation.status]


@transaction.atomic
def create_delegation(acting_user, data: dict) -> Delegation:
    """A new request; or, with `status: completed` and its dates, a visit received before it was recorded."""
    data = {k: v for k, v in data.items() if k != "decline_reason"}
    status = data.pop("status", None) or S.REQUESTED
    if status not in INITIAL_STATUSES:
        raise ValidationError({"status": _("A new delegation starts as requested, or as completed when it came "
                                           "before it was recorded.")}, code="status")
    if status == S.COMPLETED and not (data.get("start_date") and data.get("end_date")):
        raise ValidationError({"start_date": _("Give the dates of the visit.")}, code="required")
    return core.create_object(acting_user, Delegation, {**data, "status": status})


def update_delegation(acting_user, delegation: Delegation, data: dict, expected_version=None) -> Delegation:
    """Changes the details of a delegation; its status changes only through `move`."""
    data = {k: v for k, v in data.items() if k not in ("status", "decline_reason")}
    return core.update_object(acting_user, delegation, data, expected_version)


def delete_delegation(acting_user, delegation: Delegation) -> None:
    core.delete_object(acting_user, delegation)


def _refuse(current: str, wanted: str) -> ValidationError:
    labels = dict(S.choices)
    allowed = [str(labels[s]) for s in TRANSITIONS[current]]
    if allowed:
        message = _("A delegation that is “{current}” cannot move to “{wanted}”; it can move to: {allowed}.")
    else:
        message = _("A delegation that is “{current}” cannot move to “{wanted}”; it cannot move any more.")
    return ValidationError(message.format(current=labels[current], wanted=labels.get(wanted, wanted),
                                          allowed=", ".join(allowed)), code="illegal_move")


def _prepare_move(stored: Delegation, status: str, reason: str) -> None:
    """Checks what a move needs and fills in what it sets."""
    if status == S.DECLINED:
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for declining.")}, code="required")
        stored.decline_reason = reason.strip()
    if status == S.APPROVED and not stored.start_date:
        stored.start_date, stored.end_date = stored.preferred_start, stored.preferred_end or stored.preferred_start
        if not stored.start_date:
            raise ValidationError({"start_date": _("Give the dates of the visit before approving it.")},
                                  code="required")
    if status == S.CONFIRMED and not stored.programme_items.exists():
        raise ValidationError(_("Add the programme before confirming it."), code="no_programme")


@transaction.atomic
def move(acting_user, delegation: Delegation, status: str, *, reason: str = "", expected_version=None) -> Delegation:
    """Moves a delegation to `status` if the workflow allows it; refuses any other move."""
    stored = core.locked(delegation, expected_version)
    if status not in TRANSITIONS[stored.status]:
        raise _refuse(stored.status, status)
    before, old = changelog.snapshot(stored), stored.status
    _prepare_move(stored, status, reason or "")
    stored.status = status
    stored.full_clean()
    stored.version += 1
    stored.save()
    changelog.record(acting_user, ChangeAction.UPDATE, stored, before=before, after=changelog.snapshot(stored),
                     facts=[history.STATUS(old=old, new=status)])
    return stored


# --- Programme -------------------------------------------------------------------------------------------------

def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _check_within_visit(item: ProgrammeItem, delegation: Delegation) -> None:
    first, last = delegation.start_date, delegation.end_date or delegation.start_date
    if not first:
        raise ValidationError(_("Give the dates of the visit before its programme."), code="no_dates")
    if _local_day(item.start) < first or _local_day(item.end) > last:
        raise ValidationError({"start": _("The item is outside the visit ({first} to {last}).").format(
            first=first.isoformat(), last=last.isoformat())}, code="outside_visit")


def _span(other: ProgrammeItem) -> str:
    start, end = timezone.localtime(other.start), timezone.localtime(other.end)
    return f"{start.date().isoformat()} {time_format(start, 'H:i')}–{time_format(end, 'H:i')}"


def _check_clashes(item: ProgrammeItem, people: list) -> None:
    """Refuses a room or a person (host or interpreter) already taken at that time, by any delegation's item.

    The other item is named by its time only: it may belong to a delegation the user may not see."""
    overlapping = (ProgrammeItem.objects.filter(start__lt=item.end, end__gt=item.start)
                   .exclude(delegation__status__in=NOT_TAKING_PLACE).exclude(pk=item.pk))
    errors = {}
    if item.room.strip():
        taken = overlapping.filter(room__iexact=item.room.strip()).first()
        if taken:
            errors["room"] = _("The room “{room}” is already booked then ({span}).").format(
                room=taken.room, span=_span(taken))
    if people:
        busy = overlapping.filter(Q(hosts__in=people) | Q(interpreters__in=people)).distinct()
        for other in busy[:3]:
            taken_people = {*other.hosts.all(), *other.interpreters.all()} & set(people)
            names = ", ".join(sorted(str(person) for person in taken_people))
            errors.setdefault("hosts", []).append(
                _("{people} already has another programme item then ({span}).").format(people=names,
                                                                                       span=_span(other)))
    if errors:
        raise ValidationError(errors, code="clash")


def _plain(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("hosts", "interpreters")}


def _checked_item(item: ProgrammeItem, data: dict) -> None:
    people = [*data.get("hosts", item.hosts.all() if item.pk else []),
              *data.get("interpreters", item.interpreters.all() if item.pk else [])]
    item.full_clean(exclude=["delegation"])
    _check_within_visit(item, item.delegation)
    _check_clashes(item, people)


@transaction.atomic
def add_programme_item(acting_user, delegation: Delegation, data: dict) -> ProgrammeItem:
    """A programme item inside the visit, refused when its room or a person is taken at that time."""
    Delegation._base_manager.select_for_update().get(pk=delegation.pk)  # one booking at a time per delegation
    _checked_item(ProgrammeItem(delegation=delegation, **_plain(data)), data)
    return core.create_object(acting_user, ProgrammeItem, {**data, "delegation": delegation}, related=delegation)


@transaction.atomic
def update_programme_item(acting_user, item: ProgrammeItem, data: dict, expected_version=None) -> ProgrammeItem:
    data = {k: v for k, v in data.items() if k != "delegation"}
    stored = core.locked(item, expected_version)
    for name, value in _plain(data).items():
        setattr(stored, name, value)
    _checked_item(stored, data)
    return core.update_object(acting_user, item, data, expected_version, related=item.delegation)


def remove_programme_item(acting_user, item: ProgrammeItem) -> None:
    core.delete_object(acting_user, item, related=item.delegation)


# --- Visitors --------------------------------------------------------------------------------------------------

def _recount(delegation: Delegation) -> None:
    """The delegation's size from its list (kept on the record, so lists and statistics need no count)."""
    Delegation.objects.filter(pk=delegation.pk).update(listed_visitors=Visitor.objects.filter(
        delegation=delegation).count())


@transaction.atomic
def add_visitor(acting_user, delegation: Delegation, data: dict) -> Visitor:
    visitor = core.create_object(acting_user, Visitor, {**data, "delegation": delegation}, related=delegation)
    _recount(delegation)
    return visitor


def update_visitor(acting_user, visitor: Visitor, data: dict, expected_version=None) -> Visitor:
    data = {k: v for k, v in data.items() if k != "delegation"}
    return core.update_object(acting_user, visitor, data, expected_version, related=visitor.delegation)


@transaction.atomic
def remove_visitor(acting_user, visitor: Visitor) -> None:
    core.delete_object(acting_user, visitor, related=visitor.delegation)
    _recount(visitor.delegation)


@transaction.atomic
def import_visitors(acting_user, delegation: Delegation, rows: list[dict]) -> list[Visitor]:
    """Adds every visitor of a list, or none: a broken row refuses the whole list, naming each row at fault."""
    errors = []
    for number, row in enumerate(rows, start=2):
        try:
            Visitor(delegation=delegation, **row).full_clean(exclude=["delegation"])
        except ValidationError as error:
            errors.append(_("Row {row}: {reason}").format(row=number, reason=" ".join(error.messages)))
    if not rows:
        errors.append(_("The list has no visitors."))
    if errors:
        raise ValidationError(errors, code="visitor_list")
    return [add_visitor(acting_user, delegation, row) for row in rows]


# --- Missions --------------------------------------------------------------------------------------------------

def create_mission(acting_user, data: dict) -> Mission:
    return core.create_object(acting_user, Mission, data)


def update_mission(acting_user, mission: Mission, data: dict, expected_version=None) -> Mission:
    return core.update_object(acting_user, mission, data, expected_version)


def delete_mission(acting_user, mission: Mission) -> None:
    core.delete_object(acting_user, mission)


def add_action(acting_user, mission: Mission, data: dict) -> MissionAction:
    return core.add_action(acting_user, MissionAction, mission, data)


update_action, remove_action = core.update_action, core.remove_action


# --- Joint projects --------------------------------------------------------------------------------------------

def create_project(acting_user, data: dict) -> JointProject:
    return core.create_object(acting_user, JointProject, data)


def update_project(acting_user, project: JointProject, data: dict, expected_version=None) -> JointProject:
    return core.update_object(acting_user, project, data, expected_version)


def delete_project(acting_user, project: JointProject) -> None:
    core.delete_object(acting_user, project)


@transaction.atomic
def add_partner(acting_user, project: JointProject, data: dict) -> ProjectPartner:
    organisation = data.get("organisation")
    if ProjectPartner.objects.filter(project=project, organisation=organisation).exists():
        raise ValidationError({"organisation": _("This organisation is a partner already.")}, code="unique")
    return core.create_object(acting_user, ProjectPartner, {**data, "project": project}, related=project)


def remove_partner(acting_user, partner: ProjectPartner) -> None:
    core.delete_object(acting_user, partner, related=partner.project)


def add_milestone(acting_user, project: JointProject, data: dict) -> Milestone:
    return core.create_object(acting_user, Milestone, {**data, "project": project}, related=project)


def update_milestone(acting_user, milestone: Milestone, data: dict, expected_version=None) -> Milestone:
    data = {name: value for name, value in data.items() if name != "project"}
    return core.update_object(acting_user, milestone, data, expected_version, related=milestone.project)


def remove_milestone(acting_user, milestone: Milestone) -> None:
    core.delete_object(acting_user, milestone, related=milestone.project)


def add_output(acting_user, project: JointProject, data: dict) -> ProjectOutput:
    return core.create_object(acting_user, ProjectOutput, {**data, "project": project}, related=project)


def update_output(acting_user, output: ProjectOutput, data: dict, expected_version=None) -> ProjectOutput:
    data = {name: value for name, value in data.items() if name != "project"}
    return core.update_object(acting_user, output, data, expected_version, related=output.project)


def remove_output(acting_user, output: ProjectOutput) -> None:
    core.delete_object(acting_user, output, related=output.project)


def submit_public_request(acting_user, data: dict) -> Delegation:
    """A request from the public form: pending, marked as such, with nothing but what the form asks."""
    data = {k: v for k, v in data.items() if k not in ("status", "decline_reason", "host_officer", "notes")}
    return core.create_object(acting_user, Delegation, {**data, "from_public_form": True})
