from django.urls import path

from liaison.core.urls_helpers import object_urls

from . import importers, views

app_name = "networks"

urlpatterns = [
    *object_urls("network", "networks", views, "Network"),
    path("networks/<int:pk>/growth.svg", views.NetworkGrowthView.as_view(), name="network_growth"),
    path("networks/<int:pk>/map.svg", views.NetworkMapView.as_view(), name="network_map"),
    path("networks/<int:pk>/members.xlsx", views.NetworkMembersExportView.as_view(), name="network_members_export"),
    path("networks/<int:pk>/members.csv", views.NetworkMembersExportView.as_view(file_format="csv"),
         name="network_members_csv"),
    *object_urls("membership", "memberships", views, "Membership"),
    path("memberships/<int:pk>/status/", views.MembershipStatusView.as_view(), name="membership_status"),
    *object_urls("body", "bodies", views, "Body"),
    *object_urls("term", "terms", views, "Term"),
    *object_urls("bodymeeting", "meetings", views, "BodyMeeting"),
    path("memberships/import/", importers.MembershipImportView.as_view(), name="membership_import"),
]
