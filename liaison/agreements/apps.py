from django.utils.translation import gettext_lazy as _

from liaison.core.areas import DUE, THIS_YEAR, HomeFigure, LiaisonAppConfig, MenuEntry


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
    home = (
        HomeFigure("agreements.Agreement", "agreements:agreement_list", order=300),
        HomeFigure("agreements.FollowUpAction", "agreements:my_actions", order=300, section=DUE,
                   label=_("My open follow-up actions"), where=(("status", "open"),), mine="owner"),
        HomeFigure("agreements.Agreement", "agreements:agreement_list", order=310, section=DUE,
                   label=_("Agreements expiring"), where=(("status", "expiring"),), query="status=expiring"),
        HomeFigure("agreements.Agreement", "agreements:agreement_list", order=300, section=THIS_YEAR,
                   label=_("Agreements signed"), year_field="signed_date", query="year={year}"),
    )
    reference_after = ("partners",)
