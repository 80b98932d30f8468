from django.utils.translation import gettext_lazy as _

from liaison.core.areas import HomeFigure, LiaisonAppConfig, MenuEntry


class PartnersConfig(LiaisonAppConfig):
    name = "liaison.partners"
    label = "partners"
    verbose_name = _("Partners")
    menu = (
        MenuEntry(_("Organisations"), "partners:organisation_list", "partners.view_organisation", order=100),
        MenuEntry(_("Contacts"), "partners:contact_list", "partners.view_contact", order=110),
    )
    home = (
        HomeFigure("partners.Organisation", "partners:organisation_list", order=100),
        HomeFigure("partners.Contact", "partners:contact_list", order=110),
    )
