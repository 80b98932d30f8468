"""Networks and associations: who belongs to them over time, and who governs them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.models import LiaisonModel
from liaison.core.validators import no_markup
from liaison.partners.models import Contact, Organisation

from .choices import BodyKind, MembershipStatus

# Statuses during which an organisation belongs to the network (counted apart: members and observers).
BELONGING = (MembershipStatus.MEMBER, MembershipStatus.OBSERVER)


class Network(LiaisonModel):
    """The profile of an organisation that is a network or association: purpose, founding, secretariat."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="network_profile"
    )
    purpose = models.TextField(_("purpose"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    founder = models.ForeignKey(
        Organisation, verbose_name=_("founded by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="founded_networks",
    )
    secretariat = models.ForeignKey(
        Organisation, verbose_name=_("secretariat hosted by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="hosted_secretariats",
    )
    secretariat_since = models.DateField(_("secretariat hosted since"), null=True, blank=True)
    has_categories = models.BooleanField(_("has membership categories"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["organisation__name_en"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return str(self.organisation)

    def search_values(self):
        organisation = self.organisation
        yield from (organisation.name_en, organisation.name_zh_hant, organisation.acronym_en,
                    organisation.acronym_zh_hant)

    def clean(self):
        if self.founded_year and not 1800 <= self.founded_year <= datetime.date.today().year:
            raise ValidationError({"founded_year": _("Give a year between 1800 and this year.")})

    @property
    def is_ours(self) -> bool:
        """We run its secretariat."""
        return bool(self.secretariat_id) and self.secretariat.is_own


class MembershipCategory(LiaisonModel):
    """A class of membership a network defines (e.g. organisational, individual, honorary)."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE,
                                related_name="categories")
    name = models.CharField(_("name"), max_length=200, validators=[no_markup])

    search_fields = ("name_en", "name_zh_hant")

    class Meta:
        ordering = ["network", "name_en"]
        indexes = [models.Index(fields=["network", "name_en"], name="category_network_name")]
        verbose_name = _("membership category")
        verbose_name_plural = _("membership categories")

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("networks:network", args=[self.network_id])  # by its id: a list reads no network


class Membership(LiaisonModel):
    """An organisation's membership of a network; its status over time lives in its periods."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT,
                                related_name="memberships")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="memberships")
    category = models.ForeignKey(MembershipCategory, verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="memberships")
    representative = models.ForeignKey(Contact, verbose_name=_("representative"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="memberships")
    capacity = models.CharField(
        _("capacity"), max_length=200, blank=True, validators=[no_markup],
        help_text=_("How the organisation takes part, e.g. “representing Hong Kong, China” or “as part of "
                    "China's delegation”."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["network", "organisation__name_en"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="networks_one_membership_each"),
        ]

    def __str__(self) -> str:
        organisation = self.organisation if self.organisation_id else "—"
        network = self.network if self.network_id else "—"
        return _("{organisation} in {network}").format(organisation=organisation, network=network)

    def search_values(self):
        organisation = self.organisation
        yield from (organisation.name_en, organisation.name_zh_hant, organisation.acronym_en,
                    organisation.acronym_zh_hant)

    def clean(self):
        if self.network_id and self.organisation_id and self.network.organisation_id == self.organisation_id:
            raise ValidationError({"organisation": _("A network cannot be a member of itself.")})
        if self.category_id and self.network_id and self.category.network_id != self.network_id:
            raise ValidationError({"category": _("Choose a category of this network.")})

    def current_period(self):
        """The open period (prefetched periods are used when present)."""
        return next((p for p in self.ordered_periods() if p.end_date is None), None)

    def ordered_periods(self) -> list:
        return sorted(self.periods.all(), key=lambda p: (p.start_date, p.end_date or datetime.date.max, p.pk))

    @property
    def status(self) -> str | None:
        period = self.current_period()
        return period.status if period else None

    def get_status_display(self) -> str:
        period = self.current_period()
        return period.get_status_display() if period else "—"

    def status_on(self, day: datetime.date) -> str | None:
        for period in self.periods.all():
            if period.covers(day):
                return period.status
        return None


class MembershipPeriod(LiaisonModel):
    """One status of a membership from its start date until (not including) its end date; never overwritten."""

    membership = models.ForeignKey(Membership, verbose_name=_("membership"), on_delete=models.CASCADE,
                                   related_name="periods")
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("until"), null=True, blank=True,
        help_text=_("The day the next status began; blank while this status lasts."),
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["membership", "start_date", "pk"]
        # The membership's history in order, and "who had this status on a date" (status, then the dates).
        indexes = [models.Index(fields=["membership", "start_date", "id"], name="period_membership_start"),
                   models.Index(fields=["status", "start_date", "end_date"], name="period_status_dates")]
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="networks_period_ends_after_start",
            ),
            models.UniqueConstraint(fields=["membership"], condition=Q(end_date__isnull=True),
                                    name="networks_one_open_period"),
        ]

    def __str__(self) -> str:
        until = self.end_date.isoformat() if self.end_date else "…"
        return f"{self.get_status_display()} {self.start_date.isoformat()}–{until}"

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date > day)

    def overlaps(self, start: datetime.date, end: datetime.date | None) -> bool:
        """Half-open periods [start, end): a zero-length period (same-day change) overlaps nothing."""
        mine_end, other_end = self.end_date or datetime.date.max, end or datetime.date.max
        if self.start_date == mine_end or start == other_end:
            return False
        return self.start_date < other_end and start < mine_end

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if self.membership_id and self.start_date:
            others = MembershipPeriod.objects.filter(membership_id=self.membership_id).exclude(pk=self.pk)
            clash = next((p for p in others if p.overlaps(self.start_date, self.end_date)), None)
            if clash is not None:
                raise ValidationError(
                    _("This period overlaps the period “{period}” of the same membership.").format(period=clash),
                    code="overlap",
                )

    def get_absolute_url(self) -> str:
        return self.membership.get_absolute_url()


class Body(LiaisonModel):
    """A governing body or office of a network: President, Executive Committee, Secretariat…"""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind)
    name = models.CharField(_("name"), max_length=200, blank=True, validators=[no_markup],
                            help_text=_("Blank to use the kind as the name."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = ("name_en", "name_zh_hant")

    class Meta:
        ordering = ["network", "order", "pk"]
        indexes = [models.Index(fields=["network", "order", "id"], name="body_network_order")]
        verbose_name = _("governing body")
        verbose_name_plural = _("governing bodies")

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    def get_absolute_url(self) -> str:
        return reverse("networks:network", args=[self.network_id])  # by its id: a list reads no network


class Term(LiaisonModel):
    """Who holds a seat on a body, and for which term."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="terms")
    holder = models.ForeignKey(Organisation, verbose_name=_("held by (organisation)"), on_delete=models.PROTECT,
                               related_name="terms")
    holder_contact = models.ForeignKey(Contact, verbose_name=_("held by (person)"), null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="terms")
    role_title = models.CharField(_("role"), max_length=200, blank=True, validators=[no_markup])
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    approximate = models.BooleanField(_("dates known to the year only"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("role_title_en", "role_title_zh_hant")

    class Meta:
        ordering = ["body", "-start_date", "pk"]
        indexes = [models.Index(fields=["body", "-start_date", "id"], name="term_body_start")]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return f"{self.role_title or self.body} — {self.holder}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    def get_absolute_url(self) -> str:
        return reverse("networks:network", args=[self.body.network_id])


class BodyMeeting(LiaisonModel):
    """A meeting of a body (e.g. an Executive Committee meeting held during a symposium)."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    approximate = models.BooleanField(_("date known to the month only"), default=False)
    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    place = models.CharField(_("place"), max_length=200, blank=True, validators=[no_markup])
    notes = models.TextField(_("notes"), blank=True)

    search_fields = ("title_en", "title_zh_hant", "place_en", "place_zh_hant")

    class Meta:
        ordering = ["-date", "pk"]
        indexes = [models.Index(fields=["-date", "id"], name="meeting_date"),
                   models.Index(fields=["body", "-date", "id"], name="meeting_body_date")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title or f"{self.body} {self.date.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse("networks:network", args=[self.body.network_id])
