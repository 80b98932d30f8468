from django.urls import path

from . import views_calendar, views_jobs, views_search
from . import views_reference as views
from .lookups import lookup_urls

app_name = "core"

urlpatterns = [
    path("jurisdictions/", views.JurisdictionListView.as_view(), name="jurisdiction_list"),
    path("jurisdictions/<int:pk>/", views.JurisdictionDetailView.as_view(), name="jurisdiction"),
    path("jurisdictions/<int:pk>/history/", views.JurisdictionHistoryView.as_view(), name="jurisdiction_history"),
    path("search/", views_search.SearchView.as_view(), name="search"),
    path("calendar/", views_calendar.MonthView.as_view(), name="calendar_month"),
    path("calendar/week/", views_calendar.WeekView.as_view(), name="calendar_week"),
    path("calendar/office.ics", views_calendar.CalendarIcsView.as_view(), name="calendar_ics"),
    path("calendar/feed/", views_calendar.FeedView.as_view(), name="calendar_feed"),
    path("jobs/", views_jobs.JobListView.as_view(), name="job_list"),
    path("jobs/<int:pk>/", views_jobs.JobDetailView.as_view(), name="job"),
    path("jobs/<int:pk>/status/", views_jobs.JobStatusView.as_view(), name="job_status"),
    path("jobs/<int:pk>/cancel/", views_jobs.JobCancelView.as_view(), name="job_cancel"),
    path("jobs/<int:pk>/file/", views_jobs.JobFileView.as_view(), name="job_file"),
    *lookup_urls(),
]
