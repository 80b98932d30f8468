"""Import of a member list from XLSX: all or nothing, through the services."""

import datetime
import re

import pytest
from openpyxl import Workbook

from liaison.core.imports import ImportRefused, run_import, validate
from liaison.core.models import ChangeRecord, Jurisdiction
from liaison.core.testing import follow_job, make_user
from liaison.networks.importers import MembershipImporter
from liaison.networks.models import Membership
from liaison.partners.tests.factories import OrganisationFactory

from .factories import MemberFactory, NetworkFactory

HEADER = ["network", "organisation", "jurisdiction", "status", "start_date", "reason", "capacity_en"]


def workbook(tmp_path, rows, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "members.xlsx"
    book.save(path)
    return path


def check(user, path):
    importer = MembershipImporter(user)
    with open(path, "rb") as file:
        return importer, validate(importer, file, path.name)


@pytest.fixture
def setting(db):
    network = NetworkFactory(organisation__acronym_en="IAACA")
    malaysia = Jurisdiction.objects.get(code="MY")
    macc = OrganisationFactory(name_en="Malaysian Anti-Corruption Commission", acronym_en="MACC", jurisdiction=malaysia)
    kpk = OrganisationFactory(name_en="Corruption Eradication Commission of Indonesia", acronym_en="KPK")
    return network, macc, kpk, make_user("manager")


def test_valid_rows_become_applicants_and_members_through_the_services(tmp_path, setting):
    network, macc, kpk, manager = setting
    path = workbook(tmp_path, [
        ["IAACA", "MACC", "MY", "member", "2009-04-01", "Founding", "as a member"],
        ["IAACA", "Corruption Eradication Commission of Indonesia", "", "", "2024-11-02", "", ""],
    ])
    importer, result = check(manager, path)
    assert result.all_valid, result.problems
    run_import(manager, importer, result.rows, valid_only=False)
    assert Membership.objects.get(organisation=macc).status == "member"
    assert Membership.objects.get(organisation=kpk).status == "applicant"
    assert ChangeRecord.objects.filter(source="import").count() == 4  # two memberships, two periods


def test_one_bad_row_imports_nothing(tmp_path, setting):
    network, macc, kpk, manager = setting
    MemberFactory(network=network, organisation=kpk)
    path = workbook(tmp_path, [
        ["IAACA", "MACC", "", "member", "2009-04-01", "", ""],
        ["IAACA", "KPK", "", "member", "2010-01-01", "", ""],            # already a membership
        ["IAACA", "Unknown Agency", "", "member", "2010-01-01", "", ""],  # not in Liaison
        ["IAACA", "MACC", "", "withdrawn", "not a date", "", ""],         # repeated, bad status, bad date
    ])
    importer, result = check(manager, path)
    problems = {(p.row, p.column) for p in result.problems}
    assert {(3, "organisation"), (4, "organisation"), (5, "organisation"), (5, "status"),
            (5, "start_date")} <= problems
    assert (2, "organisation") not in problems
    before = Membership.objects.count()
    with pytest.raises(ImportRefused, match="Nothing was imported"):
        run_import(manager, importer, result.rows, valid_only=False)
    assert Membership.objects.count() == before


def test_import_page_needs_the_import_permission(client_as, setting):
    assert client_as("officer").get("/networks/memberships/import/").status_code == 403
    assert client_as("manager").get("/networks/memberships/import/").status_code == 200


def test_upload_check_and_import_on_the_page(tmp_path, client_as, setting):
    network, macc, kpk, manager = setting
    path = workbook(tmp_path, [["IAACA", "MACC", "MY", "member", "2009-04-01", "", ""]])
    client = client_as("manager")
    with open(path, "rb") as file:
        page = follow_job(client, client.post("/networks/memberships/import/", {"file": file}))
    assert page.status_code == 200 and "Every row is valid." in page.content.decode()
    check = re.search(r'name="job" value="(\d+)"', page.content.decode()).group(1)
    page = follow_job(client, client.post("/networks/memberships/import/", {"action": "import_all", "job": check}))
    assert "Imported 1 membership." in page.content.decode()
    assert Membership.objects.get(organisation=macc).current_period().start_date == datetime.date(2009, 4, 1)
