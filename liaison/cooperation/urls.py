from django.urls import path

from liaison.core.urls_helpers import object_urls

from . import views

app_name = "cooperation"

urlpatterns = [
    *object_urls("assistancerequest", "requests", views, "AssistanceRequest"),
    path("requests/<int:pk>/history/", views.RequestHistoryView.as_view(), name="assistancerequest_history"),
    path("requests/<int:pk>/move/", views.AssistanceRequestMoveView.as_view(), name="assistancerequest_move"),
    path("requests/<int:pk>/correspondence/add/", views.CorrespondenceAddView.as_view(), name="correspondence_add"),
    path("requests/<int:pk>/attachments/add/", views.AttachmentAddView.as_view(), name="attachment_add"),
    path("requests/<int:pk>/marking/", views.MarkingChangeAddView.as_view(), name="markingchange_add"),
    path("marking-changes/<int:pk>/decide/", views.MarkingChangeDecideView.as_view(), name="markingchange_decide"),
    path("attachments/<int:pk>/download/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("deadlines/", views.DeadlinesView.as_view(), name="deadlines"),
    *object_urls("compartment", "compartments", views, "Compartment"),
    path("access-log/", views.AccessLogView.as_view(), name="access_log"),
    path("second-factor/", views.SecondFactorView.as_view(), name="second_factor"),
]
