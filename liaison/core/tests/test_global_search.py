"""One search across every kind of record: both scripts alike, ranked, filtered by kind, never past access."""

import pytest
from django.urls import reverse

from liaison.agreements.tests.factories import AgreementFactory
from liaison.core.testing import make_user
from liaison.partners import services
from liaison.partners.tests.factories import ContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    OrganisationFactory(name_en="Anti-Corruption Commission of Maldives", name_zh_hant="馬爾代夫反腐敗委員會",
                        acronym_en="ACC")
    OrganisationFactory(name_en="Commission Against Corruption of Macao", name_zh_hant="澳門特區廉政公署",
                        acronym_en="CCAC")
    AgreementFactory(title_en="MoU with the Anti-Corruption Commission of Maldives",
                     title_zh_hant="與馬爾代夫反腐敗委員會的合作諒解備忘錄")
    ContactFactory(name_en="Lee Commissioner", name_zh_hant="李專員")


def results(client, **params):
    response = client.get(reverse("core:search"), params)
    assert response.status_code == 200
    return response, [(hit.kind.key, str(hit.record)) for hit in response.context["hits"]]


def test_traditional_and_simplified_find_the_same_records_of_every_kind(records, client_as):
    client = client_as("viewer")
    _, traditional = results(client, q="馬爾代夫反腐敗")
    _, simplified = results(client, q="马尔代夫反腐败")
    assert traditional == simplified
    assert {kind for kind, _name in traditional} == {"partners.organisation", "agreements.agreement"}


def test_an_acronym_ranks_the_record_it_names_first_and_types_filter(records, client_as):
    client = client_as("viewer")
    response, found = results(client, q="ACC")
    assert found[0] == ("partners.organisation", "Anti-Corruption Commission of Maldives")
    _, only = results(client, q="commission", type="partners.contact")
    assert only == [("partners.contact", "Lee Commissioner")]
    counts = dict((kind.key, count) for kind, count, _url in results(client, q="macao")[0].context["counts"])
    assert counts == {"core.jurisdiction": 1, "partners.organisation": 1}


def test_a_user_without_access_finds_nothing(records, client_as):
    _, found = results(client_as("none"), q="Maldives")
    assert found == []
    assert client_as("anonymous").get(reverse("core:search"), {"q": "Maldives"}).status_code == 302


def test_an_over_long_search_is_refused_with_a_message(client_as):
    response, found = results(client_as("viewer"), q=" ".join(["word"] * 30))
    assert found == [] and "Search for at most" in response.content.decode()


def test_search_is_current_after_a_write(records, client_as):
    user = make_user("officer")
    services.create_organisation(user, {"kind": "aca", "name_en": "Brand New Bureau", "name_zh_hant": "全新局"})
    _, found = results(client_as("viewer"), q="全新")
    assert found == [("partners.organisation", "Brand New Bureau")]
