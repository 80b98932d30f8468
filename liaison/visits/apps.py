from django.utils.translation import gettext_lazy as _

from liaison.core.areas import HomeFigure, LiaisonAppConfig, MenuEntry


class VisitsConfig(LiaisonAppConfig):
    name = "liaison.visits"
    label = "visits"
    verbose_name = _("Delegations")
    menu = (
        MenuEntry(_("Incoming delegations"), "visits:delegation_list", "visits.view_delegation", order=500),
        MenuEntry(_("Missions"), "visits:mission_list", "visits.view_mission", order=510),
        MenuEntry(_("Office calendar"), "core:calendar_month", "visits.view_delegation", order=515),
        MenuEntry(_("Joint projects"), "visits:jointproject_list", "visits.view_jointproject", order=520),
        MenuEntry(_("Statistics"), "visits:statistics", "visits.view_delegation", order=530),
    )
    home = (HomeFigure("visits.Delegation", "visits:delegation_list", order=500),
            HomeFigure("visits.Mission", "visits:mission_list", order=510))
    reference_after = ("partners", "events")
