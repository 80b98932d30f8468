"""The change log records the request and the source of every write; History shows it."""

import pytest
from django.test import override_settings

from liaison.core.models import ChangeRecord
from liaison.core.testing import api_client, make_user


@pytest.mark.django_db
@override_settings(BEHIND_TLS_PROXY=True)
def test_page_write_records_the_proxys_request_id_and_source(client_as):
    client = client_as("officer")
    response = client.post("/partners/organisations/add/", {"name_en": "Commission Against Corruption of Macao",
                                                            "name_zh_hant": "澳門特區廉政公署", "kind": "aca",
                                                            "is_active": "on"},
                           HTTP_X_REQUEST_ID="trace-42", HTTP_X_FORWARDED_FOR="198.51.100.7")
    record = ChangeRecord.objects.get()
    assert (record.source, record.request_id) == ("web", "trace-42")
    assert response["X-Request-ID"] == "trace-42"
    history = client.get(response["Location"] + "history/").content.decode()
    assert "澳門特區廉政公署" in history and "trace-42"[:10] in history


@pytest.mark.django_db
def test_without_the_proxy_a_clients_request_id_is_replaced():
    client = api_client("officer")
    response = client.post("/api/partners/organisations/", {"kind": "aca", "name_en": "Y"}, format="json",
                           HTTP_X_REQUEST_ID="blame-someone-else")
    record = ChangeRecord.objects.get()
    assert record.request_id == response["X-Request-ID"] != "blame-someone-else"
    assert len(record.request_id) == 32


@pytest.mark.django_db
def test_api_write_is_marked_as_api():
    api_client("officer").post("/api/partners/organisations/", {"kind": "aca", "name_en": "X"}, format="json")
    assert ChangeRecord.objects.get().source == "api"


@pytest.mark.django_db
def test_admin_write_goes_through_services_and_is_logged(client):
    client.force_login(make_user("administrator"))
    admin = make_user("administrator")
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    response = client.post("/admin/partners/organisation/add/", {
        "name_en": "Asian Development Bank", "name_zh_hant": "亞洲開發銀行", "kind": "international",
        "is_active": "on", "acronym_en": "ADB", "acronym_zh_hant": "", "website": "", "notes": "",
    })
    assert response.status_code == 302, response.content[:2000]
    record = ChangeRecord.objects.get()
    assert (record.source, record.action, record.user) == ("admin", "create", admin)


@pytest.mark.django_db
def test_a_malformed_request_id_is_replaced():
    client = api_client("officer")
    response = client.post("/api/partners/organisations/", {"kind": "aca", "name_en": "Y"}, format="json",
                           HTTP_X_REQUEST_ID="<bad id>")
    assert ChangeRecord.objects.get().request_id == response["X-Request-ID"] != "<bad id>"


@pytest.mark.django_db
def test_history_names_fields_in_the_readers_words(client_as):
    client = client_as("officer")
    created = client.post("/partners/organisations/add/", {"name_en": "Old", "kind": "aca", "is_active": "on"})
    url = created["Location"]
    client.post(url + "edit/", {"name_en": "New", "kind": "aca", "is_active": "on", "version": 1})
    history = client.get(url + "history/").content.decode()
    assert "name (English)" in history and "name_en" not in history


@pytest.mark.django_db
def test_history_names_linked_records_instead_of_ids(client_as):
    from liaison.core.models import Jurisdiction

    macao = Jurisdiction.objects.get(code="MO")
    client = client_as("officer")
    created = client.post("/partners/organisations/add/", {
        "name_en": "Commission Against Corruption of Macao", "kind": "aca", "is_active": "on",
        "jurisdiction": macao.pk})
    history = client.get(created["Location"] + "history/").content.decode()
    assert "Macao SAR" in history and f"#{macao.pk}" not in history
