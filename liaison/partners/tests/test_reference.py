"""The partner registry's reference data: the chapter's bodies, as the chapter names them, loaded once."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from liaison.core.models import ChangeRecord, Jurisdiction
from liaison.partners import reference
from liaison.partners.models import Contact, Organisation

from .factories import OrganisationFactory

# Chinese names exactly as the chapter writes them.
CHAPTER_NAMES = {
    "Independent Commission Against Corruption": ("廉政公署", "HK"),
    "United Nations Office on Drugs and Crime": ("聯合國毒品和犯罪問題辦公室", None),
    "Global Operational Network of Anti-Corruption Law Enforcement Authorities": ("全球反腐敗執法合作網絡", None),
    "International Association of Anti-Corruption Authorities": ("國際反貪局聯合會", None),
    "Hong Kong International Academy Against Corruption": ("香港國際廉政學院", "HK"),
    "National Commission of Supervision": ("國家監察委員會", "CN"),
    "Central Commission for Discipline Inspection of the Communist Party of China": ("中共中央紀委", "CN"),
    "Supreme People's Procuratorate": ("最高人民檢察院", "CN"),
    "Guangdong Provincial Commission of Supervision": ("廣東省監察委員會", "CN"),
    "Commission Against Corruption of Macao": ("澳門特區廉政公署", "MO"),
    "National Anti-Corruption Advisory Council of South Africa": ("南非國家反貪諮詢局", "ZA"),
    "Organisation for Economic Co-operation and Development": ("經濟合作與發展組織", None),
    "Basel Institute on Governance": ("巴塞爾治理研究所", "CH"),
    "APEC Anti-Corruption and Transparency Experts Working Group": ("亞太經濟合作組織反貪腐倡透明專家工作小組", None),
    "Anti-Corruption Initiative for Asia and the Pacific": ("亞太區反貪污行動計劃", None),
    "Asian Development Bank": ("亞洲開發銀行", None),
    "Interpol": ("國際刑警", None),
    "European Anti-Fraud Office": ("歐盟委員會反欺詐局", None),
    "United Nations Office at Vienna": ("聯合國駐維也納辦事處", None),
}


def organisation(name_en: str) -> Organisation:
    return Organisation.objects.select_related("jurisdiction", "parent").get(name_en=name_en)


@pytest.mark.django_db
def test_the_chapters_bodies_carry_the_chapters_names():
    reference.load(None)
    for name_en, (name_zh_hant, code) in CHAPTER_NAMES.items():
        record = organisation(name_en)
        assert record.name_zh_hant == name_zh_hant
        assert (record.jurisdiction.code if record.jurisdiction else None) == code, name_en
    assert organisation("International Association of Anti-Corruption Authorities").acronym_zh_hant == "聯合會"
    assert organisation("United Nations Office on Drugs and Crime").acronym_zh_hant == "聯合國毒罪辦"
    assert organisation("Supreme People's Procuratorate").acronym_zh_hant == "最高檢"


@pytest.mark.django_db
def test_every_partner_in_a_country_has_its_jurisdiction():
    reference.load(None)
    codes = {"KZ", "MU", "SA", "ZA", "ID", "MV", "KR", "MY", "QA"}
    agencies = Organisation.objects.filter(jurisdiction__code__in=codes)
    assert set(agencies.values_list("jurisdiction__code", flat=True)) == codes
    assert Organisation.objects.filter(kind="international", jurisdiction__isnull=False).count() == 0


@pytest.mark.django_db
def test_only_true_sub_bodies_have_a_parent():
    reference.load(None)
    parents = {
        "Hong Kong International Academy Against Corruption": "Independent Commission Against Corruption",
        "Global Operational Network of Anti-Corruption Law Enforcement Authorities":
            "United Nations Office on Drugs and Crime",
        "APEC Anti-Corruption and Transparency Experts Working Group": "Asia-Pacific Economic Cooperation",
        "European Anti-Fraud Office": "European Commission",
    }
    for child, parent in parents.items():
        assert organisation(child).parent.name_en == parent
    # Coordination is not hierarchy: the Guangdong commission works with the NCS but does not sit under it.
    assert organisation("Guangdong Provincial Commission of Supervision").parent is None
    assert organisation("International Association of Anti-Corruption Authorities").parent is None


@pytest.mark.django_db
def test_belt_and_road_and_greater_bay_area_tags():
    reference.load(None)
    belt_and_road = Organisation.objects.filter(tags__slug="belt-and-road")
    assert set(belt_and_road.values_list("jurisdiction__code", flat=True)) == {"KZ", "SA", "ZA", "ID", "MV"}
    assert not organisation("Financial Crimes Commission of Mauritius").tags.exists()
    bay_area = set(Organisation.objects.filter(tags__slug="greater-bay-area").values_list("name_zh_hant", flat=True))
    assert bay_area == {"廉政公署", "廣東省監察委員會", "澳門特區廉政公署"}


@pytest.mark.django_db
def test_contacts_are_role_titles_marked_as_sample_data():
    reference.load(None)
    commissioner = Contact.objects.get(name_en="Commissioner, ICAC")
    assert commissioner.name_zh_hant == "廉政專員"
    assert {p.organisation.acronym_en for p in commissioner.positions.all()} == {"ICAC", "IAACA"}
    assert all(c.notes.startswith("Sample data") for c in Contact.objects.all())


@pytest.mark.django_db
def test_loading_is_logged_as_command_line_and_a_second_load_changes_nothing():
    created = reference.load(None)
    assert created == len(reference.ORGANISATIONS) + len(reference.CONTACTS)
    records = ChangeRecord.objects.count()
    assert records and set(ChangeRecord.objects.values_list("source", flat=True)) == {"cli"}
    counts = Organisation.objects.count(), Contact.objects.count()

    assert reference.load(None) == 0
    assert (Organisation.objects.count(), Contact.objects.count()) == counts
    assert ChangeRecord.objects.count() == records


@pytest.mark.django_db
def test_a_record_users_already_keep_is_left_as_it_is():
    kept = OrganisationFactory(name_en="Independent Commission Against Corruption", name_zh_hant="香港廉政公署",
                               acronym_en="ICAC", jurisdiction=None)
    reference.load(None)
    kept.refresh_from_db()
    assert kept.name_zh_hant == "香港廉政公署" and kept.version == 1
    assert Organisation.objects.filter(name_en="Independent Commission Against Corruption").count() == 1
    assert organisation("Hong Kong International Academy Against Corruption").parent == kept


@pytest.mark.django_db
def test_a_parent_listed_after_its_child_is_linked(monkeypatch):
    facts = tuple(reversed(reference.ORGANISATIONS))
    monkeypatch.setattr(reference, "ORGANISATIONS", facts)
    reference.load(None)
    assert organisation("European Anti-Fraud Office").parent.name_en == "European Commission"
    assert reference.load(None) == 0


@pytest.mark.django_db
def test_missing_jurisdictions_stop_the_load_with_a_clear_message():
    Jurisdiction.objects.filter(code__in=["MV", "QA"]).delete()
    with pytest.raises(ImproperlyConfigured, match="MV, QA.*liaison migrate"):
        reference.load(None)
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_the_office_itself_is_marked_as_our_own(django_user_model):
    reference.load(django_user_model.objects.create(username="loader"))
    assert Organisation.own().acronym_en == "ICAC"
