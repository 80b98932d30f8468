"""Choices of networks, memberships and governance."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Rejected")


class BodyKind(models.TextChoices):
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-President")
    EXECUTIVE_COMMITTEE = "executive_committee", _("Executive Committee")
    STEERING_COMMITTEE = "steering_committee", _("Steering Committee")
    SECRETARIAT = "secretariat", _("Secretariat")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-General")
    PLENARY = "plenary", _("Plenary meeting / General Assembly")
