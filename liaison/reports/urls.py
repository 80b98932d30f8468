from django.urls import path

from liaison.core.urls_helpers import object_urls

from . import views

app_name = "reports"

urlpatterns = [
    *object_urls("reportyear", "contents", views, "ReportYear"),
    path("chapter/", views.ChapterView.as_view(), name="chapter"),
    path("chapter/<int:pk>/file/", views.ChapterFileView.as_view(), name="chapter_file"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/chart.svg", views.DashboardChartView.as_view(), name="dashboard_chart"),
    path("dashboard/map.svg", views.PartnerMapView.as_view(), name="partner_map"),
]
