"""Compartment pages (members and those who manage every team) and the access log page (auditors only)."""

import pytest
from django.test import Client

from liaison.cooperation import services
from liaison.cooperation.models import AccessEntry, AssistanceRequest, Compartment
from liaison.core.access import restrict
from liaison.core.models import ChangeRecord
from liaison.core.testing import make_user

from .factories import CompartmentFactory


def file_request(member, compartment) -> AssistanceRequest:
    return services.create_request(member, {
        "compartment": compartment, "direction": "outgoing", "channel": "mla", "request_type": "evidence",
        "subject_en": "Heron inquiry", "our_reference": "HERON-1", "marking": "amber"})


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def teams(db):
    alice, bob = make_user("officer"), make_user("officer")
    herons = CompartmentFactory(name_en="Herons", name_zh_hant="鷺鳥組", members=[alice])
    owls = CompartmentFactory(name_en="Owls", name_zh_hant="貓頭鷹組", members=[bob])
    file_request(alice, herons)
    return alice, bob, herons, owls


@pytest.mark.django_db
def test_members_see_their_own_teams_and_administrators_every_team_but_no_request(teams, member_client):
    alice, bob, herons, owls = teams
    as_alice = member_client(alice)
    page = as_alice.get("/cooperation/compartments/").content.decode()
    assert "Herons" in page and "Owls" not in page
    assert as_alice.get(f"/cooperation/compartments/{owls.pk}/").status_code == 404

    administrator = make_user("administrator")
    listing = signed_in(administrator).get("/cooperation/compartments/").content.decode()
    assert "Herons" in listing and "Owls" in listing
    detail = signed_in(administrator).get(f"/cooperation/compartments/{herons.pk}/")
    assert detail.status_code == 200 and alice.username in detail.content.decode()
    assert detail.context["request_count"] == 0  # managing a team is not reading its cases
    assert as_alice.get(f"/cooperation/compartments/{herons.pk}/").context["request_count"] == 1


@pytest.mark.django_db
def test_a_member_brings_a_colleague_in_and_the_change_is_in_the_history(teams, member_client):
    alice, bob, herons, _owls = teams
    assert not restrict(AssistanceRequest.objects.all(), bob).exists()
    response = member_client(alice).post(f"/cooperation/compartments/{herons.pk}/edit/", {
        "name_en": "Herons", "name_zh_hant": "鷺鳥組", "members": [alice.pk, bob.pk], "version": herons.version})
    assert response.status_code == 302
    assert restrict(AssistanceRequest.objects.all(), bob).count() == 1
    assert ChangeRecord.objects.filter(object_id=str(herons.pk), content_type__model="compartment").count() >= 1


@pytest.mark.django_db
def test_a_member_who_leaves_is_sent_to_the_list_not_to_a_page_they_may_no_longer_see(teams, member_client):
    alice, bob, herons, _owls = teams
    response = member_client(alice).post(f"/cooperation/compartments/{herons.pk}/edit/", {
        "name_en": "Herons", "name_zh_hant": "鷺鳥組", "members": [bob.pk], "version": herons.version})
    assert response.status_code == 302 and response["Location"] == "/cooperation/compartments/"
    assert list(herons.members.all()) == [bob]


@pytest.mark.django_db
def test_the_maker_of_a_team_is_one_of_its_members(teams, member_client):
    alice, bob, _herons, _owls = teams
    response = member_client(alice).post("/cooperation/compartments/add/", {
        "name_en": "Kites", "name_zh_hant": "鳶組", "members": [bob.pk]})
    assert response.status_code == 302
    assert set(Compartment.objects.get(name_en="Kites").members.all()) == {alice, bob}


@pytest.mark.django_db
def test_a_team_holding_requests_is_not_deleted(teams):
    _alice, _bob, herons, _owls = teams
    response = signed_in(make_user("administrator")).post(f"/cooperation/compartments/{herons.pk}/delete/",
                                                          {"version": herons.version}, follow=True)
    assert "was not deleted" in response.content.decode()
    assert Compartment.objects.filter(pk=herons.pk).exists()


@pytest.mark.django_db
def test_auditors_read_the_access_log_and_nobody_else(teams, member_client):
    alice, _bob, herons, _owls = teams
    request = AssistanceRequest.plain.get()
    as_alice = member_client(alice)
    assert as_alice.get(request.get_absolute_url()).status_code == 200
    assert AccessEntry.plain.filter(user=alice, kind="view").exists()

    assert as_alice.get("/cooperation/access-log/").status_code == 403
    assert signed_in(make_user("manager")).get("/cooperation/access-log/").status_code == 403

    auditor = signed_in(make_user("administrator"))
    page = auditor.get("/cooperation/access-log/").content.decode()
    assert alice.username in page and f"#{request.pk}" in page
    assert alice.username not in auditor.get("/cooperation/access-log/", {"kind": "download"}).content.decode()
    auditor.cookies["django_language"] = "zh-hant"
    chinese = auditor.get("/cooperation/access-log/").content.decode()
    assert "存取紀錄" in chinese or "查閱紀錄" in chinese
