from django.urls import path

from liaison.core.urls_helpers import object_urls

from . import views, views_documents, views_setup

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
    # Setting an event up: invitations, meeting rooms and slots, availability, evaluations, proposed organisations.
    path("events/<int:pk>/invitations/", views_setup.EventInvitationsView.as_view(), name="event_invitations"),
    path("invitations/<int:pk>/revoke/", views_setup.InvitationRevokeView.as_view(), name="invitation_revoke"),
    path("invitations/<int:pk>/extend/", views_setup.InvitationExtendView.as_view(), name="invitation_extend"),
    path("events/<int:pk>/rooms/", views_setup.EventRoomsView.as_view(), name="event_rooms"),
    path("events/<int:pk>/rooms/add/", views_setup.RoomAddView.as_view(), name="event_room_add"),
    path("events/<int:pk>/slots/add/", views_setup.SlotAddView.as_view(), name="event_slot_add"),
    path("events/<int:pk>/slots/day/", views_setup.DaySlotsView.as_view(), name="event_day_slots"),
    path("rooms/<int:pk>/edit/", views_setup.RoomEditView.as_view(), name="meetingroom_edit"),
    path("rooms/<int:pk>/delete/", views_setup.RoomDeleteView.as_view(), name="meetingroom_delete"),
    path("slots/<int:pk>/edit/", views_setup.SlotEditView.as_view(), name="meetingslot_edit"),
    path("slots/<int:pk>/delete/", views_setup.SlotDeleteView.as_view(), name="meetingslot_delete"),
    path("events/<int:pk>/availability/", views_setup.EventAvailabilityView.as_view(), name="event_availability"),
    path("events/<int:pk>/evaluations/", views_setup.EventEvaluationsView.as_view(), name="event_evaluations"),
    path("proposed-organisations/", views_setup.ProposedOrganisationsView.as_view(), name="proposed_organisations"),
    path("proposed-organisations/match/", views_setup.ProposedOrganisationMatchView.as_view(),
         name="proposed_organisation_match"),
    path("proposed-organisations/create/", views_setup.ProposedOrganisationCreateView.as_view(),
         name="proposed_organisation_create"),
]
