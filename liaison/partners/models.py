"""The partner registry: organisations and the people in them."""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from liaison.core.models import AliasesField, Jurisdiction, LiaisonModel, Tag
from liaison.core.validators import no_markup, require_one_language, validate_each, validate_short_list

from .choices import OrganisationKind

validate_email = EmailValidator(message=_("Enter a valid e-mail address."))


def validate_emails(values) -> None:
    """A list of valid e-mail addresses."""
    validate_each(values, [validate_email])


def require_a_name(record, field: str = "name") -> None:
    """A name in at least one of the two languages."""
    require_one_language(record, field, _("Give the name in English or Chinese (or both)."))


class Organisation(LiaisonModel):
    """A partner: an agency, authority, international organisation, network or other body."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind)
    name = models.CharField(_("name"), max_length=300, blank=True, validators=[no_markup])
    acronym = models.CharField(_("acronym"), max_length=40, blank=True, validators=[no_markup])
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("jurisdiction"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_own = models.BooleanField(
        _("our own organisation"), default=False,
        help_text=_("The organisation that uses Liaison; its memberships and agreements are “ours”."),
    )
    aliases = AliasesField()
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="organisations")
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("name_en", "name_zh_hant", "acronym_en", "acronym_zh_hant", "aliases")

    class Meta:
        ordering = ["name_en", "name_zh_hant"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # The list's order, alone and after each filter, so its first page is read from an index in order.
        indexes = [
            models.Index(fields=["name_en", "name_zh_hant"], name="organisation_name"),
            models.Index(fields=["kind", "name_en", "name_zh_hant"], name="organisation_kind"),
            models.Index(fields=["jurisdiction", "name_en", "name_zh_hant"], name="organisation_jurisdiction"),
            models.Index(fields=["is_active", "name_en", "name_zh_hant"], name="organisation_active"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["is_own"], condition=models.Q(is_own=True), name="one_own_organisation"),
        ]

    def __str__(self) -> str:
        return self.name or self.acronym or f"#{self.pk}"

    @classmethod
    def own(cls):
        """Our own organisation (the office's), or None before one is marked."""
        return cls.objects.filter(is_own=True).first()

    def clean(self):
        require_a_name(self)
        if self.is_own and Organisation.objects.filter(is_own=True).exclude(pk=self.pk).exists():
            raise ValidationError({"is_own": _("Another organisation is already marked as our own.")})
        if self.parent_id and self.pk and self._has_ancestor(self.pk):
            raise ValidationError({"parent": _("An organisation cannot sit under itself.")})

    def _has_ancestor(self, pk) -> bool:
        seen, current = set(), self.parent
        while current is not None and current.pk not in seen:
            if current.pk == pk:
                return True
            seen.add(current.pk)
            current = current.parent
        return False


class Contact(LiaisonModel):
    """A person we deal with at a partner organisation."""

    name = models.CharField(_("name"), max_length=200, blank=True, validators=[no_markup])
    honorific = models.CharField(_("honorific"), max_length=40, blank=True, validators=[no_markup])
    emails = models.JSONField(_("e-mails"), default=list, blank=True, validators=[validate_emails])
    phones = models.JSONField(_("phones"), default=list, blank=True, validators=[validate_short_list])
    languages = models.JSONField(_("languages"), default=list, blank=True, validators=[validate_short_list])
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("name_en", "name_zh_hant")

    class Meta:
        ordering = ["name_en", "name_zh_hant"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [models.Index(fields=["name_en", "name_zh_hant"], name="contact_name")]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    def clean(self):
        require_a_name(self)

    def search_values(self):
        yield from super().search_values()
        yield from self.emails or []


class Position(LiaisonModel):
    """A post a contact holds or held at an organisation, with dates."""

    contact = models.ForeignKey(Contact, verbose_name=_("contact"), on_delete=models.CASCADE,
                                related_name="positions")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="positions")
    title = models.CharField(pgettext_lazy("post", "title"), max_length=200, blank=True, validators=[no_markup])
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        indexes = [models.Index(fields=["-start_date", "id"], name="position_start"),
                   models.Index(fields=["organisation", "end_date"], name="position_organisation_current")]

    def __str__(self) -> str:
        return f"{self.title} — {self.organisation}" if self.title else str(self.organisation)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    def get_absolute_url(self) -> str:
        return reverse("partners:contact", args=[self.contact_id])  # by its id: a list of positions reads no contact
