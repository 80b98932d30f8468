"""Operational liaison: requests for assistance across boundaries, kept need-to-know by compartment."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.access import restrict
from liaison.core.models import CheckedTextModel, Jurisdiction, LiaisonModel, RestrictedQuerySet
from liaison.core.validators import no_markup, require_one_language
from liaison.partners.models import Organisation

from .choices import (
    AccessKind,
    ChangeStatus,
    Channel,
    Direction,
    Marking,
    Priority,
    RequestStatus,
    RequestType,
    rank,
)


class UnrestrictedQueryError(RuntimeError):
    """Records of this area were about to be read without being restricted to a user first."""


class FailClosedQuerySet(RestrictedQuerySet):
    """A queryset that refuses to read until `core.access.restrict` has narrowed it to one user.

    Forgetting the chokepoint is then an error, never a leak. Django's own bookkeeping (saving, deleting,
    cascades) uses the model's base manager, which is a plain one.
    """

    _restricted = False

    def _clone(self):
        clone = super()._clone()
        clone._restricted = self._restricted
        return clone

    def restricted(self):
        """The same records, allowed to be read (called by `restrict_for`, after narrowing)."""
        clone = self._chain()
        clone._restricted = True
        return clone

    def _refuse(self):
        if not self._restricted and not self.query.is_empty():
            raise UnrestrictedQueryError(
                f"{self.model.__name__} records are read only through core.access.restrict(…, user).")

    def _fetch_all(self):
        self._refuse()
        super()._fetch_all()

    def count(self):
        self._refuse()
        return super().count()

    def exists(self):
        self._refuse()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._refuse()
        return super().aggregate(*args, **kwargs)

    def iterator(self, chunk_size=None):
        self._refuse()
        return super().iterator(chunk_size=chunk_size)


class PlainManager(models.Manager):
    """The base and default manager: for Django's saving, cascades and related lists of a record already
    restricted, and for the services' locked rows. Pages and the API read `objects`, which fails closed."""


def restricted(queryset):
    """A narrowed queryset, marked as allowed to be read when it is a fail-closed one."""
    return queryset.restricted() if isinstance(queryset, FailClosedQuerySet) else queryset


def member_compartments(user):
    """The ids of the compartments the user belongs to (read at every request: a removal counts at once)."""
    return Compartment.members.through.objects.filter(user_id=user.pk).values("compartment_id")


class Compartment(LiaisonModel):
    """A case team: the only people who see the requests filed under it."""

    name = models.CharField(_("name"), max_length=200, blank=True, validators=[no_markup])
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True,
                                     related_name="compartments")
    search_fields = ("name_en", "name_zh_hant")

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["name", "id"], name="compartment_name")]
        verbose_name = _("compartment")
        verbose_name_plural = _("compartments")
        permissions = [("manage_compartment", _("Can manage every compartment's membership"))]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    @classmethod
    def restrict_for(cls, queryset, user, action):
        """Members see their compartments; those who manage compartments see every one (not their contents)."""
        if user.has_perm("cooperation.manage_compartment"):
            return queryset
        return queryset.filter(pk__in=member_compartments(user))

    def clean(self):
        require_one_language(self, "name", _("Give the name in English or Chinese (or both)."))


class AssistanceRequest(LiaisonModel):
    """A request for assistance sent to or received from a partner across a boundary."""

    compartment = models.ForeignKey(Compartment, verbose_name=_("compartment"), on_delete=models.PROTECT,
                                    related_name="requests")
    direction = models.CharField(_("direction"), max_length=10, choices=Direction)
    counterpart = models.ForeignKey(Organisation, verbose_name=_("counterpart organisation"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey(Jurisdiction, verbose_name=_("jurisdiction"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=12, choices=Channel)
    request_type = models.CharField(_("type"), max_length=14, choices=RequestType)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True, validators=[no_markup],
                                   help_text=_("A UNCAC article, an MoU or an ordinance."))
    our_reference = models.CharField(_("our case reference"), max_length=60, blank=True, validators=[no_markup])
    subject = models.CharField(_("subject"), max_length=300, blank=True, validators=[no_markup])
    summary = models.TextField(_("summary"), blank=True)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority, default=Priority.ROUTINE)
    # Changed only by services.move, so that every move is an allowed one.
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus, default=RequestStatus.DRAFT,
                              editable=False)
    status_reason = models.TextField(_("reason for refusal or withdrawal"), blank=True, editable=False)
    marking = models.CharField(_("marking"), max_length=12, choices=Marking, default=Marking.AMBER)
    # The most restrictive marking of the request and its parts, kept by the services.
    effective_marking = models.CharField(_("effective marking"), max_length=12, choices=Marking,
                                         default=Marking.AMBER, editable=False)
    sent_or_received_on = models.DateField(_("sent or received on"), null=True, blank=True)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)
    linked = models.ManyToManyField("self", verbose_name=_("linked requests"), blank=True, symmetrical=True)

    objects = FailClosedQuerySet.as_manager()
    plain = PlainManager()
    search_fields = ("our_reference", "subject_en", "subject_zh_hant", "legal_basis")

    class Meta:
        ordering = ["-sent_or_received_on", "-pk"]
        base_manager_name = default_manager_name = "plain"
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        indexes = [models.Index(fields=["sent_or_received_on", "id"], name="assistance_request_date"),
                   models.Index(fields=["status", "due_on"], name="assistance_request_due"),
                   models.Index(fields=["compartment", "sent_or_received_on"], name="assistance_request_team")]

    def __str__(self) -> str:
        return self.subject or self.our_reference or f"#{self.pk}"

    @classmethod
    def restrict_for(cls, queryset, user, action):
        """Only the members of the request's compartment, whatever their role."""
        return restricted(queryset.filter(compartment_id__in=member_compartments(user)))

    def clean(self):
        require_one_language(self, "subject", _("Give the subject in English or Chinese (or both)."))
        if self.due_on and self.sent_or_received_on and self.due_on < self.sent_or_received_on:
            raise ValidationError({"due_on": _("The deadline is before the request was sent or received.")})


class RequestPart(LiaisonModel):
    """What belongs to one request and is seen only with it."""

    marking = models.CharField(_("marking"), max_length=12, choices=Marking, default=Marking.AMBER)

    objects = FailClosedQuerySet.as_manager()
    plain = PlainManager()

    class Meta:
        abstract = True
        base_manager_name = default_manager_name = "plain"

    @classmethod
    def restrict_for(cls, queryset, user, action):
        visible = restrict(AssistanceRequest.objects.all(), user)
        return restricted(queryset.filter(request__in=visible.values("pk")))

    def get_absolute_url(self) -> str:
        return reverse("cooperation:assistancerequest", args=[self.request_id])


class Correspondence(RequestPart):
    """One entry of a request's correspondence log: a letter, a call, a message."""

    request = models.ForeignKey(AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE,
                                related_name="correspondence")
    date = models.DateField(_("date"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction)
    summary = models.TextField(_("summary"))

    class Meta(RequestPart.Meta):
        ordering = ["-date", "-pk"]
        verbose_name = _("correspondence")
        verbose_name_plural = _("correspondence")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_direction_display()}"


def attachment_path(attachment, filename: str) -> str:
    """A random name under the request, never the name the user gave."""
    return f"cooperation/{attachment.request_id}/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class Attachment(RequestPart):
    """A file of a request, kept outside the web root and handed out only through a logged download."""

    request = models.ForeignKey(AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE,
                                related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300, editable=False)
    original_name = models.CharField(_("file name"), max_length=200, editable=False)
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False)
    description = models.CharField(_("description"), max_length=300, blank=True, validators=[no_markup])
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta(RequestPart.Meta):
        ordering = ["-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_download_url(self) -> str:
        return reverse("cooperation:attachment_download", args=[self.pk])


class MarkingChange(RequestPart):
    """A request to lower the marking of a request or one of its parts, applied once a second person approves."""

    request = models.ForeignKey(AssistanceRequest, verbose_name=_("request"), on_delete=models.CASCADE,
                                related_name="marking_changes")
    correspondence = models.ForeignKey(Correspondence, verbose_name=_("correspondence"), null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="+")
    attachment = models.ForeignKey(Attachment, verbose_name=_("attachment"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="+")
    from_marking = models.CharField(_("marking before"), max_length=12, choices=Marking, editable=False)
    to_marking = models.CharField(_("marking after"), max_length=12, choices=Marking)
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     on_delete=models.PROTECT, related_name="+", editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", editable=False)
    state = models.CharField(_("state"), max_length=10, choices=ChangeStatus, default=ChangeStatus.PENDING,
                             editable=False)

    class Meta(RequestPart.Meta):
        ordering = ["-pk"]
        verbose_name = _("marking change")
        verbose_name_plural = _("marking changes")

    def __str__(self) -> str:
        return f"{self.get_from_marking_display()} → {self.get_to_marking_display()}"

    def target(self):
        """The record whose marking this changes."""
        return self.attachment or self.correspondence or self.request

    def clean(self):
        if self.from_marking and self.to_marking and rank(self.to_marking) >= rank(self.from_marking):
            raise ValidationError({"to_marking": _("Only a lower marking needs approval; raise a marking by "
                                                   "editing it.")})


class AccessEntry(CheckedTextModel):
    """One view, download or export of this area's records: who, what, when, from where. Never changed."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True,
                             on_delete=models.PROTECT, related_name="+")
    user_name = models.CharField(_("user name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=AccessKind)
    what = models.CharField(_("record"), max_length=300)
    request_ids = models.JSONField(_("requests"), default=list)
    address = models.CharField(_("address"), max_length=45, blank=True)

    objects = FailClosedQuerySet.as_manager()
    plain = PlainManager()

    class Meta:
        ordering = ["-time", "-pk"]
        base_manager_name = default_manager_name = "plain"
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        permissions = [("audit_access", _("Can read the access log"))]

    def __str__(self) -> str:
        return f"{self.user_name} {self.get_kind_display()} {self.what}"

    @classmethod
    def restrict_for(cls, queryset, user, action):
        """Only auditors read the access log (administrators manage; they do not watch)."""
        return restricted(queryset if user.has_perm("cooperation.audit_access") else queryset.none())

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("Access log entries are never changed.")
        super().save(*args, **kwargs)


class AuditLink(CheckedTextModel):
    """One link of the tamper-evident chain over this area's change-log and access-log entries.

    `digest` is HMAC-SHA-256, under a key kept outside the database, of the previous link's digest and the
    entry's content: an entry edited, deleted or inserted afterwards breaks the chain at its position.
    """

    position = models.PositiveBigIntegerField(_("place in the chain"), unique=True)
    source = models.CharField(_("log"), max_length=10)
    entry_id = models.PositiveBigIntegerField(_("entry"))
    digest = models.CharField(_("digest"), max_length=64)

    class Meta:
        ordering = ["position"]
        verbose_name = _("audit chain link")
        verbose_name_plural = _("audit chain")
        constraints = [models.UniqueConstraint(fields=["source", "entry_id"], name="one_link_per_entry")]

    def __str__(self) -> str:
        return f"{self.position} {self.digest[:12]}"
