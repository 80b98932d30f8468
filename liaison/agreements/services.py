"""Every write to the agreements register: validated, logged, in one transaction.

The lifecycle is the table `TRANSITIONS`: an agreement moves only along it, one logged move at a time.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from liaison.core import changelog, tokens
from liaison.core import services as core
from liaison.core.choices import ChangeAction
from liaison.partners.models import Organisation

from . import documents, history
from .choices import AgreementStatus as S
from .models import Agreement, AgreementDocument, AgreementParty, CalendarFeed, FollowUpAction

# From each status, the statuses an agreement may move to. Renewed and terminated are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.NEGOTIATION, S.TERMINATED),
    S.NEGOTIATION: (S.APPROVED, S.TERMINATED),
    S.APPROVED: (S.SIGNED, S.NEGOTIATION, S.TERMINATED),
    S.SIGNED: (S.EXPIRING, S.EXPIRED, S.RENEWED, S.TERMINATED),
    S.EXPIRING: (S.EXPIRED, S.RENEWED, S.TERMINATED),
    S.EXPIRED: (S.RENEWED,),
    S.RENEWED: (),
    S.TERMINATED: (),
}
# The move an officer most likely makes next, offered first and chosen already; a signed agreement has none (it
# becomes expiring or expired on its own dates, or is renewed or terminated when that happens).
LIKELY_NEXT: dict[str, str] = {S.DRAFT: S.NEGOTIATION, S.NEGOTIATION: S.APPROVED, S.APPROVED: S.SIGNED,
                               S.EXPIRING: S.RENEWED, S.EXPIRED: S.RENEWED}
# A new record starts as a draft, or as signed when the register catches up with an agreement signed earlier.
INITIAL_STATUSES = (S.DRAFT, S.SIGNED)
# What a renewal copies from the agreement it renews.
RENEWAL_COPIES = ("kind", "title_en", "title_zh_hant", "summary_en", "summary_zh_hant", "areas", "term_months",
                  "auto_renew", "notice_days", "responsible_officer")


def allowed_moves(agreement: Agreement) -> tuple[str, ...]:
    """The moves an agreement may make, the likely next one first."""
    likely = LIKELY_NEXT.get(agreement.status)
    return tuple(sorted(TRANSITIONS[agreement.status], key=lambda status: status != likely))


def likely_move(agreement: Agreement) -> str | None:
    return LIKELY_NEXT.get(agreement.status)


def _check_parties(parties) -> list[Organisation]:
    parties = list(parties or [])
    if not all(isinstance(party, Organisation) and party.pk for party in parties):
        raise ValidationError({"parties": _("Every party must be an organisation recorded in Liaison.")},
                              code="party")
    if len({party.pk for party in parties}) < 2:
        raise ValidationError({"parties": _("An agreement needs at least two parties.")}, code="parties")
    return parties


@transaction.atomic
def create_agreement(acting_user, data: dict) -> Agreement:
    """A new agreement: a draft, or (with `status: signed` and a date of signature) one signed earlier."""
    data = dict(data)
    status = data.pop("status", None) or S.DRAFT
    if status not in INITIAL_STATUSES:
        raise ValidationError({"status": _("A new agreement starts as a draft or as signed.")}, code="status")
    data["parties"] = _check_parties(data.get("parties"))
    return core.create_object(acting_user, Agreement, {**data, "status": status})


@transaction.atomic
def update_agreement(acting_user, agreement: Agreement, data: dict, expected_version=None) -> Agreement:
    """Changes the details of an agreement; its status changes only through `move`."""
    data = dict(data)
    if "status" in data and data.pop("status") != agreement.status:
        raise ValidationError({"status": _("Change the status with a move, not by editing.")}, code="status")
    if "parties" in data:
        data["parties"] = _check_parties(data["parties"])
    return core.update_object(acting_user, agreement, data, expected_version)


def delete_agreement(acting_user, agreement: Agreement) -> None:
    """Deletes an agreement with its parties and follow-up actions (each logged); one with documents or a renewal
    is kept (ProtectedError)."""
    core.delete_object(acting_user, agreement)


def _refuse(current: str, wanted: str):
    labels = dict(S.choices)
    allowed = [str(labels[s]) for s in TRANSITIONS[current]]
    if allowed:
        message = _("An agreement that is “{current}” cannot move to “{wanted}”; it can move to: {allowed}.")
    else:
        message = _("An agreement that is “{current}” cannot move to “{wanted}”; it cannot move any more.")
    return ValidationError(
        message.format(current=labels[current], wanted=labels.get(wanted, wanted), allowed=", ".join(allowed)),
        code="illegal_move",
    )


def _save_move(acting_user, stored: Agreement, before: dict, old_status: str, facts=()) -> Agreement:
    stored.full_clean()
    stored.version += 1
    stored.save()
    changelog.record(acting_user, ChangeAction.UPDATE, stored, before=before, after=changelog.snapshot(stored),
                     facts=[history.STATUS(old=old_status, new=stored.status), *facts])
    return stored


@transaction.atomic
def move(acting_user, agreement: Agreement, status: str, *, on=None, reason: str = "",
         expected_version=None, facts=()) -> Agreement:
    """Moves an agreement to `status` if the lifecycle allows it; refuses any other move.

    `on` is the date of the move where it needs one: signature (signed) or termination (terminated).
    Renewal makes a new version: use `renew`.
    """
    stored = core.locked(agreement, expected_version)
    if status not in TRANSITIONS[stored.status]:
        raise _refuse(stored.status, status)
    if status == S.RENEWED:
        return renew(acting_user, stored, {})[0]
    before, old_status = changelog.snapshot(stored), stored.status
    if status == S.SIGNED:
        stored.signed_date = on or stored.signed_date
        if not stored.signed_date:
            raise ValidationError({"on": _("Give the date of signature.")}, code="required")
    if status == S.TERMINATED:
        if not on:
            raise ValidationError({"on": _("Give the date of termination.")}, code="required")
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Give the reason for termination.")}, code="required")
        stored.terminated_on, stored.termination_reason = on, reason.strip()
    stored.status = status
    return _save_move(acting_user, stored, before, old_status, facts)


@transaction.atomic
def renew(acting_user, agreement: Agreement, data: dict, expected_version=None) -> tuple[Agreement, Agreement]:
    """Renews an agreement: a new version linked to the old (signed when `data` has a date of signature,
    else a draft), and the old one moves to renewed. Returns (old, new)."""
    stored = core.locked(agreement, expected_version)
    if S.RENEWED not in TRANSITIONS[stored.status]:
        raise _refuse(stored.status, S.RENEWED)
    values = {name: getattr(stored, name) for name in RENEWAL_COPIES}
    values.update(data)
    values.setdefault("status", S.SIGNED if values.get("signed_date") else S.DRAFT)
    parties = list(stored.parties.all())
    new = create_agreement(acting_user, {**values, "parties": parties, "previous_version": stored})
    before, old_status = changelog.snapshot(stored), stored.status
    stored.status = S.RENEWED
    old = _save_move(acting_user, stored, before, old_status,
                     [history.RENEWED_BY(new=changelog.names_of(new), pk=new.pk)])
    return old, new


@transaction.atomic
def update_party(acting_user, party: AgreementParty, data: dict, expected_version=None) -> AgreementParty:
    """Records who signed for a party. A party is part of its agreement: the agreement's version guards the edit
    (refused when the agreement was saved since `expected_version`) and moves on with it."""
    if set(data) - {"signatory", "signatory_title_en", "signatory_title_zh_hant"}:
        raise ValidationError(_("Only the signatory of a party can be changed here."), code="party")
    agreement = core.locked(party.agreement, expected_version)
    updated = core.update_object(acting_user, party, data, related=agreement)
    agreement.version += 1
    agreement.save(update_fields=["version", "updated"])
    return updated


@transaction.atomic
def add_document(acting_user, agreement: Agreement, data: dict) -> AgreementDocument:
    """Stores a checked upload as the next version of its kind of document; nothing is kept if anything fails."""
    data = dict(data)
    uploaded = data.pop("file", None)
    name, file_type = documents.check(uploaded)
    Agreement._base_manager.select_for_update().get(pk=agreement.pk)  # one version number at a time
    kind = data.get("kind")
    latest = AgreementDocument.objects.filter(agreement=agreement, kind=kind).aggregate(n=Max("revision"))["n"]
    document = AgreementDocument(
        agreement=agreement, revision=(latest or 0) + 1, original_name=name, content_type=file_type.content_type,
        size=uploaded.size, uploaded_by=acting_user if getattr(acting_user, "pk", None) else None, **data,
    )
    document.full_clean(exclude=["file"])
    uploaded.seek(0)
    document.file.save(name, uploaded, save=False)
    try:
        document.save()
        changelog.record(acting_user, ChangeAction.CREATE, document, after=changelog.snapshot(document),
                         related=agreement)
    except Exception:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def remove_document(acting_user, document: AgreementDocument) -> None:
    """Deletes a document version; the stored file goes once the deletion is committed."""
    storage, name = document.file.storage, document.file.name
    core.delete_object(acting_user, document, related=document.agreement)
    transaction.on_commit(lambda: storage.delete(name))


def add_action(acting_user, agreement: Agreement, data: dict) -> FollowUpAction:
    return core.add_action(acting_user, FollowUpAction, agreement, data)


update_action, remove_action = core.update_action, core.remove_action


def feed_of_secret(secret: str) -> CalendarFeed | None:
    """The feed of an active user that a calendar address's secret opens."""
    return CalendarFeed.objects.filter(token_hash=tokens.digest(secret), user__is_active=True).select_related(
        "user").first()
