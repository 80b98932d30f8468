from django.urls import path

from liaison.core.urls_helpers import object_urls

from . import public, views

app_name = "visits"

urlpatterns = [
    *object_urls("delegation", "delegations", views, "Delegation"),
    path("delegations/<int:pk>/move/", views.DelegationMoveView.as_view(), name="delegation_move"),
    path("delegations/<int:pk>/programme/add/", views.ProgrammeItemAddView.as_view(), name="programme_add"),
    path("delegations/<int:pk>/visitors/add/", views.VisitorAddView.as_view(), name="visitor_add"),
    path("delegations/<int:pk>/visitors/import/", views.VisitorImportView.as_view(), name="visitor_import"),
    path("delegations/<int:pk>/itinerary.pdf", views.ItineraryView.as_view(), name="itinerary_pdf"),
    path("delegations/<int:pk>/itinerary.ics", views.ItineraryView.as_view(file_format="ics"), name="itinerary_ics"),
    path("programme/<int:pk>/edit/", views.ProgrammeItemEditView.as_view(), name="programmeitem_edit"),
    path("programme/<int:pk>/delete/", views.ProgrammeItemDeleteView.as_view(), name="programmeitem_delete"),
    path("visitors/<int:pk>/delete/", views.VisitorDeleteView.as_view(), name="visitor_delete"),
    *object_urls("mission", "missions", views, "Mission"),
    path("missions/<int:pk>/report/", views.MissionReportView.as_view(), name="mission_report"),
    path("missions/<int:pk>/actions/add/", views.MissionActionAddView.as_view(), name="missionaction_add"),
    path("actions/<int:pk>/status/", views.MissionActionStatusView.as_view(), name="missionaction_status"),
    *object_urls("jointproject", "projects", views, "JointProject"),
    path("projects/<int:pk>/partners/add/", views.PartnerAddView.as_view(), name="partner_add"),
    path("projects/<int:pk>/milestones/add/", views.MilestoneAddView.as_view(), name="milestone_add"),
    path("projects/<int:pk>/outputs/add/", views.OutputAddView.as_view(), name="output_add"),
    path("partners/<int:pk>/delete/", views.PartnerDeleteView.as_view(), name="projectpartner_delete"),
    path("milestones/<int:pk>/delete/", views.MilestoneDeleteView.as_view(), name="milestone_delete"),
    path("outputs/<int:pk>/delete/", views.OutputDeleteView.as_view(), name="projectoutput_delete"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("request/", public.PublicRequestView.as_view(), name="public_request"),
]
