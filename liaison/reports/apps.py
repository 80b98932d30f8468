from django.utils.translation import gettext_lazy as _

from liaison.core.areas import LiaisonAppConfig, MenuEntry


class ReportsConfig(LiaisonAppConfig):
    name = "liaison.reports"
    label = "reports"
    verbose_name = _("Reports")
    menu = (
        MenuEntry(_("Annual chapter"), "reports:chapter", "reports.view_reportyear", order=800),
        MenuEntry(_("Dashboard"), "reports:dashboard", "reports.view_reportyear", order=810),
        MenuEntry(_("Chapter contents"), "reports:reportyear_list", "reports.view_reportyear", order=820),
    )
