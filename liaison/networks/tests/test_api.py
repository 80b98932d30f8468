"""The networks API through every role: networks, memberships with their periods, bodies, terms."""

import datetime

import pytest

from liaison.core.testing import ApiMatrix, api_client
from liaison.networks.models import Membership
from liaison.partners.tests.factories import OrganisationFactory

from .factories import BodyFactory, MemberFactory, NetworkFactory, TermFactory


class TestNetworkApi(ApiMatrix):
    endpoint = "/api/networks/networks/"
    factory = NetworkFactory

    def payload(self):
        return {"organisation": OrganisationFactory(kind="network").pk, "purpose_en": "Cooperation",
                "founded_year": 2011}


class TestMembershipApi(ApiMatrix):
    endpoint = "/api/networks/memberships/"
    factory = MemberFactory

    def payload(self):
        return {"network": NetworkFactory().pk, "organisation": OrganisationFactory().pk, "status": "member",
                "start_date": "2022-03-01", "capacity_en": "representing Hong Kong, China"}


class TestBodyApi(ApiMatrix):
    endpoint = "/api/networks/bodies/"
    factory = BodyFactory

    def payload(self):
        return {"network": NetworkFactory().pk, "kind": "president", "name_en": "President", "name_zh_hant": "主席"}


class TestTermApi(ApiMatrix):
    endpoint = "/api/networks/terms/"
    factory = TermFactory

    def payload(self):
        return {"body": BodyFactory().pk, "holder": OrganisationFactory().pk, "role_title_en": "President",
                "start_date": "2022-01-01"}


@pytest.mark.django_db
def test_membership_carries_its_periods_and_filters_by_status_on_a_date():
    network = NetworkFactory()
    early = MemberFactory(network=network, periods__start_date=datetime.date(2010, 1, 1))
    late = MemberFactory(network=network, periods__start_date=datetime.date(2023, 1, 1))
    client = api_client("viewer")
    found = client.get("/api/networks/memberships/", {"network": network.pk, "status": "member",
                                                      "on": "2022-01-01"}).json()
    assert [m["id"] for m in found["results"]] == [early.pk]
    assert found["results"][0]["periods"][0]["status"] == "member"
    assert found["results"][0]["current_status"] == "member"
    assert client.get("/api/networks/memberships/", {"network": network.pk}).json()["count"] == 2
    assert client.get("/api/networks/memberships/", {"on": "not-a-date"}).status_code == 400
    assert late.pk


@pytest.mark.django_db
def test_status_change_through_the_api_uses_the_workflow():
    membership = MemberFactory()
    client = api_client("officer")
    url = f"/api/networks/memberships/{membership.pk}/status/"
    withdraw = {"status": "withdrawn", "start_date": "2024-05-01"}
    assert client.post(url, withdraw, format="json").status_code == 428
    response = client.post(url, withdraw, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.content
    assert [p["status"] for p in response.json()["periods"]] == ["member", "withdrawn"]
    assert response["ETag"] == '"2"' and response.json()["version"] == 2
    stale = client.post(url, {"status": "applicant", "start_date": "2024-06-01"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412
    refused = client.post(url, {"status": "member", "start_date": "2024-06-01"}, format="json", HTTP_IF_MATCH='"2"')
    assert refused.status_code == 400 and "cannot become" in str(refused.json())
    assert api_client("viewer").post(url, {"status": "applicant", "start_date": "2024-06-01"}, format="json",
                                     HTTP_IF_MATCH='"2"').status_code == 403
    assert Membership.objects.get().status == "withdrawn"


@pytest.mark.django_db
def test_network_member_counts_on_a_date():
    network = NetworkFactory()
    MemberFactory(network=network, periods__start_date=datetime.date(2010, 1, 1))
    client = api_client("viewer")
    answer = client.get(f"/api/networks/networks/{network.pk}/members/", {"on": "2011-01-01"}).json()
    assert answer["counts"]["member"] == 1 and answer["on"] == "2011-01-01"
    assert client.get(f"/api/networks/networks/{network.pk}/members/", {"on": "2011-99-01"}).status_code == 400


@pytest.mark.django_db
def test_the_list_of_bodies_and_of_terms_reads_the_same_number_of_queries_for_more_rows():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_client("viewer")

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    TermFactory()
    queries("/api/networks/bodies/")  # the first request also reads the session and the user
    few = queries("/api/networks/bodies/"), queries("/api/networks/terms/")
    for _ in range(6):
        TermFactory()
    assert (queries("/api/networks/bodies/"), queries("/api/networks/terms/")) == few
