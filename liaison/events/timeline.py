"""What the events area adds to an organisation's timeline: the events it organised and those it took part in."""

from django.utils.translation import gettext as _

from liaison.core.access import restrict
from liaison.core.timeline import Entry, provider
from liaison.partners.models import Organisation

from .choices import PARTICIPATED
from .models import Event, Registration


@provider(Organisation)
def events_organised(organisation, user):
    for event in restrict(Event.objects.all(), user).filter(organisers=organisation).distinct():
        yield Entry(event.start_date, _("Organised “{event}”").format(event=event), event.get_absolute_url())


@provider(Organisation)
def events_attended(organisation, user):
    registrations = restrict(Registration.objects.all(), user).filter(organisation=organisation,
                                                                      status__in=PARTICIPATED)
    events = restrict(Event.objects.all(), user).filter(pk__in=registrations.values("event"))
    for event in events:
        yield Entry(event.start_date, _("Took part in “{event}”").format(event=event), event.get_absolute_url())
