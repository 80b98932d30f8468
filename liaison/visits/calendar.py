"""What the delegations area puts on the office's calendar: incoming delegations and outgoing missions."""

from django.utils.translation import gettext as _

from liaison.core.access import restrict
from liaison.core.calendar import Item, provider

from .choices import DelegationStatus, MissionStatus
from .models import Delegation, Mission


def delegation_kind() -> str:
    return _("Incoming delegation")


def mission_kind() -> str:
    return _("Mission")


@provider
def delegations(user, start, end):
    visible = (restrict(Delegation.objects.all(), user)
               .exclude(status__in=(DelegationStatus.DECLINED, DelegationStatus.CANCELLED))
               .filter(start_date__lte=end, end_date__gte=start))
    for delegation in visible.order_by("start_date", "pk"):
        yield Item(delegation.start_date, delegation.end_date, str(delegation), delegation.get_absolute_url(),
                   delegation_kind(), f"visits.delegation.{delegation.pk}")


@provider
def missions(user, start, end):
    visible = (restrict(Mission.objects.all(), user).exclude(status=MissionStatus.CANCELLED)
               .filter(start_date__lte=end, end_date__gte=start))
    for mission in visible.order_by("start_date", "pk"):
        yield Item(mission.start_date, mission.end_date, str(mission), mission.get_absolute_url(), mission_kind(),
                   f"visits.mission.{mission.pk}", place=mission.city)
