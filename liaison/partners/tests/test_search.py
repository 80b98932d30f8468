"""The shared search on organisations and contacts: the same results on SQLite and PostgreSQL, whatever the index.

Runs on whichever database the suite runs on; the expected sets are written out here, so both databases must give
exactly these.
"""

import pytest
from django.db import connection

from liaison.core.search import fts_table, search
from liaison.core.search_index import ensure_search_indexes
from liaison.core.testing import api_client
from liaison.partners import services
from liaison.partners.models import Contact, Organisation

from .factories import ContactFactory, OrganisationFactory

AGENCIES = {
    "ICAC": ("Independent Commission Against Corruption", "廉政公署", "ICAC", "廉署"),
    "CCAC": ("Commission Against Corruption of Macao", "澳門特別行政區廉政公署", "CCAC", ""),
    "NCS": ("National Commission of Supervision", "國家監察委員會", "NCS", ""),
    "SPP": ("Supreme People's Procuratorate", "最高人民檢察院", "SPP", "最高檢"),
    "HKIAAC": ("Hong Kong International Academy Against Corruption", "香港國際廉政學院", "HKIAAC", "廉政學院"),
}
QUERIES = {
    "廉政公署": {"ICAC", "CCAC"},  # Traditional
    "监察委员会": {"NCS"},  # Simplified, five characters
    "澳门": {"CCAC"},  # Simplified, two characters
    "廉": {"ICAC", "CCAC", "HKIAAC"},  # one character
    "廉署": {"ICAC"},  # two characters, an acronym
    "最高 檢": {"SPP"},  # two short words
    "最高檢": {"SPP"},
    "icac": {"ICAC"},
    "ICAC": {"ICAC"},
    "ＳＰＰ": {"SPP"},  # full-width
    "Against Corruption": {"ICAC", "CCAC", "HKIAAC"},  # two words, mixed case
    "aGaInSt": {"ICAC", "CCAC", "HKIAAC"},
    "commission 澳門": {"CCAC"},  # both languages
    "people's": {"SPP"},
    "國際 academy against": {"HKIAAC"},
    "against against corruption": {"ICAC", "CCAC", "HKIAAC"},  # a word twice
    "pp": {"SPP"},
    "zzz": set(),
    "廉 zzz": set(),
}


@pytest.fixture
def agencies(db):
    for name_en, name_zh, acronym_en, acronym_zh in AGENCIES.values():
        OrganisationFactory(name_en=name_en, name_zh_hant=name_zh, acronym_en=acronym_en, acronym_zh_hant=acronym_zh)


def found(query: str) -> set[str]:
    return set(search(Organisation.objects.all(), query).values_list("acronym_en", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_same_results_on_every_database(agencies, query):
    assert found(query) == QUERIES[query]


@pytest.mark.parametrize("query", ['"', 'a"b', "NOT", "廉 OR zzz", "corr*", "NEAR(廉政 公署)", "^icac", "-", "(", "%",
                                   "_"])
def test_search_syntax_is_plain_text(agencies, query):
    """Quotes, operators and wildcards are searched as the characters they are, never as query syntax."""
    expected = {key for key, values in AGENCIES.items()
                if all(word.casefold() in " | ".join(values).casefold() for word in query.split())}
    assert found(query) == expected


def test_blank_query_finds_everything(agencies):
    assert found("   ") == set(AGENCIES)


def test_page_and_api_give_the_same_results(agencies, client_as):
    page = client_as("viewer").get("/partners/organisations/", {"q": "澳门"}).content.decode()
    assert "澳門特別行政區廉政公署" in page and "國家監察委員會" not in page
    api = api_client("viewer").get("/api/partners/organisations/", {"q": "廉"}).json()
    assert {row["acronym_en"] for row in api["results"]} == {"ICAC", "CCAC", "HKIAAC"}


def test_the_index_follows_every_write(db, user_for):
    """Services, bulk inserts, queryset updates and deletes all reach the index (triggers on SQLite)."""
    officer = user_for("officer")
    agency = services.create_organisation(officer, {"kind": "aca", "name_en": "Corruption Eradication Commission",
                                                    "acronym_en": "CEC"})
    assert found("eradication") == {"CEC"}
    services.update_organisation(officer, agency, {"name_en": "Integrity Commission", "acronym_en": "KPK"})
    assert found("eradication") == set() and found("integrity") == {"KPK"}
    Organisation.objects.bulk_create([Organisation(kind="aca", name_en="Anti-Graft Board", acronym_en="AGB",
                                                   search_text="anti-graft board | agb")])
    assert found("graft") == {"AGB"}
    Organisation.objects.filter(acronym_en="AGB").update(search_text="renamed board")
    assert found("graft") == set() and found("renamed") == {"AGB"}
    Organisation.objects.filter(acronym_en="AGB").delete()
    assert found("renamed") == set()


def test_contacts_are_found_by_name_and_email(db):
    ContactFactory(name_en="CHAN Tai-man", name_zh_hant="陳大文", emails=["tm.chan@icac.example"])
    ContactFactory(name_en="Maria Silva", name_zh_hant="", emails=["m.silva@cgu.example"])
    assert set(search(Contact.objects.all(), "陈").values_list("name_en", flat=True)) == {"CHAN Tai-man"}
    assert set(search(Contact.objects.all(), "silva cgu").values_list("name_en", flat=True)) == {"Maria Silva"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table and its triggers")
def test_index_is_rebuilt_when_a_migration_rebuilt_the_table(agencies):
    """SQLite migrations that rebuild a table drop its triggers: the next migrate restores them and the index."""
    table = fts_table(Organisation)
    with connection.cursor() as cursor:
        for kind in ("insert", "update", "delete"):
            cursor.execute(f'DROP TRIGGER "{table}_{kind}"')
    OrganisationFactory(name_en="Added while the triggers were missing", acronym_en="LATE")
    assert found("missing") == set()
    ensure_search_indexes()
    assert found("missing") == {"LATE"}


def test_search_reads_the_index(agencies):
    """The plan of a search (as the list counts it) names the index; on PostgreSQL with sequential scans off, as
    the planner chooses on a large table."""
    queryset = search(Organisation.objects.all(), "廉政公署").order_by()
    if connection.vendor == "sqlite":
        assert f"SCAN {fts_table(Organisation)} VIRTUAL TABLE INDEX" in queryset.explain()
        return
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            assert "partners_organisation_search_trgm" in queryset.explain()
        finally:
            cursor.execute("SET enable_seqscan = on")
