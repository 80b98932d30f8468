"""The messages the delegations' changes come with (see changelog.sentence), said in each reader's language."""

from django.utils.translation import gettext_lazy as _

from liaison.core.changelog import sentence

from .choices import DelegationStatus

STATUS = sentence("visits.status", _("Status: {old} → {new}"), old=DelegationStatus, new=DelegationStatus)
