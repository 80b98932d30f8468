from django.utils.translation import gettext_lazy as _

from liaison.core.areas import HomeFigure, LiaisonAppConfig, MenuEntry


class EventsConfig(LiaisonAppConfig):
    name = "liaison.events"
    label = "events"
    verbose_name = _("Events and training")
    menu = (
        MenuEntry(_("Events"), "events:event_list", "events.view_event", order=400),
        MenuEntry(_("Registrations"), "events:registration_list", "events.view_registration", order=410),
        MenuEntry(_("Bilateral meetings"), "events:meetingrequest_list", "events.view_meetingrequest", order=420),
    )
    home = (HomeFigure("events.Event", "events:event_list", order=400),)
    reference_after = ("partners", "networks", "agreements")
