"""The access log (every view, download and export; refused when it cannot be written) and the tamper-evident
chain over this area's logs (`liaison audit verify` / `anchor`)."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from liaison.cooperation import audit
from liaison.cooperation.models import AccessEntry, AssistanceRequest, AuditLink
from liaison.core.models import ChangeRecord
from liaison.core.testing import make_user

from .factories import AttachmentFactory, CompartmentFactory


@pytest.fixture
def seen(db, member_client):
    """A member's client, and a request of theirs with an attachment."""
    user = make_user("officer")
    request = AttachmentFactory(request__compartment=CompartmentFactory(members=[user])).request
    return member_client(user), user, request


def entries(kind):
    return list(AccessEntry.plain.filter(kind=kind))


def test_a_view_a_download_and_an_export_are_logged(seen):
    client, user, request = seen
    assert client.get(f"/cooperation/requests/{request.pk}/", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get(f"/cooperation/attachments/{request.attachments.get().pk}/download/").status_code == 200
    assert client.get("/cooperation/requests/", {"export": "csv"}).status_code == 200
    view, = entries("view")
    assert (view.user, view.request_ids, view.address) == (user, [request.pk], "10.1.2.3")
    assert view.what == f"assistance request #{request.pk}"  # the log names the record, never its content
    assert entries("download")[0].request_ids == [request.pk]
    assert entries("export")[0].request_ids == [request.pk]
    assert audit.verify() == []


def test_an_access_that_cannot_be_logged_is_refused(seen, settings):
    client, _user, request = seen
    settings.AUDIT_KEY, settings.AUDIT_KEY_FILE = "", ""  # the log cannot be chained, so it is not written
    attachment = request.attachments.get()
    for url in (f"/cooperation/requests/{request.pk}/", f"/cooperation/attachments/{attachment.pk}/download/"):
        response = client.get(url)
        assert response.status_code == 503
        assert "could not be logged" in response.content.decode()
        assert str(request) not in response.content.decode()
    assert not AccessEntry.plain.exists()


def test_the_key_may_live_in_a_file(seen, settings, tmp_path):
    client, _user, request = seen
    key_file = tmp_path / "audit.key"
    key_file.write_text("a key kept outside the database\n")
    settings.AUDIT_KEY, settings.AUDIT_KEY_FILE = "", str(key_file)
    assert client.get(f"/cooperation/requests/{request.pk}/").status_code == 200
    assert audit.verify() == []


def verify_output() -> str:
    out = io.StringIO()
    try:
        call_command("audit", "verify", stdout=out)
    except CommandError as error:
        return out.getvalue() + str(error)
    return out.getvalue()


def test_an_untouched_chain_verifies_and_its_head_can_be_anchored(seen):
    client, _user, request = seen
    client.get(f"/cooperation/requests/{request.pk}/")
    assert "whole" in verify_output()
    out = io.StringIO()
    call_command("audit", "anchor", stdout=out)
    head = AuditLink.objects.order_by("-position").first()
    assert out.getvalue().strip() == f"{head.position} {head.digest}"


def test_verify_finds_an_edited_a_deleted_and_an_inserted_entry(seen):
    client, _user, request = seen
    for _ in range(3):
        client.get(f"/cooperation/requests/{request.pk}/")
    first, second, third = AccessEntry.plain.order_by("pk")
    links = {link.entry_id: link.position for link in AuditLink.objects.filter(source="access")}
    table = connection.ops.quote_name(AccessEntry._meta.db_table)
    with connection.cursor() as cursor:  # what someone with write access to the database could do
        cursor.execute(f"UPDATE {table} SET user_name = %s WHERE id = %s", ["somebody-else", first.pk])
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [second.pk])
    ChangeRecord.objects.bulk_create([ChangeRecord(  # a change row slipped in, outside the chain
        source="system", action="update", content_type=ContentType.objects.get_for_model(AssistanceRequest),
        object_id=request.pk, object_repr="forged")])
    findings = [str(finding) for finding in audit.verify()]
    assert f"position {links[first.pk]}: access entry {first.pk} edited (or link forged)" in findings
    assert f"position {links[second.pk]}: access entry {second.pk} deleted" in findings
    assert any("inserted outside the chain" in finding for finding in findings)
    assert len(findings) == 3, findings
    output = verify_output()
    assert "broken: 3 problems" in output and f"access entry {second.pk} deleted" in output
    assert third.pk in links


def test_a_forged_link_with_the_wrong_key_is_found(seen, settings):
    client, _user, request = seen
    client.get(f"/cooperation/requests/{request.pk}/")
    settings.AUDIT_KEY = "another key"
    assert audit.verify()
