from django.utils.translation import gettext_lazy as _

from liaison.core.areas import HomeFigure, LiaisonAppConfig, MenuEntry
from liaison.core.roles import ADMINISTRATOR


class CooperationConfig(LiaisonAppConfig):
    name = "liaison.cooperation"
    label = "cooperation"
    verbose_name = _("Operational liaison")
    menu = (
        MenuEntry(_("Assistance requests"), "cooperation:assistancerequest_list", "cooperation.view_assistancerequest",
                  order=600),
        MenuEntry(_("Deadlines"), "cooperation:deadlines", "cooperation.view_assistancerequest", order=610),
        MenuEntry(_("Compartments"), "cooperation:compartment_list", "cooperation.view_compartment", order=615),
        MenuEntry(_("Access log"), "cooperation:access_log", "cooperation.audit_access", order=618),
        MenuEntry(_("Second factor"), "cooperation:second_factor", "cooperation.view_assistancerequest", order=620),
    )
    home = (HomeFigure("cooperation.AssistanceRequest", "cooperation:assistancerequest_list", order=600),)
    reference_after = ("partners",)
    role_permissions = {ADMINISTRATOR: {"manage_compartment", "audit_access"}}

    def ready(self):
        super().ready()
        from . import audit

        audit.connect()
