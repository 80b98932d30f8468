"""Choices of the partner registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ANTI_CORRUPTION_AGENCY = "aca", _("Anti-corruption agency")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement agency")
    PROSECUTION = "prosecution", _("Prosecution authority")
    AUDIT = "audit", _("Audit institution")
    SUPERVISORY_COMMISSION = "supervisory", _("Supervisory commission")
    INTERNATIONAL_ORGANISATION = "international", _("International organisation")
    NETWORK = "network", _("Network or association")
    TRAINING_ACADEMY = "academy", _("Training academy")
    GOVERNMENT_DEPARTMENT = "government", _("Government department")
    ACADEMIC = "academic", _("Academic institution")
    PRIVATE_SECTOR = "private", _("Private sector")
    NGO = "ngo", _("Non-governmental organisation")
