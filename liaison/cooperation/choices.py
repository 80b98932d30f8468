"""Choices of the operational-liaison area."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INCOMING = "incoming", _("incoming")
    OUTGOING = "outgoing", _("outgoing")


class Channel(models.TextChoices):
    GLOBE = "globe", _("GlobE Network")
    INTERPOL = "interpol", _("INTERPOL")
    MOU = "mou", _("MoU / bilateral")
    CENTRAL_AUTHORITY = "mla", _("central authority (MLA)")
    EGMONT = "egmont", _("Egmont / FIU")
    DIRECT = "direct", _("direct")


class RequestType(models.TextChoices):
    EVIDENCE = "evidence", _("evidence")
    WITNESS = "witness", _("witness interview")
    TRACING = "tracing", _("asset tracing")
    FREEZING = "freezing", _("freezing")
    RECOVERY = "recovery", _("recovery and return")
    FUGITIVE = "fugitive", _("fugitive location or return")
    INTELLIGENCE = "intelligence", _("intelligence exchange")
    SERVICE = "service", _("service of documents")
    OTHER = "other", _("other")


class Priority(models.TextChoices):
    ROUTINE = "routine", _("routine")
    HIGH = "high", _("high")
    URGENT = "urgent", _("urgent")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent")
    RECEIVED = "received", _("received")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    IN_PROGRESS = "in_progress", _("in progress")
    PARTIALLY_EXECUTED = "partially_executed", _("partially executed")
    EXECUTED = "executed", _("executed")
    CLOSED = "closed", _("closed")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")


# A request that is still being worked on: it has a deadline that can pass.
OPEN_STATUSES = (RequestStatus.SENT, RequestStatus.RECEIVED, RequestStatus.ACKNOWLEDGED, RequestStatus.IN_PROGRESS,
                 RequestStatus.PARTIALLY_EXECUTED)


class Marking(models.TextChoices):
    """Traffic Light Protocol 2.0 (FIRST), least restrictive first."""

    CLEAR = "clear", _("TLP:CLEAR")
    GREEN = "green", _("TLP:GREEN")
    AMBER = "amber", _("TLP:AMBER")
    AMBER_STRICT = "amber_strict", _("TLP:AMBER+STRICT")
    RED = "red", _("TLP:RED")


# FIRST's definitions of TLP 2.0, shown wherever a marking is chosen.
MARKING_DEFINITIONS = {
    Marking.CLEAR: _("Recipients can spread this to the world, there is no limit on disclosure."),
    Marking.GREEN: _("Limited disclosure, recipients can spread this within their community."),
    Marking.AMBER: _("Limited disclosure, recipients can only spread this on a need-to-know basis within their "
                     "organization and its clients."),
    Marking.AMBER_STRICT: _("Limited disclosure, recipients can only spread this on a need-to-know basis within "
                            "their organization, not to its clients."),
    Marking.RED: _("For the eyes and ears of individual recipients only, no further disclosure."),
}


def rank(marking: str) -> int:
    """How restrictive a marking is: CLEAR 0 … RED 4."""
    return Marking.values.index(marking)


def most_restrictive(markings) -> str:
    return max(markings, key=rank, default=Marking.CLEAR)


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class AccessKind(models.TextChoices):
    VIEW = "view", _("view")
    DOWNLOAD = "download", _("download")
    EXPORT = "export", _("export")
