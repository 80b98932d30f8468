"""Choices shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    MERGE = "merge", _("Merged")


class ChangeSource(models.TextChoices):
    WEB = "web", _("Web page")
    API = "api", _("API")
    CLI = "cli", _("Command line")
    IMPORT = "import", _("Import")
    ADMIN = "admin", _("Administration")
    SYSTEM = "system", _("System")


class JurisdictionKind(models.TextChoices):
    """How the office classes a jurisdiction: the SARs, the Mainland and Taiwan are parts of China, never states."""

    STATE = "state", _("State")
    SAR = "sar", _("Special Administrative Region")
    MAINLAND = "mainland", _("Mainland")
    REGION_OF_CHINA = "region_of_china", _("Region of China")
    TERRITORY = "territory", _("Territory")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ActionStatus(models.TextChoices):
    """Where a follow-up action stands (an agreement's, a mission's: see models.FollowUpActionBase)."""

    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
