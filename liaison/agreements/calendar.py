"""What the agreements register puts on the office's calendar: signings, expiries of agreements in force, and the
reader's own open follow-up actions — each within the days asked for, so the feed stays a window of dates."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.core.access import restrict
from liaison.core.calendar import Item, provider
from liaison.core.choices import ActionStatus

from .choices import IN_FORCE
from .models import Agreement, FollowUpAction


def agreement_kind() -> str:
    return _("Agreement")


def office_calendar_url() -> str:
    """The office calendar's month page showing agreements only."""
    return reverse("core:calendar_month") + "?" + urlencode({"kind": agreement_kind()})


@provider
def signings(user, start, end):
    visible = restrict(Agreement.objects.all(), user).filter(signed_date__range=(start, end))
    for agreement in visible.order_by("signed_date", "pk"):
        yield Item(agreement.signed_date, agreement.signed_date, _("Signed: {title}").format(title=agreement),
                   agreement.get_absolute_url(), agreement_kind(), f"agreements.agreement.{agreement.pk}.signed",
                   place=agreement.signing_place)


@provider
def expiries(user, start, end):
    visible = restrict(Agreement.objects.all(), user).filter(status__in=IN_FORCE, expiry_date__range=(start, end))
    for agreement in visible.order_by("expiry_date", "pk"):
        yield Item(agreement.expiry_date, agreement.expiry_date,
                   _("Agreement expires: {title}").format(title=agreement), agreement.get_absolute_url(),
                   agreement_kind(), f"agreements.agreement.{agreement.pk}.expiry")


@provider
def my_actions(user, start, end):
    mine = restrict(FollowUpAction.objects.all(), user).filter(
        owner=user, status=ActionStatus.OPEN, due_date__range=(start, end)).select_related("agreement")
    for action in mine.order_by("due_date", "pk"):
        yield Item(action.due_date, action.due_date, _("Action due: {title}").format(title=action),
                   action.get_absolute_url(), agreement_kind(), f"agreements.followupaction.{action.pk}")
