"""The tamper-evident chain over this area's change log and access log, and the access log itself.

Each entry gets a link whose digest is HMAC-SHA-256(key, previous digest + the entry's content), written in the
transaction that writes the entry. The key lives outside the database (`LIAISON_AUDIT_KEY`, or the file named by
`LIAISON_AUDIT_KEY_FILE`), so whoever can write to the database cannot forge a chain that verifies.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from liaison.core.auth import client_address
from liaison.core.models import ChangeRecord

from .models import AccessEntry, AuditLink

CHANGE, ACCESS = "change", "access"
GENESIS = "0" * 64


class AccessNotLogged(RuntimeError):
    """The access log could not be written: the access is refused."""


def key() -> bytes:
    """The chain's key, from the setting or the key file; refused when there is none."""
    secret = settings.AUDIT_KEY
    if not secret and settings.AUDIT_KEY_FILE:
        secret = Path(settings.AUDIT_KEY_FILE).read_text().strip()
    if not secret:
        raise ImproperlyConfigured("Set LIAISON_AUDIT_KEY or LIAISON_AUDIT_KEY_FILE: the audit chain needs a key.")
    return secret.encode()


def _content(source: str, entry) -> dict:
    """What a link vouches for: every stored value of the entry."""
    if source == CHANGE:
        names = ("time", "user_id", "user_name", "request_id", "source", "action", "content_type_id", "object_id",
                 "object_repr", "related_content_type_id", "related_object_id", "before", "after", "message",
                 "merged_object_id")
    else:
        names = ("time", "user_id", "user_name", "kind", "what", "request_ids", "address")
    values = {name: getattr(entry, name) for name in names}
    values["time"] = entry.time.isoformat()
    return {"source": source, "id": entry.pk, **values}


def digest(previous: str, source: str, entry) -> str:
    message = previous.encode() + json.dumps(_content(source, entry), sort_keys=True, default=str).encode()
    return hmac.new(key(), message, hashlib.sha256).hexdigest()


def append(source: str, entry) -> AuditLink:
    """Chains one entry after the current head (the head is locked until the transaction ends)."""
    head = AuditLink.objects.select_for_update().order_by("-position").first()
    previous, position = (head.digest, head.position + 1) if head else (GENESIS, 1)
    return AuditLink.objects.create(position=position, source=source, entry_id=entry.pk,
                                    digest=digest(previous, source, entry))


def _area_types() -> set[int]:
    from django.apps import apps

    return {ContentType.objects.get_for_model(model).pk for model in apps.get_app_config("cooperation").get_models()}


def _chain_change(sender, instance, created, raw=False, **kwargs) -> None:
    # A restore (`raw`) brings back the chain's own links with the rows; it must not chain them again.
    if created and not raw and instance.content_type_id in _area_types():
        append(CHANGE, instance)


def connect() -> None:
    """Chains every change record of this area as it is written (cascades and merges included)."""
    post_save.connect(_chain_change, sender=ChangeRecord, dispatch_uid="cooperation-audit-chain")


def log_access(request, kind: str, request_ids, what: str) -> None:
    """Logs a view, download or export of what belongs to the requests `request_ids`; AccessNotLogged if the
    entry cannot be written (and chained)."""
    user = request.user
    request_ids = sorted(request_ids)
    try:
        with transaction.atomic():
            entry = AccessEntry.objects.create(user=user, user_name=user.get_username(), kind=kind, what=what[:300],
                                               request_ids=request_ids, address=client_address(request) or "")
            append(ACCESS, entry)
    except (DatabaseError, ImproperlyConfigured, OSError) as error:
        raise AccessNotLogged(_("This access could not be logged, so it was refused. Try again later or tell "
                                "the administrator.")) from error


@dataclass(frozen=True)
class Finding:
    """Something wrong with the chain, at a position."""

    position: int
    problem: str

    def __str__(self) -> str:
        return f"position {self.position}: {self.problem}"


def _entries(source: str) -> dict:
    if source == CHANGE:
        return {entry.pk: entry for entry in ChangeRecord.objects.filter(content_type_id__in=_area_types())}
    return {entry.pk: entry for entry in AccessEntry.plain.all()}


def verify() -> list[Finding]:
    """Every edited, deleted or inserted entry (and broken link) of the chain, in order; empty when it is whole."""
    entries = {CHANGE: _entries(CHANGE), ACCESS: _entries(ACCESS)}
    chained = {CHANGE: set(), ACCESS: set()}
    findings, previous, expected = [], GENESIS, 1
    for link in AuditLink.objects.order_by("position"):
        if link.position != expected:
            findings.append(Finding(expected, f"link missing (chain resumes at {link.position})"))
        expected = link.position + 1
        entry = entries.get(link.source, {}).get(link.entry_id)
        chained.setdefault(link.source, set()).add(link.entry_id)
        if entry is None:
            findings.append(Finding(link.position, f"{link.source} entry {link.entry_id} deleted"))
        elif not hmac.compare_digest(digest(previous, link.source, entry), link.digest):
            findings.append(Finding(link.position, f"{link.source} entry {link.entry_id} edited (or link forged)"))
        previous = link.digest
    for source, found in entries.items():
        for pk in sorted(set(found) - chained[source]):
            findings.append(Finding(_position_of(source, pk), f"{source} entry {pk} inserted outside the chain"))
    return findings


def _position_of(source: str, pk: int) -> int:
    """Where an entry outside the chain would have been: after the link of the entry before it."""
    before = AuditLink.objects.filter(source=source, entry_id__lt=pk).order_by("-entry_id").first()
    return before.position + 1 if before else 1


def head() -> AuditLink | None:
    return AuditLink.objects.order_by("-position").first()
