from django.urls import path

from liaison.core.urls_helpers import object_urls

from . import views, views_documents

app_name = "events"

urlpatterns = [
    *object_urls("event", "events", views, "Event"),
    path("events/<int:pk>/statistics/", views.EventStatisticsView.as_view(), name="event_statistics"),
    path("events/<int:pk>/timetable/", views.TimetableView.as_view(), name="event_timetable"),
    path("events/<int:pk>/delegation/", views.DelegationView.as_view(), name="event_delegation"),
    path("events/<int:pk>/agenda/", views.AgendaView.as_view(), name="event_agenda"),
    path("events/<int:pk>/schedule/", views.ScheduleView.as_view(), name="event_schedule"),
    *object_urls("session", "sessions", views, "Session"),
    *object_urls("registration", "registrations", views, "Registration"),
    path("registrations/<int:pk>/move/", views.RegistrationMoveView.as_view(), name="registration_move"),
    *object_urls("meetingrequest", "meetings", views, "MeetingRequest"),
    path("meetings/<int:pk>/answer/", views.MeetingAnswerView.as_view(), name="meetingrequest_answer"),
    path("register/<str:token>/", views.PublicRegistrationView.as_view(), name="public_registration"),
    # An event's documents for its staff: badges, certificates, the participant list and its import.
    path("events/<int:pk>/badges/", views_documents.BadgesView.as_view(), name="event_badges"),
    path("events/<int:pk>/certificates/", views_documents.CertificatesView.as_view(), name="event_certificates"),
    path("events/<int:pk>/participants.xlsx", views_documents.ParticipantListView.as_view(),
         name="event_participants"),
    path("events/<int:pk>/participants/import/", views_documents.ParticipantImportView.as_view(),
         name="event_participant_import"),
]
