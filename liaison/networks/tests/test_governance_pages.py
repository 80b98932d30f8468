"""Pages to add, edit and delete a network's governing bodies, their terms and their meetings."""

import datetime

import pytest
from django.urls import reverse

from liaison.core.testing import ROLE_CAN, ROLES, changes_of, expect_for_role
from liaison.networks.models import Body, BodyMeeting, Term
from liaison.partners.tests.factories import OrganisationFactory

from .factories import BodyFactory, BodyMeetingFactory, NetworkFactory, TermFactory

D = datetime.date


def term_data(body, **overrides) -> dict:
    return {"body": body.pk, "holder": OrganisationFactory(name_en="Corruption Eradication Commission").pk,
            "role_title_en": "Vice-President", "role_title_zh_hant": "副主席", "start_date": "2023-06-01",
            "end_date": "", **overrides}


def meeting_data(body, **overrides) -> dict:
    return {"body": body.pk, "date": "2024-11-12", "title_en": "27th Executive Committee meeting",
            "title_zh_hant": "第二十七次執行委員會會議", "place_en": "Seoul", **overrides}


def body_data(network, **overrides) -> dict:
    return {"network": network.pk, "kind": "steering_committee", "name_en": "Steering Group",
            "name_zh_hant": "督導小組", "order": "2", **overrides}


# (url name prefix, model, factory, parent query parameter, the parent of a record, valid form data for a parent)
KINDS = {
    "body": ("networks:body", Body, BodyFactory, "network", lambda r: r.network, body_data),
    "term": ("networks:term", Term, TermFactory, "body", lambda r: r.body, term_data),
    "meeting": ("networks:bodymeeting", BodyMeeting, BodyMeetingFactory, "body", lambda r: r.body, meeting_data),
}


expect = expect_for_role


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_add_by_role(client_as, role, kind):
    prefix, model, factory, param, parent_of, data = KINDS[kind]
    parent = parent_of(factory())
    client = client_as(role)
    url = f"{reverse(prefix + '_add')}?{param}={parent.pk}"
    expect(role, "add", 200, client.get(url), record=False)
    before = model.objects.count()
    response = client.post(url, data(parent))
    expect(role, "add", 302, response, record=False)
    added = "add" in ROLE_CAN[role]
    assert model.objects.count() == before + (1 if added else 0)
    if added:
        created = model.objects.latest("pk")
        network = created.network if kind == "body" else created.body.network
        assert response["Location"] == network.get_absolute_url()
        record = changes_of(created, "create").get()
        assert record.source == "web" and record.related_object_id == network.pk


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_edit_by_role(client_as, role, kind):
    prefix, _model, factory, _param, parent_of, data = KINDS[kind]
    record = factory()
    response = client_as(role).post(reverse(prefix + "_edit", args=[record.pk]),
                                    {**data(parent_of(record)), "version": record.version})
    expect(role, "change", 302, response)
    assert changes_of(record, "update").exists() == ("change" in ROLE_CAN[role])


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
def test_delete_by_role(client_as, role, kind):
    prefix, model, factory, *_rest = KINDS[kind]
    record = factory()
    network_url = record.get_absolute_url()
    client = client_as(role)
    expect(role, "delete", 200, client.get(reverse(prefix + "_delete", args=[record.pk])))
    response = client.post(reverse(prefix + "_delete", args=[record.pk]))
    expect(role, "delete", 302, response)
    deleted = "delete" in ROLE_CAN[role]
    assert model.objects.filter(pk=record.pk).exists() == (not deleted)
    if deleted:
        assert response["Location"] == network_url
        assert changes_of(record, "delete").exists()


@pytest.mark.django_db
def test_viewer_gets_403_on_add(client_as):
    body = BodyFactory()
    client = client_as("viewer")
    assert client.get(f"/networks/terms/add/?body={body.pk}").status_code == 403
    assert client.post(f"/networks/terms/add/?body={body.pk}", term_data(body)).status_code == 403
    assert not Term.objects.exists()


@pytest.mark.django_db
def test_officer_adds_a_term_and_it_appears_on_the_network_page(client_as):
    network = NetworkFactory()
    body = BodyFactory(network=network, kind="president")
    client = client_as("officer")
    form = client.get(f"/networks/terms/add/?body={body.pk}").content.decode()
    assert f'<option value="{body.pk}" selected>' in form
    response = client.post(f"/networks/terms/add/?body={body.pk}", term_data(body))
    assert response.status_code == 302 and response["Location"] == network.get_absolute_url()
    term = Term.objects.get()
    assert term.body == body and term.role_title_zh_hant == "副主席"
    page = client.get(network.get_absolute_url()).content.decode()
    assert "Vice-President" in page and "Corruption Eradication Commission" in page and "2023-06-01" in page
    assert changes_of(term, "create").get().related_object_id == network.pk
    history = client.get(f"{network.get_absolute_url()}history/").content.decode()
    assert "Vice-President" in history


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused_and_nothing_is_written(client_as):
    body = BodyFactory()
    response = client_as("officer").post(f"/networks/terms/add/?body={body.pk}",
                                         term_data(body, start_date="2023-06-01", end_date="2023-01-01"))
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()
    assert not Term.objects.exists()


@pytest.mark.django_db
def test_a_stale_version_is_refused(client_as):
    term = TermFactory()
    client = client_as("officer")
    url = reverse("networks:term_edit", args=[term.pk])
    stale = {**term_data(term.body, role_title_en="Treasurer"), "version": term.version}
    assert client.post(url, stale).status_code == 302
    response = client.post(url, {**stale, "role_title_en": "Auditor"})
    assert response.status_code == 200
    assert "Someone else changed this record after you opened it" in response.content.decode()
    term.refresh_from_db()
    assert term.role_title_en == "Treasurer" and changes_of(term, "update").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["999999", "abc"])
@pytest.mark.parametrize("path", ["/networks/terms/add/?body=", "/networks/meetings/add/?body=",
                                  "/networks/bodies/add/?network="])
def test_an_unknown_parent_is_404(client_as, path, value):
    assert client_as("officer").get(path + value).status_code == 404


@pytest.mark.django_db
def test_a_body_is_added_to_the_network_of_the_query_whatever_the_form_says(client_as):
    network, other = NetworkFactory(), NetworkFactory()
    client = client_as("officer")
    assert "Add governing body" in client.get(f"/networks/bodies/add/?network={network.pk}").content.decode()
    response = client.post(f"/networks/bodies/add/?network={network.pk}", body_data(other))
    assert response.status_code == 302
    assert Body.objects.get().network == network


@pytest.mark.django_db
def test_a_term_cannot_move_to_a_body_of_another_network(client_as):
    body, elsewhere = BodyFactory(), BodyFactory()
    response = client_as("officer").post(f"/networks/terms/add/?body={body.pk}", term_data(elsewhere))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Term.objects.exists()


@pytest.mark.django_db
def test_officer_edits_a_meeting(client_as):
    meeting = BodyMeetingFactory()
    client = client_as("officer")
    url = reverse("networks:bodymeeting_edit", args=[meeting.pk])
    assert "Executive Committee meeting" in client.get(url).content.decode()
    response = client.post(url, {**meeting_data(meeting.body, place_en="Macao"), "version": meeting.version})
    assert response.status_code == 302
    version = meeting.version
    meeting.refresh_from_db()
    assert meeting.place_en == "Macao" and meeting.version == version + 1


@pytest.mark.django_db
def test_deleting_a_body_logs_its_terms_and_meetings(client_as):
    term = TermFactory()
    body = term.body
    meeting = BodyMeetingFactory(body=body)
    response = client_as("manager").post(reverse("networks:body_delete", args=[body.pk]))
    assert response.status_code == 302
    assert not Body.objects.exists() and not Term.objects.exists() and not BodyMeeting.objects.exists()
    for record in (body, term, meeting):
        assert changes_of(record, "delete").get().related_object_id == body.network_id


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["viewer", "officer", "manager"])
def test_network_page_offers_the_links_the_role_may_use(client_as, role):
    term = TermFactory()
    meeting = BodyMeetingFactory(body=term.body)
    page = client_as(role).get(term.body.network.get_absolute_url()).content.decode()
    links = {
        "add": [f"/networks/bodies/add/?network={term.body.network_id}", f"/networks/terms/add/?body={term.body_id}",
                f"/networks/meetings/add/?body={term.body_id}"],
        "change": [f"/networks/bodies/{term.body_id}/edit/", f"/networks/terms/{term.pk}/edit/",
                   f"/networks/meetings/{meeting.pk}/edit/"],
        "delete": [f"/networks/bodies/{term.body_id}/delete/", f"/networks/terms/{term.pk}/delete/",
                   f"/networks/meetings/{meeting.pk}/delete/"],
    }
    for action, urls in links.items():
        for url in urls:
            assert (url in page) == (action in ROLE_CAN[role]), (action, url)
