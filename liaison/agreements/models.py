"""The agreements register: MoUs and other agreements, their parties, documents and follow-up actions."""

import calendar
import datetime
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.access import restrict
from liaison.core.models import CheckedTextModel, FollowUpActionBase, LiaisonModel
from liaison.core.validators import no_markup, require_one_language
from liaison.partners.models import Contact, Organisation

from .choices import IN_FORCE, AgreementKind, AgreementStatus, CooperationArea, DocumentKind

DEFAULT_NOTICE_DAYS = 90


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when that day does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def validate_areas(values) -> None:
    """A list of areas of cooperation, each one of the known choices, none twice."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError(_("Give a list of areas of cooperation."), code="areas")
    unknown = [v for v in values if v not in CooperationArea.values]
    if unknown:
        raise ValidationError(
            _("Unknown area of cooperation: {areas}.").format(areas=", ".join(unknown)), code="areas"
        )
    if len(set(values)) != len(values):
        raise ValidationError(_("An area of cooperation is listed twice."), code="areas")


class Agreement(LiaisonModel):
    """An agreement (MoU, cooperation agreement, …) between two or more organisations, from draft to renewal."""

    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind, default=AgreementKind.MOU)
    # Changed only by services.move and services.renew, so that every move is an allowed one.
    status = models.CharField(_("status"), max_length=20, choices=AgreementStatus, default=AgreementStatus.DRAFT,
                              editable=False)
    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    summary = models.TextField(_("summary"), blank=True)
    parties = models.ManyToManyField(Organisation, through="AgreementParty", verbose_name=_("parties"),
                                     related_name="agreements")
    areas = models.JSONField(_("areas of cooperation"), default=list, blank=True, validators=[validate_areas])
    signed_date = models.DateField(_("signed on"), null=True, blank=True)
    signing_place = models.CharField(_("place of signing"), max_length=200, blank=True, validators=[no_markup])
    # The events area does not exist yet: the occasion is text for now, a link to an event later.
    occasion = models.CharField(_("occasion"), max_length=300, blank=True, validators=[no_markup])
    witness = models.CharField(_("witnessed by"), max_length=300, blank=True, validators=[no_markup])
    witness_contact = models.ForeignKey(Contact, verbose_name=_("witness (contact)"), null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="witnessed_agreements")
    effective_date = models.DateField(_("effective from"), null=True, blank=True)
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"), null=True, blank=True,
        help_text=_("Leave the expiry date empty and it is worked out from the term."),
    )
    expiry_date = models.DateField(_("expires on"), null=True, blank=True, db_index=True)
    auto_renew = models.BooleanField(_("renews automatically"), default=False)
    notice_days = models.PositiveSmallIntegerField(
        _("notice period (days)"), null=True, blank=True,
        help_text=_("Days before expiry by which a party must give notice; reminders start then (90 if empty)."),
    )
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible officer"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="agreements_responsible",
    )
    previous_version = models.ForeignKey(
        "self", verbose_name=_("renews"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="renewals",
    )
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("title_en", "title_zh_hant", "occasion_en", "occasion_zh_hant", "signing_place_en",
                     "signing_place_zh_hant")
    item_choices = {"areas": CooperationArea}  # the values of the list, shown by label (core.display)

    class Meta:
        ordering = ["-signed_date", "-pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        # The list's order (read backwards), alone, after the status or kind filter, and within the agreements in
        # force or not (two statuses: a partial index each, as one status index cannot give one order for both).
        indexes = [models.Index(fields=["signed_date", "id"], name="agreement_signed"),
                   models.Index(fields=["status", "signed_date", "id"], name="agreement_status_signed"),
                   models.Index(fields=["kind", "signed_date", "id"], name="agreement_kind_signed"),
                   models.Index(fields=["signed_date", "id"], name="agreement_in_force_signed",
                                condition=Q(status__in=IN_FORCE)),
                   models.Index(fields=["signed_date", "id"], name="agreement_not_in_force_signed",
                                condition=~Q(status__in=IN_FORCE))]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    @property
    def is_in_force(self) -> bool:
        return self.status in IN_FORCE

    @property
    def start_date(self):
        return self.effective_date or self.signed_date

    @property
    def notice_period(self) -> int:
        return DEFAULT_NOTICE_DAYS if self.notice_days is None else self.notice_days

    def get_areas_display(self) -> list[str]:
        labels = dict(CooperationArea.choices)
        return [str(labels.get(value, value)) for value in self.areas or []]

    def clean(self):
        require_one_language(self, "title", _("Give the title in English or Chinese (or both)."))
        if self.term_months and not self.expiry_date and self.start_date:
            self.expiry_date = add_months(self.start_date, self.term_months)
        errors = {}
        if self.expiry_date and self.signed_date and self.expiry_date < self.signed_date:
            errors["expiry_date"] = _("The expiry date is before the date of signature.")
        elif self.expiry_date and self.effective_date and self.expiry_date < self.effective_date:
            errors["expiry_date"] = _("The expiry date is before the effective date.")
        if self.status in (*IN_FORCE, AgreementStatus.EXPIRED) and not self.signed_date:
            errors["signed_date"] = _("A signed agreement needs the date of signature.")
        if self.previous_version_id and self.pk and self.previous_version_id == self.pk:
            errors["previous_version"] = _("An agreement cannot renew itself.")
        if errors:
            raise ValidationError(errors)


class AgreementParty(CheckedTextModel):
    """An organisation that is party to an agreement, and who signed for it."""

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE,
                                  related_name="party_rows")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="agreement_parties")
    signatory = models.ForeignKey(Contact, verbose_name=_("signed by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="agreements_signed")
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True, validators=[no_markup])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [models.UniqueConstraint(fields=["agreement", "organisation"], name="one_row_per_party")]

    def __str__(self) -> str:
        return str(self.organisation)

    @classmethod
    def restrict_for(cls, queryset, user, action):
        return queryset.filter(agreement__in=restrict(Agreement.objects.all(), user))


def document_path(document, filename: str) -> str:
    """Where a document is stored: a random name under the agreement, never the name the user gave."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"agreements/{document.agreement_id}/{uuid.uuid4().hex}{suffix}"


class AgreementDocument(LiaisonModel):
    """A version of a document of an agreement (signed copy, English or Chinese text), kept outside the web root."""

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.PROTECT,
                                  related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind)
    revision = models.PositiveIntegerField(_("version"), editable=False)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300, editable=False)
    original_name = models.CharField(_("file name"), max_length=200, editable=False)
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False)
    description = models.CharField(_("description"), max_length=300, blank=True, validators=[no_markup])
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+", editable=False)

    class Meta:
        ordering = ["kind", "-revision"]
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind", "revision"], name="one_document_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.revision} — {self.original_name}"

    @classmethod
    def restrict_for(cls, queryset, user, action):
        """A document is visible only with its agreement."""
        return queryset.filter(agreement__in=restrict(Agreement.objects.all(), user))

    def get_absolute_url(self) -> str:
        return self.agreement.get_absolute_url()

    def get_download_url(self) -> str:
        return reverse("agreements:document_download", args=[self.pk])


class FollowUpAction(FollowUpActionBase):
    """Something to do under an agreement: an owner, a due date and a status."""

    parent_field = "agreement"
    status_route = "agreements:action_status"
    edit_route = "agreements:followupaction_edit"

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE,
                                  related_name="actions")
    notes = models.TextField(_("notes"), blank=True)

    class Meta(FollowUpActionBase.Meta):
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        indexes = [models.Index(fields=["due_date", "id"], name="action_due"),
                   models.Index(fields=["status", "due_date", "id"], name="action_status_due"),
                   models.Index(fields=["owner", "due_date", "id"], name="action_owner_due")]


class CalendarFeed(CheckedTextModel):
    """A secret calendar address made before the office calendar took over the agreements' feed (no new ones are
    made): a calendar program subscribed to it keeps receiving the office calendar's agreements.

    Only the hash of the address's secret is kept (like API tokens).
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="agreement_calendar")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
