from django.utils.translation import gettext_lazy as _

from liaison.core.areas import HomeFigure, LiaisonAppConfig, MenuEntry


class NetworksConfig(LiaisonAppConfig):
    name = "liaison.networks"
    label = "networks"
    verbose_name = _("Networks")
    menu = (
        MenuEntry(_("Networks"), "networks:network_list", "networks.view_network", order=200),
        MenuEntry(_("Memberships"), "networks:membership_list", "networks.view_membership", order=210),
    )
    home = (HomeFigure("networks.Network", "networks:network_list", order=200),)
    reference_after = ("partners",)
