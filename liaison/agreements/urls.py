from django.urls import path

from liaison.core.urls_helpers import object_urls

from . import views

app_name = "agreements"

urlpatterns = [
    *object_urls("agreement", "agreements", views, "Agreement"),
    path("agreements/<int:pk>/move/", views.AgreementMoveView.as_view(), name="agreement_move"),
    path("agreements/<int:pk>/documents/add/", views.DocumentUploadView.as_view(), name="document_add"),
    path("agreements/<int:pk>/actions/add/", views.FollowUpActionAddView.as_view(), name="action_add"),
    path("parties/<int:pk>/edit/", views.PartyEditView.as_view(), name="party_edit"),
    path("documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="document_download"),
    path("documents/<int:pk>/delete/", views.DocumentDeleteView.as_view(), name="document_delete"),
    path("actions/", views.FollowUpActionListView.as_view(), name="followupaction_list"),
    path("actions/mine/", views.MyActionsView.as_view(), name="my_actions"),
    path("actions/<int:pk>/edit/", views.FollowUpActionEditView.as_view(), name="followupaction_edit"),
    path("actions/<int:pk>/delete/", views.FollowUpActionDeleteView.as_view(), name="followupaction_delete"),
    path("actions/<int:pk>/status/", views.FollowUpActionStatusView.as_view(), name="action_status"),
    path("reminders/", views.RemindersView.as_view(), name="reminders"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("coverage/map.svg", views.CoverageMapView.as_view(), name="coverage_map"),
    path("coverage/years.svg", views.CoverageYearsView.as_view(), name="coverage_years"),
]
