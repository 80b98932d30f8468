"""Daily reminders of request deadlines, to each member about the requests they may see.

A reminder leaves Liaison by e-mail, so it names a request only by our reference and its number, never by its
content: the reader opens it in Liaison (second factor, access log).
"""

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from liaison.core.access import restrict

from . import services
from .models import AssistanceRequest, Compartment

WINDOWS = (0, 7)  # days before the deadline on which a member is reminded (and every day once it has passed)


def _name(request: AssistanceRequest) -> str:
    return f"{request.our_reference or '—'} (#{request.pk})"


def digests(today: datetime.date) -> dict:
    """User → lines of their reminder for the day, about the requests they may see."""
    lines = defaultdict(list)
    members = get_user_model().objects.filter(
        is_active=True, pk__in=Compartment.members.through.objects.values("user_id")).order_by("pk")
    for user in members:
        visible = restrict(AssistanceRequest.objects.all(), user)
        for request in services.overdue(visible, today):
            lines[user].append(_("Request {name} is overdue since {date}.").format(
                name=_name(request), date=request.due_on.isoformat()))
        for request in services.due_soon(visible, today, max(WINDOWS)):
            if (request.due_on - today).days in WINDOWS:
                lines[user].append(_("Request {name} is due on {date}.").format(
                    name=_name(request), date=request.due_on.isoformat()))
    return lines
