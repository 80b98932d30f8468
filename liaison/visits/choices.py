"""Choices of the delegations area."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DelegationCategory(models.TextChoices):
    GOVERNMENT = "government", _("Government officials")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    JUDICIARY = "judiciary", _("Judiciary and prosecution")
    LEGISLATORS = "legislators", _("Legislators")
    CORPORATE = "corporate", _("Corporate")
    ACADEMIC = "academic", _("Academic")
    STUDENTS = "students", _("Students")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class DelegationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CONFIRMED = "confirmed", _("Programme confirmed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# A delegation in one of these states came (or is coming): it counts in the statistics.
RECEIVED = (DelegationStatus.APPROVED, DelegationStatus.CONFIRMED, DelegationStatus.COMPLETED)


class ProgrammeKind(models.TextChoices):
    BRIEFING = "briefing", _("Briefing")
    MEETING = "meeting", _("Meeting")
    SITE_VISIT = "site_visit", _("Site visit")
    MEAL = "meal", _("Meal")
    TOUR = "tour", _("Tour")


class MissionPurpose(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    STUDY_VISIT = "study_visit", _("Study visit")
    TRAINING = "training", _("Training delivered")
    OFFICIAL_VISIT = "official_visit", _("Official visit")
    BODY_MEETING = "body_meeting", _("Meeting of a body")


class MissionCapacity(models.TextChoices):
    OWN = "own", _("In its own right")
    CHINA_DELEGATION = "china_delegation", _("As part of China's delegation")
    HONG_KONG_CHINA = "hong_kong_china", _("Representing “Hong Kong, China”")
    ASSOCIATION = "association", _("On behalf of the association")


class MissionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("In progress")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


class OutputKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PUBLICATION = "publication", _("Publication")
    OTHER = "other", _("Other")
