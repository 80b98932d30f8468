"""The 2024 MoUs of the reference data, and the coverage figures computed from them."""

import re

import pytest

from liaison.agreements import coverage, reference
from liaison.agreements.models import Agreement
from liaison.core.models import ChangeRecord, Tag
from liaison.core.services import update_object

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(reference_data, db):
    """Every area's reference data, loaded once for this module."""


def test_seven_mous_in_both_languages_with_occasions_and_witness(loaded):
    agreements = Agreement.objects.all()
    assert agreements.count() == 7 and all(a.status == "signed" for a in agreements)
    assert all(a.parties.filter(is_own=True).exists() and a.parties.count() == 2 for a in agreements)
    unodc = agreements.get(parties__acronym_en="UNODC")
    assert unodc.title_zh_hant == "廉政公署與聯合國毒品和犯罪問題辦公室合作諒解備忘錄"
    assert unodc.occasion_zh_hant == "廉政公署第八屆國際會議" and unodc.signed_date.month == 5
    maldives = agreements.get(parties__jurisdiction__code="MV")
    assert maldives.witness_zh_hant == "行政長官" and maldives.witness_contact.name_en == "Chief Executive, HKSAR"
    assert maldives.signed_date.isoformat() == "2024-09-11"
    ours = maldives.party_rows.get(organisation__is_own=True)
    assert ours.signatory_title_zh_hant == "廉政專員"


def test_second_load_creates_nothing_and_logs_nothing(loaded):
    before = ChangeRecord.objects.count()
    assert reference.load(None) == 0
    assert ChangeRecord.objects.count() == before and Agreement.objects.count() == 7


def test_coverage_counts_on_the_reference_data(loaded, user_for):
    agreements, reader = Agreement.objects.all(), user_for("viewer")
    assert coverage.signed_per_year(agreements, reader) == {2024: 7}
    assert coverage.signed_in(agreements, 2024, reader).count() == 7
    assert coverage.with_belt_and_road_partner(coverage.signed_in(agreements, 2024, reader), reader).count() == 5
    covered = {j.code for j in coverage.jurisdictions_covered(agreements, reader)}
    assert covered == {"KZ", "MU", "SA", "ZA", "ID", "MV"}  # the UNODC has no jurisdiction; ours is left out
    belt_and_road = coverage.belt_and_road(agreements, reader)
    assert {j.code for j in belt_and_road.with_agreement} == {"KZ", "SA", "ZA", "ID", "MV"}
    without = {o.acronym_en for o in coverage.agencies_without_agreement(agreements, reader)}
    assert {"MACC", "ACRC", "CCAC"} <= without and "KPK" not in without


def test_coverage_counts_only_what_the_reader_may_see(loaded, user_for):
    agreements = Agreement.objects.all()
    assert coverage.signed_per_year(agreements, user_for("none")) == {}
    assert coverage.jurisdictions_covered(agreements, user_for("none")) == {}
    assert not coverage.agencies_without_agreement(agreements, user_for("none")).exists()
    with pytest.raises(TypeError):
        coverage.signed_per_year(agreements, None)


def test_coverage_page_map_and_chart(loaded, client_as):
    client = client_as("viewer")
    page = client.get("/agreements/coverage/").content.decode()
    assert 'data-code="MV"' in page and "/agreements/coverage/map.svg" in page
    assert re.search(r"<td>2024</td><td><a [^>]*>7</a></td>", page)
    svg = client.get("/agreements/coverage/map.svg")
    assert svg["Content-Type"].startswith("image/svg+xml") and "<script" not in svg.content.decode()
    assert re.search(r'class="[^"]*\bmv\b[^"]*"', svg.content.decode())  # Maldives is shaded
    assert client.get("/agreements/coverage/years.svg").status_code == 200
    assert client_as("none").get("/agreements/coverage/").status_code == 403
    assert client_as("none").get("/agreements/coverage/map.svg").status_code == 403


def test_coverage_page_says_the_belt_and_road_list_is_incomplete(loaded, client_as):
    client = client_as("viewer")
    page = client.get("/agreements/coverage/").content.decode()
    assert 'data-tag="belt-and-road"' in page and "is incomplete" in page and "Annual Report 2024" in page
    assert "None among the jurisdictions tagged so far." in page
    filtered = client.get("/agreements/agreements/", {"tag": "belt-and-road"}).content.decode()
    assert 'data-tag="belt-and-road"' in filtered

    tag = Tag.objects.get(slug="belt-and-road")
    update_object(None, tag, {"is_complete": True})
    page = client.get("/agreements/coverage/").content.decode()
    assert "is incomplete" not in page
    assert re.search(r'class="belt-and-road-without"><li>None\.</li>', page)


def test_api_filters_on_the_reference_data(loaded):
    from liaison.core.testing import api_client

    client = api_client("viewer")
    count = lambda **query: client.get("/api/agreements/agreements/", query).json()["count"]  # noqa: E731
    assert count(year=2024) == 7 and count(year=2023) == 0
    assert count(tag="belt-and-road") == 5
    assert count(jurisdiction="MV") == 1 and count(status="signed") == 7 and count(status="draft") == 0
    unodc = Agreement.objects.get(parties__acronym_en="UNODC").parties.get(acronym_en="UNODC")
    assert count(party=unodc.pk) == 1
    assert count(q="毒罪") + count(q="聯合國毒品") >= 1


def test_timeline_of_a_partner_shows_its_agreement(loaded, client_as):
    agreement = Agreement.objects.get(parties__jurisdiction__code="KZ")
    kazakhstan = agreement.parties.get(jurisdiction__code="KZ")
    page = client_as("viewer").get(kazakhstan.get_absolute_url()).content.decode()
    assert "2024-05-22" in page and "Signed the Memorandum of Understanding" in page
