"""Every write to the operational-liaison area: validated, logged (and chained, see `audit`), in one transaction.

The workflow is the table `TRANSITIONS`; a request moves only along it. Lowering a marking needs a second person.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.agreements import documents
from liaison.core import changelog
from liaison.core import services as core
from liaison.core.choices import ChangeAction

from . import history
from .choices import OPEN_STATUSES, ChangeStatus, Direction, most_restrictive, rank
from .choices import RequestStatus as S
from .models import AssistanceRequest, Attachment, Compartment, Correspondence, MarkingChange

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SENT, S.RECEIVED, S.WITHDRAWN),
    S.SENT: (S.ACKNOWLEDGED, S.REFUSED, S.WITHDRAWN),
    S.RECEIVED: (S.ACKNOWLEDGED, S.REFUSED, S.WITHDRAWN),
    S.ACKNOWLEDGED: (S.IN_PROGRESS, S.REFUSED, S.WITHDRAWN),
    S.IN_PROGRESS: (S.PARTIALLY_EXECUTED, S.EXECUTED, S.REFUSED, S.WITHDRAWN),
    S.PARTIALLY_EXECUTED: (S.EXECUTED, S.WITHDRAWN),
    S.EXECUTED: (S.CLOSED,),
    S.CLOSED: (),
    S.REFUSED: (S.CLOSED,),
    S.WITHDRAWN: (S.CLOSED,),
}
NEEDS_REASON = (S.REFUSED, S.WITHDRAWN)
# The date a move records, on the request's field of that name.
MOVE_DATES = {S.SENT: "sent_or_received_on", S.RECEIVED: "sent_or_received_on", S.ACKNOWLEDGED: "acknowledged_on",
              S.EXECUTED: "executed_on"}
DUE_SOON_DAYS = 14


def allowed_moves(request: AssistanceRequest) -> tuple[str, ...]:
    """The moves from the request's status (sent for an outgoing request, received for an incoming one)."""
    moves = TRANSITIONS[request.status]
    wrong_way = S.RECEIVED if request.direction == Direction.OUTGOING else S.SENT
    return tuple(move for move in moves if move != wrong_way)


def _check_member(acting_user, compartment) -> None:
    if compartment is None or not compartment.members.filter(pk=acting_user.pk).exists():
        raise ValidationError({"compartment": _("File the request under a compartment you belong to.")},
                              code="compartment")


@transaction.atomic
def create_request(acting_user, data: dict) -> AssistanceRequest:
    """A new request, as a draft, in one of the acting user's compartments."""
    data = {key: value for key, value in data.items() if key not in ("status", "status_reason")}
    _check_member(acting_user, data.get("compartment"))
    data["effective_marking"] = data.get("marking") or AssistanceRequest._meta.get_field("marking").default
    return core.create_object(acting_user, AssistanceRequest, data)


@transaction.atomic
def update_request(acting_user, request: AssistanceRequest, data: dict, expected_version=None) -> AssistanceRequest:
    """Changes the details of a request. Its status changes only by a move; its marking may go up here, and down
    only through `request_marking_change`."""
    data = dict(data)
    if "status" in data and data.pop("status") != request.status:
        raise ValidationError({"status": _("Change the status with a move, not by editing.")}, code="status")
    if "compartment" in data and data["compartment"] != request.compartment:
        _check_member(acting_user, data["compartment"])
    stored = core.locked(request, expected_version)
    if "marking" in data and rank(data["marking"]) < rank(stored.marking):
        raise ValidationError({"marking": _("Lowering a marking needs a second person's approval: ask for it "
                                            "on the request's page.")}, code="lower_marking")
    if "marking" in data:
        data["effective_marking"] = most_restrictive([data["marking"], *part_markings(stored)])
    return core.update_object(acting_user, stored, data)


def delete_request(acting_user, request: AssistanceRequest) -> None:
    """Deletes a request with its correspondence, attachments and marking changes (each logged)."""
    storage, names = None, []
    for attachment in Attachment.plain.filter(request=request):
        storage, names = attachment.file.storage, [*names, attachment.file.name]
    core.delete_object(acting_user, request)
    if storage is not None:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _refuse(current: str, wanted: str) -> ValidationError:
    labels = dict(S.choices)
    allowed = [str(labels[s]) for s in TRANSITIONS[current]]
    text = (_("A request that is “{current}” cannot move to “{wanted}”; it can move to: {allowed}.") if allowed
            else _("A request that is “{current}” cannot move to “{wanted}”; it cannot move any more."))
    return ValidationError(text.format(current=labels[current], wanted=labels.get(wanted, wanted),
                                       allowed=", ".join(allowed)), code="illegal_move")


@transaction.atomic
def move(acting_user, request: AssistanceRequest, status: str, *, on: datetime.date | None = None,
         reason: str = "", expected_version=None) -> AssistanceRequest:
    """Moves a request along the workflow; refuses any other move, and a refusal or withdrawal without reason."""
    stored = core.locked(request, expected_version)
    if status not in allowed_moves(stored):
        raise _refuse(stored.status, status)
    if status in NEEDS_REASON and not reason.strip():
        raise ValidationError({"reason": _("Say why the request is refused or withdrawn.")}, code="reason")
    before, old = changelog.snapshot(stored), stored.status
    stored.status = status
    if status in NEEDS_REASON:
        stored.status_reason = reason.strip()
    if status in MOVE_DATES:
        setattr(stored, MOVE_DATES[status], on or getattr(stored, MOVE_DATES[status]) or timezone.localdate())
    stored.full_clean()
    stored.version += 1
    stored.save()
    changelog.record(acting_user, ChangeAction.UPDATE, stored, before=before, after=changelog.snapshot(stored),
                     facts=[history.STATUS(old=old, new=status)])
    return stored


def part_markings(request: AssistanceRequest) -> list[str]:
    """The markings of a request's correspondence and attachments."""
    return [*Correspondence.plain.filter(request=request).values_list("marking", flat=True),
            *Attachment.plain.filter(request=request).values_list("marking", flat=True)]


def _refresh_effective(acting_user, request: AssistanceRequest) -> None:
    """The most restrictive marking of the request and its parts, kept on the request (and logged when it moves)."""
    stored = core.locked(request)
    effective = most_restrictive([stored.marking, *part_markings(stored)])
    if effective != stored.effective_marking:
        core.update_object(acting_user, stored, {"effective_marking": effective})


@transaction.atomic
def add_correspondence(acting_user, request: AssistanceRequest, data: dict) -> Correspondence:
    entry = core.create_object(acting_user, Correspondence, {**data, "request": request}, related=request)
    _refresh_effective(acting_user, request)
    return entry


@transaction.atomic
def add_attachment(acting_user, request: AssistanceRequest, data: dict) -> Attachment:
    """Stores a checked upload under a random name; nothing is kept if anything fails."""
    data = dict(data)
    uploaded = data.pop("file", None)
    name, file_type = documents.check(uploaded)
    attachment = Attachment(request=request, original_name=name, content_type=file_type.content_type,
                            size=uploaded.size, uploaded_by=acting_user, **data)
    attachment.full_clean(exclude=["file"])
    uploaded.seek(0)
    attachment.file.save(name, uploaded, save=False)
    try:
        attachment.save()
        changelog.record(acting_user, ChangeAction.CREATE, attachment, after=changelog.snapshot(attachment),
                         related=request)
        _refresh_effective(acting_user, request)
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def request_marking_change(acting_user, request: AssistanceRequest, data: dict) -> MarkingChange:
    """Asks to lower the marking of the request or one of its parts; nothing changes until someone else approves."""
    target = data.get("attachment") or data.get("correspondence") or request
    if target is not request and target.request_id != request.pk:
        raise ValidationError(_("That part belongs to another request."), code="other_request")
    data = {**data, "request": request, "from_marking": target.marking, "requested_by": acting_user}
    return core.create_object(acting_user, MarkingChange, data, related=request)


@transaction.atomic
def decide_marking_change(acting_user, change: MarkingChange, approve: bool) -> MarkingChange:
    """Approves (and applies) or rejects a pending marking change; the one who asked cannot decide it."""
    stored = core.locked(change)
    if stored.state != ChangeStatus.PENDING:
        raise ValidationError(_("This marking change has been decided already."), code="decided")
    if stored.requested_by_id == acting_user.pk:
        raise ValidationError(_("Someone other than the person who asked must approve lowering a marking."),
                              code="second_person")
    state = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    decided = core.update_object(acting_user, stored, {"state": state, "decided_by": acting_user},
                                 related=stored.request)
    if approve:
        target = stored.target()
        if target.marking != stored.from_marking:
            raise ValidationError(_("The marking has changed since this was asked; ask again."), code="stale")
        core.update_object(acting_user, target, {"marking": stored.to_marking},
                           related=None if target == stored.request else stored.request)
        _refresh_effective(acting_user, stored.request)
    return decided


@transaction.atomic
def create_compartment(acting_user, data: dict) -> Compartment:
    """A new case team; its maker is one of its members unless they manage every team (and so see it anyway) or
    are the system (loading reference data)."""
    members = list(data.get("members") or [])
    maker_outside = acting_user is not None and acting_user not in members
    if maker_outside and not acting_user.has_perm("cooperation.manage_compartment"):
        data = {**data, "members": [*members, acting_user]}
    return core.create_object(acting_user, Compartment, data)


@transaction.atomic
def update_compartment(acting_user, compartment: Compartment, data: dict, expected_version=None) -> Compartment:
    """Changes a compartment; a member removed loses sight of its requests on their next request."""
    return core.update_object(acting_user, compartment, data, expected_version)


def delete_compartment(acting_user, compartment: Compartment) -> None:
    """Deletes an empty compartment (one holding requests is kept: ProtectedError)."""
    core.delete_object(acting_user, compartment)


def overdue(requests, today: datetime.date):
    """Open requests whose deadline has passed, earliest first."""
    return requests.filter(status__in=OPEN_STATUSES, due_on__lt=today).order_by("due_on", "pk")


def due_soon(requests, today: datetime.date, days: int = DUE_SOON_DAYS):
    """Open requests due within `days`, earliest first."""
    return requests.filter(status__in=OPEN_STATUSES, due_on__gte=today,
                           due_on__lte=today + datetime.timedelta(days=days)).order_by("due_on", "pk")
