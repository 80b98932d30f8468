"""What the partner registry adds to an organisation's timeline."""

from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.access import restrict
from liaison.core.timeline import Entry, newest, provider

from .models import Organisation, Position


@provider(Organisation)
def registered(organisation, user):
    yield Entry(timezone.localdate(organisation.created), _("Recorded in Liaison"))


@provider(Organisation)
def positions(organisation, user):
    held = restrict(Position.objects.all(), user).filter(organisation=organisation).select_related("contact")
    for position in newest(held, "start_date"):
        yield Entry(position.start_date, _("{person} took up the post of {title}").format(
            person=position.contact, title=position.title or _("staff member")), position.get_absolute_url())
    for position in newest(held, "end_date"):
        yield Entry(position.end_date, _("{person} left the post of {title}").format(
            person=position.contact, title=position.title or _("staff member")), position.get_absolute_url())
