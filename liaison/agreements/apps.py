from django.utils.translation import gettext_lazy as _

from liaison.core.areas import HomeFigure, LiaisonAppConfig, MenuEntry


class AgreementsConfig(LiaisonAppConfig):
    name = "liaison.agreements"
    label = "agreements"
    verbose_name = _("Agreements")
    menu = (
        MenuEntry(_("Agreements"), "agreements:agreement_list", "agreements.view_agreement", order=300),
        MenuEntry(_("Coverage"), "agreements:coverage", "agreements.view_agreement", order=310),
        MenuEntry(_("Reminders"), "agreements:reminders", "agreements.view_agreement", order=320),
        MenuEntry(_("My actions"), "agreements:my_actions", "agreements.view_followupaction", order=330),
    )
    home = (HomeFigure("agreements.Agreement", "agreements:agreement_list", order=300),)
    reference_after = ("partners",)
