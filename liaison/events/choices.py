"""Choices of the events area."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    SYMPOSIUM = "symposium", _("Symposium / conference")
    COURSE = "course", _("Training course")
    WORKSHOP = "workshop", _("Workshop / experience sharing programme")
    SEMINAR = "seminar", _("Seminar")
    FORUM = "forum", _("Forum")
    STUDY_VISIT = "study_visit", _("Study visit")
    BODY_MEETING = "body_meeting", _("Meeting of a body")
    CEREMONY = "ceremony", _("Ceremony")


class OurRole(models.TextChoices):
    HOST = "host", _("Host")
    CO_HOST = "co_host", _("Co-host")
    ORGANISER = "organiser", _("Organiser")
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker")
    DELEGATION = "delegation", _("Delegation")


class ParticipantRole(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    OBSERVER = "observer", _("Observer")
    STUDENT = "student", _("Student")
    MEDIA = "media", _("Media")
    STAFF = "staff", _("Staff")


class RegistrationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Registered")
    CONFIRMED = "confirmed", _("Confirmed")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("No-show")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    WAITLISTED = "waitlisted", _("Waitlisted")


# A registration in one of these states holds a place at the event (counts against its capacity).
HOLDS_A_PLACE = (RegistrationStatus.REGISTERED, RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
# The participants an event's figures count: those who came (or, before the event, who are expected).
PARTICIPATED = (RegistrationStatus.REGISTERED, RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    CHINESE = "zh-hant", _("Traditional Chinese")


class MeetingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Rating(models.IntegerChoices):
    POOR = 1, _("Poor")
    FAIR = 2, _("Fair")
    GOOD = 3, _("Good")
    VERY_GOOD = 4, _("Very good")
    EXCELLENT = 5, _("Excellent")
