"""Choices of the agreements register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of Understanding")
    COOPERATION_AGREEMENT = "cooperation", _("Cooperation agreement")
    LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
    JOINT_DECLARATION = "joint_declaration", _("Joint declaration")
    OTHER = "other", _("Other")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    NEGOTIATION = "negotiation", _("Under negotiation")
    APPROVED = "approved", _("Approved for signing")
    SIGNED = "signed", _("Signed (in force)")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")
    RENEWED = "renewed", _("Renewed")
    TERMINATED = "terminated", _("Terminated")


# An agreement in one of these states binds the parties: it counts for coverage and expiry reminders.
IN_FORCE = (AgreementStatus.SIGNED, AgreementStatus.EXPIRING)


class CooperationArea(models.TextChoices):
    INVESTIGATION = "investigation", _("Investigation and information exchange")
    TRAINING = "training", _("Training and capacity building")
    PREVENTION = "prevention", _("Prevention")
    EDUCATION = "education", _("Education")
    ASSET_RECOVERY = "asset_recovery", _("Asset recovery")
    OTHER = "other", _("Other")


class DocumentKind(models.TextChoices):
    SIGNED_COPY = "signed", _("Signed copy")
    ENGLISH_TEXT = "text_en", _("English text")
    CHINESE_TEXT = "text_zh", _("Chinese text")
    OTHER = "other", _("Other")

