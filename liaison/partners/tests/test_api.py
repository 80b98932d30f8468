"""The partner registry's API through every role, and its search, filters and validation."""

import pytest

from liaison.core.models import Jurisdiction
from liaison.core.testing import ApiMatrix, api_client
from liaison.partners.models import Organisation

from .factories import ContactFactory, OrganisationFactory


class TestOrganisationApi(ApiMatrix):
    endpoint = "/api/partners/organisations/"
    factory = OrganisationFactory

    def payload(self):
        return {"kind": "aca", "name_en": "Anti-Corruption Commission of Maldives",
                "name_zh_hant": "馬爾代夫反貪委員會"}


class TestContactApi(ApiMatrix):
    endpoint = "/api/partners/contacts/"
    factory = ContactFactory

    def payload(self):
        return {"name_en": "Jane Doe", "emails": ["jane@example.org"], "languages": ["English", "Cantonese"]}


@pytest.mark.django_db
def test_api_search_and_filters():
    OrganisationFactory(name_en="International Association of Anti-Corruption Authorities",
                        name_zh_hant="國際反貪局聯合會", acronym_en="IAACA", kind="network")
    OrganisationFactory(name_en="Basel Institute on Governance", kind="academic")
    client = api_client("viewer")
    found = client.get("/api/partners/organisations/", {"q": "国际反贪局"}).json()
    assert found["count"] == 1 and found["results"][0]["acronym_en"] == "IAACA"
    assert client.get("/api/partners/organisations/", {"kind": "academic"}).json()["count"] == 1
    page = client.get("/api/partners/organisations/", {"limit": 1}).json()
    assert page["count"] == 2 and len(page["results"]) == 1 and page["next"]


@pytest.mark.django_db
def test_api_writes_other_names_and_search_finds_them():
    client = api_client("officer")
    response = client.post("/api/partners/organisations/", {
        "kind": "aca", "name_en": "Corruption Eradication Commission of Indonesia",
        "name_zh_hant": "印度尼西亞肅貪委員會",
        "aliases": ["印尼肅貪委員會", "Komisi Pemberantasan Korupsi"]}, format="json")
    assert response.status_code == 201 and response.json()["aliases"][0] == "印尼肅貪委員會"
    assert client.get("/api/partners/organisations/", {"q": "印尼"}).json()["count"] == 1
    assert client.get("/api/partners/organisations/", {"q": "pemberantasan"}).json()["count"] == 1
    refused = client.post("/api/partners/organisations/", {"kind": "aca", "name_en": "X", "aliases": ["<i>"]},
                          format="json")
    assert refused.status_code == 400 and "HTML or script" in str(refused.json())
    assert Organisation.objects.count() == 1


@pytest.mark.django_db
def test_api_validation_matches_the_pages():
    client = api_client("officer")
    response = client.post("/api/partners/organisations/", {"kind": "aca", "name_en": "<script>x</script>"},
                           format="json")
    assert response.status_code == 400 and "HTML or script" in str(response.json())
    response = client.post("/api/partners/contacts/", {"name_en": "A", "emails": ["nope"]}, format="json")
    assert response.status_code == 400 and "e-mail" in str(response.json())
    response = client.post("/api/partners/organisations/", {"kind": "aca", "name_en": "X", "jurisdiction": "ZZ"},
                           format="json")
    assert response.status_code == 400 and "jurisdiction" in response.json()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_api_jurisdiction_by_code():
    Jurisdiction.objects.get_or_create(code="MV", defaults={"alpha3": "MDV", "numeric": "462", "name_en": "Maldives"})
    response = api_client("officer").post(
        "/api/partners/organisations/", {"kind": "aca", "name_en": "ACC", "jurisdiction": "MV"}, format="json")
    assert response.status_code == 201 and response.json()["jurisdiction"] == "MV"


@pytest.mark.django_db
def test_schema_and_docs_are_served_offline(client_as):
    client = client_as("viewer")
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/partners/organisations/" in schema.json()["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "http://" not in docs.replace("http://testserver", "") and "https://" not in docs


@pytest.mark.django_db
def test_the_list_of_positions_reads_the_same_number_of_queries_for_more_rows():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import PositionFactory

    client = api_client("viewer")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            answer = client.get("/api/partners/positions/")
        assert answer.status_code == 200
        return len(context)

    PositionFactory()
    queries()  # the first request also reads the session and the user
    few = queries()
    for _ in range(6):
        PositionFactory()
    assert queries() == few
