from django.urls import path

from . import views_reference as views

app_name = "core"

urlpatterns = [
    path("jurisdictions/", views.JurisdictionListView.as_view(), name="jurisdiction_list"),
    path("jurisdictions/<int:pk>/", views.JurisdictionDetailView.as_view(), name="jurisdiction"),
    path("jurisdictions/<int:pk>/history/", views.JurisdictionHistoryView.as_view(), name="jurisdiction_history"),
]
