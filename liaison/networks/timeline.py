"""What networks add to an organisation's timeline: every change of its memberships."""

from django.utils.translation import gettext as _

from liaison.core.access import restrict
from liaison.core.timeline import Entry, newest, provider
from liaison.partners.models import Organisation

from .choices import MembershipStatus as Status
from .models import MembershipPeriod

MESSAGES = {
    Status.APPLICANT: lambda: _("Applied to join {network}"),
    Status.MEMBER: lambda: _("Became a member of {network}"),
    Status.OBSERVER: lambda: _("Became an observer of {network}"),
    Status.SUSPENDED: lambda: _("Membership of {network} suspended"),
    Status.WITHDRAWN: lambda: _("Withdrew from {network}"),
    Status.REJECTED: lambda: _("Application to {network} rejected"),
}


@provider(Organisation)
def membership_changes(organisation, user):
    periods = restrict(MembershipPeriod.objects.all(), user).filter(membership__organisation=organisation)
    for period in newest(periods.select_related("membership__network__organisation"), "start_date"):
        membership = period.membership
        text = MESSAGES[period.status]().format(network=membership.network)
        yield Entry(period.start_date, text, membership.get_absolute_url())
