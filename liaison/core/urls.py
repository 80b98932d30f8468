from django.urls import path

from . import views_jobs
from . import views_reference as views
from .lookups import lookup_urls

app_name = "core"

urlpatterns = [
    path("jurisdictions/", views.JurisdictionListView.as_view(), name="jurisdiction_list"),
    path("jurisdictions/<int:pk>/", views.JurisdictionDetailView.as_view(), name="jurisdiction"),
    path("jurisdictions/<int:pk>/history/", views.JurisdictionHistoryView.as_view(), name="jurisdiction_history"),
    path("jobs/", views_jobs.JobListView.as_view(), name="job_list"),
    path("jobs/<int:pk>/", views_jobs.JobDetailView.as_view(), name="job"),
    path("jobs/<int:pk>/status/", views_jobs.JobStatusView.as_view(), name="job_status"),
    *lookup_urls(),
]
