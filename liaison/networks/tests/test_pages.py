"""Pages of networks and memberships through every role, the network page's figures, charts and query counts."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.core.models import Jurisdiction
from liaison.core.testing import PageMatrix, changes_of, make_user
from liaison.networks.choices import MembershipStatus as Status
from liaison.networks.models import Membership, MembershipPeriod
from liaison.partners.models import Organisation
from liaison.partners.tests.factories import OrganisationFactory

from .factories import BodyMeetingFactory, MemberFactory, MembershipPeriodFactory, NetworkFactory, TermFactory

D = datetime.date


def status_url(membership) -> str:
    """Where the membership page's decision form posts."""
    return reverse("networks:membership_status", args=[membership.pk])


class TestNetworkPages(PageMatrix):
    url_prefix = "networks:network"
    factory = NetworkFactory

    def form_data(self):
        organisation = OrganisationFactory(kind="network", name_en="Asia Pacific Network", acronym_en="APN")
        return {"organisation": organisation.pk, "purpose_en": "Cooperation", "founded_year": "2010"}


class TestMembershipPages(PageMatrix):
    url_prefix = "networks:membership"
    factory = MemberFactory

    def form_data(self):
        return {"network": NetworkFactory().pk, "organisation": OrganisationFactory().pk, "status": "applicant",
                "start_date": "2024-03-01", "capacity_en": "representing Hong Kong, China"}


@pytest.mark.django_db
def test_adding_a_membership_records_its_first_status(client_as):
    network, organisation = NetworkFactory(), OrganisationFactory()
    response = client_as("officer").post("/networks/memberships/add/", {
        "network": network.pk, "organisation": organisation.pk, "status": "member", "start_date": "2022-05-01"})
    assert response.status_code == 302
    membership = Membership.objects.get()
    assert membership.status == Status.MEMBER and membership.current_period().start_date == D(2022, 5, 1)


@pytest.mark.django_db
def test_secretariat_approves_an_application_on_the_membership_page(client_as):
    client = client_as("officer")
    network = NetworkFactory()
    client.post("/networks/memberships/add/", {"network": network.pk, "organisation": OrganisationFactory().pk,
                                               "status": "applicant", "start_date": "2024-01-05"})
    membership = Membership.objects.get()
    page = client.get(membership.get_absolute_url()).content.decode()
    assert 'id="status-form"' in page and 'name="version" value="1"' in page
    decision = {"status": "member", "start_date": "2024-03-01", "reason": "Executive Committee decision"}
    without_version = client.post(status_url(membership), decision, follow=True)
    assert "does not say which version" in without_version.content.decode()
    assert membership.status == Status.APPLICANT
    response = client.post(status_url(membership), {**decision, "version": 1})
    assert response.status_code == 302 and response["Location"] == membership.get_absolute_url()
    assert membership.status == Status.MEMBER
    stale = client.post(status_url(membership), {"status": "suspended", "start_date": "2024-04-01",
                                                 "reason": "Dues unpaid", "version": 1}, follow=True)
    assert "changed this record after you opened it" in stale.content.decode()
    assert membership.status == Status.MEMBER
    history = client.get(f"{membership.get_absolute_url()}history/").content.decode()
    assert "Executive Committee decision" in history


@pytest.mark.django_db
def test_an_invalid_move_on_the_page_gets_a_clear_message(client_as):
    membership = MemberFactory()
    client = client_as("officer")
    client.post(status_url(membership), {"status": "withdrawn", "start_date": "2023-01-01", "version": 1})
    response = client.post(status_url(membership), {"status": "member", "start_date": "2023-06-01", "version": 2},
                           follow=True)
    assert response.redirect_chain == [(membership.get_absolute_url(), 302)]
    assert "cannot become “Member”" in response.content.decode()
    assert membership.status == Status.WITHDRAWN


@pytest.mark.django_db
def test_a_viewer_cannot_record_a_decision(client_as):
    membership = MemberFactory()
    client = client_as("viewer")
    assert 'id="status-form"' not in client.get(membership.get_absolute_url()).content.decode()
    response = client.post(status_url(membership), {"status": "withdrawn", "start_date": "2023-01-01",
                                                    "version": 1})
    assert response.status_code == 403 and membership.status == Status.MEMBER


@pytest.fixture
def network_with_history(db):
    network = NetworkFactory()
    hong_kong, malaysia = Jurisdiction.objects.get(code="HK"), Jurisdiction.objects.get(code="MY")
    for index in range(3):
        MemberFactory(network=network, organisation=OrganisationFactory(jurisdiction=hong_kong if index else malaysia),
                      periods__start_date=D(2021, 1, 1))
    late = MemberFactory(network=network, periods__start_date=D(2023, 6, 1),
                         organisation=OrganisationFactory(jurisdiction=malaysia))
    MembershipPeriodFactory(membership__network=network, status=Status.OBSERVER, start_date=D(2010, 1, 1),
                            end_date=D(2011, 1, 1))
    return network, late


@pytest.mark.django_db
def test_network_page_counts_today_and_on_a_date(client_as, network_with_history):
    network, _late = network_with_history
    client = client_as("viewer")
    page = client.get(network.get_absolute_url()).content.decode()
    assert 'id="members-today" data-count="4"' in page
    on_date = client.get(network.get_absolute_url(), {"on": "2022-01-01"}).content.decode()
    assert 'id="members-on" data-count="3"' in on_date
    assert "Malaysia" in on_date and "Asia" in on_date
    assert 'id="growth-chart"' in page and 'id="member-map"' in page


@pytest.mark.django_db
def test_an_invalid_date_gets_a_clear_message(client_as, network_with_history):
    network, _late = network_with_history
    response = client_as("viewer").get(network.get_absolute_url(), {"on": "2022-13-45"})
    assert response.status_code == 200
    assert "is not a date: write it as YYYY-MM-DD" in response.content.decode()


@pytest.mark.django_db
def test_network_page_shows_governance_and_our_participation(client_as):
    network = NetworkFactory()
    own = OrganisationFactory(name_en="Independent Commission Against Corruption", is_own=True)
    MemberFactory(network=network, organisation=own, capacity_en="representing Hong Kong, China")
    TermFactory(body__network=network, body__kind="president", holder=own, role_title_en="President",
                start_date=D(2022, 1, 1))
    BodyMeetingFactory(body=network.bodies.get(), title_en="Executive Committee meeting in Hong Kong")
    page = client_as("viewer").get(network.get_absolute_url()).content.decode()
    assert "Executive Committee meeting in Hong Kong" in page
    assert "representing Hong Kong, China" in page and "President (2022–)" in page


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["growth", "map"])
def test_charts_are_svg_images(client_as, network_with_history, kind):
    network, _late = network_with_history
    response = client_as("viewer").get(f"/networks/networks/{network.pk}/{kind}.svg", {"on": "2024-01-01"})
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag.endswith("svg")
    assert b"<script" not in response.content


@pytest.mark.django_db
def test_charts_of_a_hidden_network_are_404(client_as, network_with_history):
    network, _late = network_with_history
    assert client_as("none").get(f"/networks/networks/{network.pk}/growth.svg").status_code == 404


@pytest.mark.django_db
def test_membership_list_filters_by_status_on_a_date_and_region(client_as, network_with_history):
    network, late = network_with_history
    client = client_as("viewer")

    body = client.get("/networks/memberships/", {"network": network.pk, "status": "member", "on": "2022-01-01"})
    assert str(late.organisation) not in body.content.decode()
    body = client.get("/networks/memberships/", {"network": network.pk, "status": "member"})
    assert str(late.organisation) in body.content.decode()
    eastern_asia = Jurisdiction.objects.get(code="HK").sub_region
    body = client.get("/networks/memberships/", {"region": eastern_asia.pk}).content.decode()
    assert str(late.organisation) not in body


@pytest.mark.django_db
def test_member_list_export_reads_back_into_the_import(client_as, network_with_history):
    import openpyxl

    network, _late = network_with_history
    response = client_as("viewer").get(f"/networks/networks/{network.pk}/members.xlsx", {"on": "2024-01-01"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)

    assert list(rows[0]) == ["Network", "Organisation", "Jurisdiction", "Status", "Start date", "Category",
                             "Capacity (English)", "Capacity (Chinese)", "Notes"]
    assert len(rows) == 1 + 4  # the four members on that date
    assert {row[3] for row in rows[1:]} <= {str(label) for label in Status.labels}


@pytest.mark.django_db
def test_a_chinese_member_list_export_has_chinese_headers_and_labels_and_reads_back(client_as,
                                                                                    network_with_history):
    import openpyxl

    from liaison.core.imports import validate
    from liaison.networks.importers import MembershipImporter

    network, _late = network_with_history
    client = client_as("manager")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    response = client.get(f"/networks/networks/{network.pk}/members.xlsx", {"on": "2024-01-01"})
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:5] == ("網絡", "機構", "司法管轄區", "狀況", "開始日期")
    assert all(not row[3].isascii() for row in rows[1:])  # 會員, not `member`
    importer = MembershipImporter(make_user("manager"))
    result = validate(importer, io.BytesIO(response.content), "members.xlsx")
    assert result.header_problems == [] and not [p for p in result.problems if p.column == "status"]


@pytest.mark.django_db
def test_member_list_export_streams_as_csv_with_the_same_rows(client_as, network_with_history):
    import csv

    network, _late = network_with_history
    response = client_as("viewer").get(f"/networks/networks/{network.pk}/members.csv", {"on": "2024-01-01"})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    header, *rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert header[:4] == ["Network", "Organisation", "Jurisdiction", "Status"] and len(rows) == 4
    assert f"members-{network.organisation.acronym_en}-2024-01-01" in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_large_member_list_export_is_a_job_that_reads_back_into_the_import(settings, client_as):
    from openpyxl import load_workbook

    from liaison.core.models import Job
    from liaison.core.testing import run_jobs

    settings.LIAISON_EXPORT_DIRECT_ROWS = 10
    network = NetworkFactory()
    _grow(network, 12)
    client = client_as("viewer")
    with CaptureQueriesContext(connection) as small:
        response = client.get(f"/networks/networks/{network.pk}/members.xlsx", {"on": "2021-01-01"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.done) == ("succeeded", 12)
    sheet = load_workbook(io.BytesIO(b"".join(client.get(job.result_url).streaming_content))).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert header[3:5] == ["Status", "Start date"] and len(rows) == 12
    assert {(row[3], row[4]) for row in rows} == {("Member", "2020-03-01")}
    _grow(network, 50)
    with CaptureQueriesContext(connection) as large:
        client.get(f"/networks/networks/{network.pk}/members.xlsx", {"on": "2021-01-01"})
    assert len(large) == len(small)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def _grow(network, count):
    """`count` members, each with an applicant and a member period, through bulk writes (fast)."""
    hong_kong = Jurisdiction.objects.get(code="HK")
    start = Organisation.objects.count()
    organisations = Organisation.objects.bulk_create([
        Organisation(kind="aca", name_en=f"Agency {start + n}", jurisdiction=hong_kong) for n in range(count)])
    memberships = Membership.objects.bulk_create([Membership(network=network, organisation=o) for o in organisations])
    MembershipPeriod.objects.bulk_create(
        [MembershipPeriod(membership=m, status="applicant", start_date=D(2020, 1, 1), end_date=D(2020, 3, 1))
         for m in memberships]
        + [MembershipPeriod(membership=m, status="member", start_date=D(2020, 3, 1)) for m in memberships])


@pytest.mark.django_db
def test_network_page_query_count_does_not_grow_with_members(client_as):
    client = client_as("viewer")
    network = NetworkFactory()
    TermFactory(body__network=network)
    _grow(network, 10)
    urls = [network.get_absolute_url(), network.get_absolute_url() + "?on=2021-01-01",
            f"/networks/networks/{network.pk}/growth.svg", f"/networks/networks/{network.pk}/map.svg",
            "/networks/networks/", f"/networks/memberships/?network={network.pk}&per_page=1000"]
    small = [_queries(client, url) for url in urls]
    _grow(network, 990)
    assert client.get(network.get_absolute_url()).content.decode().count('data-count="1000"') == 1
    assert [_queries(client, url) for url in urls] == small


@pytest.mark.django_db
def test_membership_changes_appear_on_the_organisation_timeline(client_as):
    membership = MemberFactory(periods__start_date=D(2019, 4, 1))
    page = client_as("viewer").get(membership.organisation.get_absolute_url()).content.decode()
    assert "2019-04-01" in page and f"Became a member of {membership.network}" in page


@pytest.mark.django_db
def test_history_of_a_membership_shows_its_status_changes(client_as):
    client = client_as("officer")
    membership = MemberFactory()
    client.post(status_url(membership), {"status": "suspended", "start_date": "2024-02-01", "reason": "Dues unpaid",
                                         "version": 1})
    assert changes_of(membership.periods.get(status="suspended"), "create").exists()
    assert "Dues unpaid" in client.get(f"{membership.get_absolute_url()}history/").content.decode()
