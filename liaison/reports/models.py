"""What a year's chapter says besides its figures: its title, the strategies and the order of its sections."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core import reporting
from liaison.core.models import LiaisonModel
from liaison.core.validators import no_markup


def validate_sections(value) -> None:
    """A list of registered section keys, each once."""
    if not isinstance(value, list) or not all(isinstance(key, str) for key in value):
        raise ValidationError(_("List the sections by their keys."), code="sections")
    unknown = [key for key in value if reporting.section_named(key) is None]
    if unknown:
        raise ValidationError(_("There is no section “{key}”.").format(key=unknown[0][:40]), code="sections")
    if len(set(value)) != len(value):
        raise ValidationError(_("Each section comes once."), code="sections")


class ReportYear(LiaisonModel):
    """The editable text of one year's chapter: title, strategies, introduction, and which sections in what order."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True,
                                            validators=[MinValueValidator(1900), MaxValueValidator(2999)])
    title = models.CharField(_("title"), max_length=300, blank=True, validators=[no_markup])
    strategies = models.TextField(_("strategies"), blank=True, help_text=_("One strategy a line."))
    introduction = models.TextField(_("introduction to the review of work"), blank=True)
    sections = models.JSONField(_("sections"), default=list, blank=True, validators=[validate_sections],
                                help_text=_("The sections in their order; none: every section, in the usual order."))

    search_fields = ("title_en", "title_zh_hant", "strategies_en", "strategies_zh_hant")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("chapter contents")
        verbose_name_plural = _("chapter contents")

    def __str__(self) -> str:
        return self.title or str(self.year)

    def get_absolute_url(self) -> str:
        return reverse("reports:reportyear", args=[self.pk])

    def strategy_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in (self.strategies or "").splitlines() if line.strip(" -•\t")]

    def section_kinds(self) -> list:
        """The sections this year's chapter has, in order."""
        if not self.sections:
            return reporting.sections()
        return [kind for key in self.sections if (kind := reporting.section_named(key)) is not None]
