from django.utils.translation import gettext_lazy as _

from liaison.core.areas import DUE, THIS_YEAR, HomeFigure, LiaisonAppConfig, MenuEntry


class NetworksConfig(LiaisonAppConfig):
    name = "liaison.networks"
    label = "networks"
    verbose_name = _("Networks")
    menu = (
        MenuEntry(_("Networks"), "networks:network_list", "networks.view_network", order=200),
        MenuEntry(_("Memberships"), "networks:membership_list", "networks.view_membership", order=210),
    )
    home = (
        HomeFigure("networks.Network", "networks:network_list", order=200),
        HomeFigure("networks.MembershipPeriod", "networks:membership_list", order=200, section=DUE,
                   label=_("Applications waiting"), where=(("status", "applicant"), ("end_date__isnull", True)),
                   query="status=applicant"),
        HomeFigure("networks.MembershipPeriod", "networks:membership_list", order=200, section=THIS_YEAR,
                   label=_("New members"), where=(("status", "member"),), year_field="start_date"),
    )
    reference_after = ("partners",)
