"""The pages that set an event up: invitations, meeting rooms and slots, availability, course evaluations, the
review of proposed organisations; and the purge command."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from liaison.core import tokens
from liaison.core.testing import changes_of, hide
from liaison.events.choices import EventKind
from liaison.events.models import (
    Availability,
    CourseEvaluation,
    Event,
    Invitation,
    MeetingRoom,
    MeetingSlot,
    Registration,
)
from liaison.events.tests.factories import (
    CourseEvaluationFactory,
    EventFactory,
    InvitationFactory,
    MeetingRequestFactory,
    MeetingRoomFactory,
    MeetingSlotFactory,
    RegistrationFactory,
)
from liaison.partners.models import Organisation
from liaison.partners.tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# --- Invitations ------------------------------------------------------------------------------------------------


def test_a_new_invitation_shows_its_link_once_and_keeps_only_its_hash(client_as):
    event, organisation = EventFactory(), OrganisationFactory()
    officer = client_as("officer")
    page = officer.post(f"/events/events/{event.pk}/invitations/",
                        {"organisation": organisation.pk, "quota": 4, "days": 10}).content.decode()
    link = re.search(r'value="(https?://[^"]+/events/register/([^"/]+)/)"', page)
    assert link, page
    secret = link.group(2)
    invitation = Invitation.objects.get(event=event)
    assert invitation.token_hash == tokens.digest(secret) and secret not in invitation.token_hash
    assert invitation.quota == 4 and invitation.organisation == organisation
    assert (invitation.expires - timezone.now()).days in (9, 10)
    again = officer.get(f"/events/events/{event.pk}/invitations/").content.decode()
    assert secret not in again and "0 / 4" in again
    assert officer.get(f"/events/register/{secret}/").status_code == 200


def test_a_bad_invitation_form_says_why_and_writes_nothing(client_as):
    event = EventFactory()
    response = client_as("officer").post(f"/events/events/{event.pk}/invitations/", {"quota": 0, "days": 9999})
    assert response.status_code == 200 and "errors" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_viewer_sees_the_invitations_but_cannot_make_one(client_as):
    invitation = InvitationFactory()
    viewer = client_as("viewer")
    page = viewer.get(f"/events/events/{invitation.event.pk}/invitations/")
    assert page.status_code == 200 and str(invitation.organisation) in page.content.decode()
    assert "Make the invitation link" not in page.content.decode()
    assert viewer.post(f"/events/events/{invitation.event.pk}/invitations/", {"quota": 2, "days": 3}).status_code == 403
    assert viewer.post(f"/events/invitations/{invitation.pk}/revoke/", {"version": 1}).status_code == 403
    assert client_as("none").get(f"/events/events/{invitation.event.pk}/invitations/").status_code == 404


def test_revoking_ends_the_link_and_extending_keeps_it_longer(client_as, client):
    event = EventFactory()
    invitation = InvitationFactory(event=event, token_hash=tokens.digest("the-secret"))
    officer = client_as("officer")
    response = officer.post(f"/events/invitations/{invitation.pk}/revoke/", {"version": invitation.version})
    assert response.status_code == 302 and response["Location"] == f"/events/events/{event.pk}/invitations/"
    assert client.get("/events/register/the-secret/").status_code == 404
    invitation.refresh_from_db()
    response = officer.post(f"/events/invitations/{invitation.pk}/extend/", {"version": invitation.version,
                                                                              "days": 7})
    invitation.refresh_from_db()
    assert invitation.expires > timezone.now() + datetime.timedelta(days=6)
    assert client.get("/events/register/the-secret/").status_code == 200
    assert changes_of(invitation, "update").count() == 2


def test_a_stale_extension_is_refused_and_changes_nothing(client_as):
    invitation = InvitationFactory()
    expires = invitation.expires
    response = client_as("officer").post(f"/events/invitations/{invitation.pk}/extend/",
                                         {"version": invitation.version + 1, "days": 7})
    assert any("Someone else changed this record" in text for text in said(response))
    invitation.refresh_from_db()
    assert invitation.expires == expires


# --- Meeting rooms and slots ------------------------------------------------------------------------------------


def test_rooms_are_added_renamed_and_a_duplicate_is_refused(client_as):
    event = EventFactory()
    officer = client_as("officer")
    officer.post(f"/events/events/{event.pk}/rooms/add/", {"name": "Harbour room", "capacity": 6})
    room = MeetingRoom.objects.get(event=event)
    response = officer.post(f"/events/events/{event.pk}/rooms/add/", {"name": "Harbour room", "capacity": 6})
    assert said(response) and MeetingRoom.objects.filter(event=event).count() == 1
    officer.post(f"/events/rooms/{room.pk}/edit/", {"name": "Peak room", "capacity": 10, "version": room.version})
    room.refresh_from_db()
    assert (room.name, room.capacity) == ("Peak room", 10)
    page = officer.get(f"/events/events/{event.pk}/rooms/").content.decode()
    assert "Peak room" in page


def test_a_days_slots_are_made_in_one_go_and_an_overlap_makes_none(client_as):
    event = EventFactory()
    officer = client_as("officer")
    day = event.start_date.isoformat()
    response = officer.post(f"/events/events/{event.pk}/slots/day/",
                            {"date": day, "start": "09:00", "end": "12:10", "minutes": 30})
    assert "6 slots added" in said(response)[-1]
    assert [slot.start.strftime("%H:%M") for slot in MeetingSlot.objects.filter(event=event)] == [
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    response = officer.post(f"/events/events/{event.pk}/slots/day/",
                            {"date": day, "start": "11:45", "end": "14:00", "minutes": 45})
    assert "overlaps" in said(response)[-1] and MeetingSlot.objects.filter(event=event).count() == 6
    outside = (event.end_date + datetime.timedelta(days=5)).isoformat()
    response = officer.post(f"/events/events/{event.pk}/slots/day/",
                            {"date": outside, "start": "09:00", "end": "10:00", "minutes": 30})
    assert "outside the event" in " ".join(said(response)) and MeetingSlot.objects.filter(event=event).count() == 6


def test_a_room_or_slot_a_scheduled_meeting_uses_is_not_deleted(client_as):
    event = EventFactory()
    room, slot = MeetingRoomFactory(event=event), MeetingSlotFactory(event=event)
    spare = MeetingRoomFactory(event=event)
    meeting = MeetingRequestFactory(event=event, status="accepted")
    meeting.slot, meeting.room = slot, room
    meeting.save()
    manager = client_as("manager")
    assert "scheduled meetings" in said(manager.post(f"/events/rooms/{room.pk}/delete/"))[-1]
    assert "scheduled meetings" in said(manager.post(f"/events/slots/{slot.pk}/delete/"))[-1]
    assert MeetingRoom.objects.filter(pk=room.pk).exists() and MeetingSlot.objects.filter(pk=slot.pk).exists()
    manager.post(f"/events/rooms/{spare.pk}/delete/")
    assert not MeetingRoom.objects.filter(pk=spare.pk).exists()
    assert client_as("officer").post(f"/events/rooms/{room.pk}/delete/").status_code == 403


def test_a_viewer_sees_rooms_and_slots_without_forms(client_as):
    slot = MeetingSlotFactory()
    viewer = client_as("viewer")
    page = viewer.get(f"/events/events/{slot.event.pk}/rooms/").content.decode()
    assert slot.start.strftime("%H:%M") in page and "Add a room" not in page
    assert viewer.post(f"/events/events/{slot.event.pk}/rooms/add/", {"name": "X", "capacity": 2}).status_code == 403


# --- Availability -----------------------------------------------------------------------------------------------


def availability_case():
    event = EventFactory()
    slots = [MeetingSlotFactory(event=event, start=datetime.time(9 + n), end=datetime.time(9 + n, 45))
             for n in range(3)]
    delegation, host = OrganisationFactory(name_en="Agency of Ruritania"), ContactFactory()
    meeting = MeetingRequestFactory(event=event, requester=delegation)
    meeting.hosts.set([host])
    return event, slots, delegation, host


def test_availability_is_stated_in_a_grid_and_all_ticked_means_free_throughout(client_as):
    event, slots, delegation, host = availability_case()
    officer = client_as("officer")
    page = officer.get(f"/events/events/{event.pk}/availability/").content.decode()
    assert "Agency of Ruritania" in page and page.count('type="checkbox"') == 6 and page.count(" checked") == 6
    shown = [f"org-{delegation.pk}", f"host-{host.pk}"]
    officer.post(f"/events/events/{event.pk}/availability/", {
        "shown": shown, f"org-{delegation.pk}": [slots[0].pk, slots[2].pk], f"host-{host.pk}": [s.pk for s in slots]})
    assert set(Availability.objects.filter(organisation=delegation).values_list("slot", flat=True)) == {
        slots[0].pk, slots[2].pk}
    assert not Availability.objects.filter(host=host).exists()
    page = officer.get(f"/events/events/{event.pk}/availability/").content.decode()
    assert page.count(" checked") == 5


def test_nobody_is_left_without_a_free_slot_and_then_nothing_is_written(client_as):
    event, slots, delegation, host = availability_case()
    response = client_as("officer").post(f"/events/events/{event.pk}/availability/", {
        "shown": [f"org-{delegation.pk}", f"host-{host.pk}"], f"org-{delegation.pk}": [slots[1].pk]})
    assert "at least one slot" in said(response)[-1]
    assert not Availability.objects.exists()
    assert client_as("viewer").post(f"/events/events/{event.pk}/availability/", {}).status_code == 403


# --- Course evaluations -----------------------------------------------------------------------------------------


def test_paper_evaluations_are_entered_and_summarised(client_as):
    course = EventFactory(kind=EventKind.COURSE)
    officer = client_as("officer")
    for overall, relevance, comments in ((5, 4, "Very practical"), (3, 4, ""), (4, 5, "More case studies")):
        response = officer.post(f"/events/events/{course.pk}/evaluations/",
                                {"overall": overall, "relevance": relevance, "comments": comments})
        assert response.status_code == 302
    page = client_as("viewer").get(f"/events/events/{course.pk}/evaluations/").content.decode()
    assert 'id="evaluation-count">3<' in page and 'id="evaluation-overall">4.0<' in page
    assert 'id="evaluation-relevance">4.3<' in page and "More case studies" in page and "Very practical" in page
    assert "<td>Very good</td><td>1</td><td>2</td>" in page


def test_a_bad_evaluation_or_one_of_another_kind_of_event_is_refused(client_as):
    course, symposium = EventFactory(kind=EventKind.COURSE), EventFactory()
    officer = client_as("officer")
    assert officer.post(f"/events/events/{course.pk}/evaluations/", {"overall": 9, "relevance": 1}).status_code == 400
    response = officer.post(f"/events/events/{symposium.pk}/evaluations/", {"overall": 3, "relevance": 3})
    assert response.status_code == 400 and "training courses only" in response.content.decode()
    assert not CourseEvaluation.objects.exists()
    assert client_as("viewer").post(f"/events/events/{course.pk}/evaluations/",
                                    {"overall": 3, "relevance": 3}).status_code == 403


# --- Proposed organisations -------------------------------------------------------------------------------------


def proposed_case(client):
    """Two delegates register through an open invitation, proposing an organisation not in the registry."""
    event = EventFactory()
    InvitationFactory(event=event, organisation=None, token_hash=tokens.digest("open-link"), quota=5)
    for name in ("Ann Lee", "Bo Chan"):
        client.post("/events/register/open-link/", {
            "name_en": name, "proposed_organisation": "Integrity Office of Atlantis", "role": "delegate",
            "email": f"{name.split()[0].lower()}@atlantis.example", "language": "en"})
    return event


def test_the_public_form_leaves_a_proposed_organisation_pending_for_review(client, client_as):
    proposed_case(client)
    assert Registration.objects.filter(organisation__isnull=True,
                                       proposed_organisation="Integrity Office of Atlantis").count() == 2
    page = client_as("officer").get("/events/proposed-organisations/").content.decode()
    assert "Integrity Office of Atlantis" in page and ">2</a>" in page
    assert client_as("viewer").get("/events/proposed-organisations/").status_code == 403


def test_a_proposed_organisation_is_matched_to_the_registry(client, client_as):
    proposed_case(client)
    known = OrganisationFactory(name_en="Atlantis Integrity Office")
    response = client_as("officer").post("/events/proposed-organisations/match/", {
        "proposed": "Integrity Office of Atlantis", "organisation": known.pk})
    assert "2 registrations linked" in said(response)[-1]
    assert set(Registration.objects.values_list("organisation", "proposed_organisation")) == {(known.pk, "")}


def test_a_proposed_organisation_is_entered_in_the_registry(client, client_as):
    proposed_case(client)
    officer = client_as("officer")
    response = officer.post("/events/proposed-organisations/create/", {
        "proposed": "Integrity Office of Atlantis", "kind": "aca", "name_en": "", "name_zh_hant": ""})
    assert said(response) and not Organisation.objects.filter(name_en="Integrity Office of Atlantis").exists()
    response = officer.post("/events/proposed-organisations/create/", {
        "proposed": "Integrity Office of Atlantis", "kind": "aca", "name_en": "Integrity Office of Atlantis",
        "name_zh_hant": "亞特蘭提斯廉政辦公室"})
    made = Organisation.objects.get(name_en="Integrity Office of Atlantis")
    assert made.name_zh_hant == "亞特蘭提斯廉政辦公室" and changes_of(made, "create").exists()
    assert set(Registration.objects.values_list("organisation", flat=True)) == {made.pk}
    assert "No proposed organisations" in officer.get("/events/proposed-organisations/").content.decode()
    again = officer.post("/events/proposed-organisations/match/", {
        "proposed": "Integrity Office of Atlantis", "organisation": made.pk})
    assert "any longer" in said(again)[-1]


# --- Purge command ----------------------------------------------------------------------------------------------


def test_purge_participants_purges_the_events_due_once_and_keeps_the_figures(capsys):
    past = timezone.localdate() - datetime.timedelta(days=1)
    due, kept = EventFactory(retention_date=past), EventFactory(retention_date=past + datetime.timedelta(days=30))
    for _n in range(3):
        RegistrationFactory(event=due)
    RegistrationFactory(event=kept)
    call_command("purge_participants")
    out = capsys.readouterr().out
    assert f"{due}" in out and "3 participants purged" in out and f"{kept}" not in out
    assert Registration.objects.filter(event=due, purged=True, name_en="", email="").count() == 3
    assert Registration.objects.filter(event=kept, purged=False).count() == 1
    assert Event.objects.get(pk=due.pk).purged_on == timezone.localdate()
    call_command("purge_participants")
    assert "No event" in capsys.readouterr().out


# --- Query counts -----------------------------------------------------------------------------------------------


def grown(count: int) -> Event:
    """An event with `count` of each: invitations, rooms, slots, delegations asking to meet, evaluations."""
    event = EventFactory(kind=EventKind.COURSE)
    for n in range(count):
        InvitationFactory(event=event)
        MeetingRoomFactory(event=event)
        MeetingSlotFactory(event=event, date=event.start_date + datetime.timedelta(days=n % 3),
                           start=datetime.time(8 + n // 3), end=datetime.time(8 + n // 3, 30))
        MeetingRequestFactory(event=event).hosts.set([ContactFactory()])
        CourseEvaluationFactory(event=event, comments=f"Comment {n}")
        RegistrationFactory(event=event, organisation=None, proposed_organisation=f"Proposed {n}")
    return event


@pytest.mark.parametrize("page", ["invitations", "rooms", "availability", "evaluations", "proposed"])
def test_query_counts_do_not_grow_with_the_records(page, client_as):
    client = client_as("manager")
    url = "/events/proposed-organisations/" if page == "proposed" else f"/events/events/{{}}/{page}/"
    few = queries(client, url.format(grown(2).pk))
    assert few == queries(client, url.format(grown(12).pk))


def test_a_proposal_made_through_an_organisations_invitation_waits_for_review_too(client, client_as):
    invited = OrganisationFactory(name_en="Invited Agency")
    event = EventFactory()
    InvitationFactory(event=event, organisation=invited, token_hash=tokens.digest("org-link"))
    client.post("/events/register/org-link/", {
        "name_en": "Cy Wong", "proposed_organisation": "Anti-Graft Unit of Atlantis", "role": "delegate",
        "email": "cy@atlantis.example", "language": "en"})
    assert Registration.objects.get(name_en="Cy Wong").organisation == invited
    officer = client_as("officer")
    assert "Anti-Graft Unit of Atlantis" in officer.get("/events/proposed-organisations/").content.decode()
    other = OrganisationFactory(name_en="Atlantis Anti-Graft Unit")
    officer.post("/events/proposed-organisations/match/", {"proposed": "Anti-Graft Unit of Atlantis",
                                                           "organisation": other.pk})
    assert Registration.objects.get(name_en="Cy Wong").organisation == other


def test_the_setup_pages_speak_chinese(client_as):
    event = EventFactory(kind=EventKind.COURSE)
    client = client_as("manager")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    rooms = client.get(f"/events/events/{event.pk}/rooms/").content.decode()
    assert "新增會議室" in rooms and "一次過新增一天的時段" in rooms and "Add a room" not in rooms
    invitations = client.get(f"/events/events/{event.pk}/invitations/").content.decode()
    assert "製作邀請連結" in invitations and "尚未有邀請。" in invitations
    evaluations = client.get(f"/events/events/{event.pk}/evaluations/").content.decode()
    assert "輸入紙本評估表" in evaluations


def test_an_invitations_organisation_hidden_from_the_user_is_not_named(client_as, monkeypatch):
    invitation = InvitationFactory(organisation=OrganisationFactory(name_en="Secret Partner Bureau"))
    hide(monkeypatch, invitation.organisation)
    page = client_as("manager").get(f"/events/events/{invitation.event.pk}/invitations/").content.decode()
    assert "Secret Partner Bureau" not in page and "0 / 3" in page
