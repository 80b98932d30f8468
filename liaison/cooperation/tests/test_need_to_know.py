"""Need-to-know, proven by a generated matrix: role × compartment membership × marking × every access path.

A member sees the request wherever it can be seen; anyone else — whatever their role, administrators
included, whatever the marking (CLEAR too) — finds no trace of it: 404 (never 403) on the paths that name it,
absent from lists, search, counts, exports, deadlines, choices and the API, and the figures do not count it.
"""

import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from liaison.cooperation import services
from liaison.cooperation.choices import Marking
from liaison.cooperation.models import AssistanceRequest, UnrestrictedQueryError
from liaison.core.access import restrict
from liaison.core.testing import api_client_for, make_user

from .factories import AttachmentFactory, CompartmentFactory, CorrespondenceFactory

ROLES = ("viewer", "officer", "manager", "administrator")
SUBJECT = "Zebrafinch laundering inquiry"


def build_request(marking: str, member) -> AssistanceRequest:
    compartment = CompartmentFactory(members=[member])
    request = services.create_request(member, {
        "compartment": compartment, "direction": "outgoing", "channel": "mla", "request_type": "evidence",
        "subject_en": SUBJECT, "our_reference": "ZEBRA-7", "marking": marking,
        "due_on": timezone.localdate() + datetime.timedelta(days=3),
    })
    services.move(member, request, "sent")
    CorrespondenceFactory(request=request, marking=marking, summary="Zebrafinch letter")
    AttachmentFactory(request=request, marking=marking)
    return AssistanceRequest.plain.get(pk=request.pk)


def export_text(client) -> str:
    response = client.get("/cooperation/requests/", {"export": "xlsx"})
    assert response.status_code == 200, response.status_code
    sheet = load_workbook(io.BytesIO(response.content)).active
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


@pytest.mark.django_db
@pytest.mark.parametrize("marking", Marking.values)
@pytest.mark.parametrize("member", [True, False], ids=["member", "outsider"])
@pytest.mark.parametrize("role", ROLES)
def test_only_members_see_a_request_on_every_path(role, member, marking, member_client):
    author = make_user("officer")
    user = make_user(role)
    request = build_request(marking, author)
    if member:
        request.compartment.members.add(user)
    client = member_client(user) if member else Client()
    if not member:
        client.force_login(user)
    attachment = request.attachments.get()
    correspondence = request.correspondence.get()
    api = api_client_for(user)
    seen = 200 if member else 404

    assert client.get(f"/cooperation/requests/{request.pk}/").status_code == seen
    assert client.get(f"/cooperation/requests/{request.pk}/history/").status_code == seen
    assert client.get(f"/cooperation/attachments/{attachment.pk}/download/").status_code == seen
    assert api.get(f"/api/cooperation/requests/{request.pk}/").status_code == seen
    assert api.get(f"/api/cooperation/correspondence/{correspondence.pk}/").status_code == seen
    assert api.get(f"/api/cooperation/attachments/{attachment.pk}/").status_code == seen
    # Acting on a hidden request is 404 too, never 403: nothing tells an outsider it exists.
    moved = client.post(f"/cooperation/requests/{request.pk}/move/", {"status": "acknowledged", "version": 2})
    assert moved.status_code == ((302 if role != "viewer" else 403) if member else 404)

    listing = client.get("/cooperation/requests/").content.decode()
    searched = client.get("/cooperation/requests/", {"q": "zebrafinch"}).content.decode()
    deadlines = client.get("/cooperation/deadlines/").content.decode()
    home = client.get("/").content.decode()
    # Choosing a linked request types ahead against the lookup route: it offers only what the user may see.
    choices = client.get("/core/lookup/cooperation/assistancerequest/", {"q": "zebrafinch"}).content.decode()
    api_list = api.get("/api/cooperation/requests/", {"q": "zebrafinch"}).json()
    api_parts = api.get("/api/cooperation/correspondence/").json()
    for page in (listing, searched, deadlines):
        assert (SUBJECT in page) == member
    assert (SUBJECT in choices) == member
    assert api_list["count"] == (1 if member else 0)
    assert api_parts["count"] == (1 if member else 0)
    assert (SUBJECT in export_text(client)) == member
    visible = restrict(AssistanceRequest.objects.all(), user)
    assert visible.count() == (1 if member else 0)
    assert f"<strong>{1 if member else 0}</strong> assistance requests" in home


@pytest.mark.django_db
def test_administrators_manage_compartments_but_see_no_request(client):
    author = make_user("officer")
    request = build_request(Marking.CLEAR, author)
    administrator = make_user("administrator")
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    compartments = client.get("/admin/cooperation/compartment/")
    assert compartments.status_code == 200 and str(request.compartment) in compartments.content.decode()
    assert client.get("/admin/cooperation/assistancerequest/").status_code == 404
    assert client.get(f"/cooperation/requests/{request.pk}/").status_code == 404


@pytest.mark.django_db
def test_removing_a_member_takes_effect_on_their_next_request(member_client):
    author, colleague = make_user("officer"), make_user("officer")
    request = build_request(Marking.AMBER, author)
    request.compartment.members.add(colleague)
    client = member_client(colleague)
    assert client.get(f"/cooperation/requests/{request.pk}/").status_code == 200
    compartment = request.compartment
    services.update_compartment(make_user("administrator"), compartment, {"members": [author]},
                                expected_version=compartment.version)
    assert client.get(f"/cooperation/requests/{request.pk}/").status_code == 404
    assert SUBJECT not in client.get("/cooperation/requests/").content.decode()


@pytest.mark.django_db
def test_an_unrestricted_query_fails_closed():
    build_request(Marking.GREEN, make_user("officer"))
    for read in (lambda: list(AssistanceRequest.objects.all()), lambda: AssistanceRequest.objects.count(),
                 lambda: AssistanceRequest.objects.filter(subject_en=SUBJECT).exists(),
                 lambda: AssistanceRequest.objects.first()):
        with pytest.raises(UnrestrictedQueryError):
            read()
    assert restrict(AssistanceRequest.objects.all(), make_user("manager")).count() == 0


@pytest.mark.django_db
def test_the_api_never_names_a_linked_request_of_another_compartment():
    """A request linked to one in a team the reader is not in shows no trace of it, not even its number."""
    alice, bob = make_user("officer"), make_user("officer")
    mine = build_request(Marking.GREEN, alice)
    theirs = build_request(Marking.GREEN, bob)
    AssistanceRequest.linked.through.objects.create(from_assistancerequest=mine, to_assistancerequest=theirs)
    api = api_client_for(alice)
    assert api.get(f"/api/cooperation/requests/{mine.pk}/").json()["linked"] == []
    assert [row["linked"] for row in api.get("/api/cooperation/requests/").json()["results"]] == [[]]
    theirs.compartment.members.add(alice)
    assert api.get(f"/api/cooperation/requests/{mine.pk}/").json()["linked"] == [theirs.pk]
