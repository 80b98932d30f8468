"""Nothing of 2024 is written into the generator: another year's records give another chapter, in both languages."""

import datetime

import pytest

from liaison.agreements.choices import AgreementStatus
from liaison.agreements.tests.factories import AgreementFactory
from liaison.core.testing import make_user
from liaison.networks.choices import MembershipStatus
from liaison.networks.tests.factories import MembershipFactory, MembershipPeriodFactory, NetworkFactory
from liaison.partners.tests.factories import OrganisationFactory
from liaison.reports import chapter, documents, services

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def year_2031():
    """An association we have served since 2030 that shrank from 4 members to 3 in 2031, and no agreement."""
    ours = OrganisationFactory(is_own=True, name_en="Our Office", name_zh_hant="本署")
    network = NetworkFactory(secretariat=ours, secretariat_since=D(2030, 1, 1))
    network.organisation.name_en, network.organisation.name_zh_hant = "Test Association", "測試聯會"
    network.organisation.save()
    for number in range(4):
        membership = MembershipFactory(network=network)
        MembershipPeriodFactory(membership=membership, status=MembershipStatus.MEMBER, start_date=D(2029, 6, 1),
                                end_date=D(2031, 3, 1) if number == 0 else None)
    return network


def test_a_year_where_the_association_shrank_and_no_mou_was_signed(year_2031):
    AgreementFactory(status=AgreementStatus.SIGNED, signed_date=D(2030, 5, 1))
    html = documents.html(chapter.write(make_user("viewer"), 2031, "both"))
    assert "fell from <a" in html and ">4</a> in 2030 to <a" in html and ">3</a> at the end of 2031." in html
    assert "測試聯會的會員機構數目由二零三零年的<a" in html and ">4 個</a>，減少至二零三一年底的<a" in html
    assert "agreements were signed" not in html and "簽署" not in html  # no agreement in 2031: no section
    assert "2024" not in html and "二零二四" not in html


def test_a_year_with_agreements_but_no_association_and_its_own_strategies(year_2031):
    viewer = make_user("viewer")
    AgreementFactory(status=AgreementStatus.SIGNED, signed_date=D(2032, 2, 1), title_en="Pact with X")
    AgreementFactory(status=AgreementStatus.SIGNED, signed_date=D(2032, 3, 1), title_en="Pact with Y")
    services.create_report_year(make_user("administrator"), {
        "year": 2032, "title_en": "Chapter 7", "title_zh_hant": "第七章", "strategies_en": "Be clean\nBe open",
        "strategies_zh_hant": "廉潔\n開放", "sections": ["agreements"]})
    html = documents.html(chapter.write(viewer, 2032, "both"))
    assert "<h1>Chapter 7</h1>" in html and "<h1>第七章</h1>" in html
    assert "<li>Be clean</li><li>Be open</li>" in html and "<li>廉潔</li><li>開放</li>" in html
    assert "In 2032, <a" in html and ">2</a> agreements were signed, <a" in html and ">0</a> of them" in html
    assert "二零三二年共簽署<a" in html and ">2 份</a>協議" in html
    assert "membership of" not in html  # the year's contents leave the networks section out
    assert "Pact with X" in html and "Pact with Y" in html


def test_an_empty_year_has_no_review_of_work():
    html = documents.html(chapter.write(make_user("viewer"), 1999, "en"))
    assert 'class="review"' not in html and "International cooperation and Mainland liaison, 1999" in html
