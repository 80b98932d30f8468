"""The messages the requests' changes come with (see changelog.sentence), said in each reader's language."""

from django.utils.translation import gettext_lazy as _

from liaison.core.changelog import sentence

from .choices import RequestStatus

STATUS = sentence("cooperation.status", _("Status: {old} → {new}"), old=RequestStatus, new=RequestStatus)
