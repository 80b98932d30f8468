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
    STATE = "state", _("State")
    SAR = "sar", _("Special Administrative Region")
    TERRITORY = "territory", _("Territory")
    MAINLAND = "mainland", _("Mainland")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")
