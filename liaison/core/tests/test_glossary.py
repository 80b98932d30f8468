"""The office's words (glossary.toml) on the 繁體中文 pages that use them, in the catalogue and the reference data."""

import re
import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings

from liaison.agreements.models import Agreement
from liaison.core.models import Jurisdiction
from liaison.core.testing import api_client
from liaison.core.tests.test_translations import TextNodes, catalogue
from liaison.networks.models import Membership, Network
from liaison.partners.models import Organisation

GLOSSARY = tomllib.loads((Path(__file__).parent / "glossary.toml").read_text(encoding="utf-8"))
TERMS = GLOSSARY["term"]
WRONG = sorted({variant for term in TERMS for variant in term.get("wrong", ())})
CJK = re.compile(r"[\u3400-\u9fff]")
# Quotes in Chinese text are 「」 and 『』: curly quotes, or straight ones around Chinese, are the English style.
ENGLISH_QUOTES = re.compile(r"[“”‘’]|\"[^\"]*[\u3400-\u9fff][^\"]*\"")


def faults(text: str) -> list[str]:
    """The glossary's wrong variants, and English-style quotes, in a piece of Chinese text."""
    if not CJK.search(text):
        return []
    return [variant for variant in WRONG if variant in text] + ENGLISH_QUOTES.findall(text)


def test_every_term_names_pages_that_exist_and_wrong_variants_differ_from_it():
    for term in TERMS:
        assert set(term.get("pages", ())) <= set(PAGES), term["en"]
        assert not [variant for variant in term.get("wrong", ()) if variant in term["zh"]], term["en"]


def test_catalogue_uses_the_glossary_words():
    found = {}
    for message in catalogue():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if message.id and faults(string):
                found[str(message.id)] = faults(string)
    assert found == {}


def chinese_values():
    """(model, field, value) of every Traditional Chinese content field of Liaison's records."""
    for model in apps.get_models():
        if not model.__module__.startswith("liaison."):
            continue
        fields = [f.name for f in model._meta.concrete_fields if f.name.endswith("_zh_hant")]
        # Every stored row, read as the database holds it (a need-to-know model's `objects` fails closed).
        for row in model._base_manager.values(*fields) if fields else ():
            for name, value in row.items():
                if value:
                    yield model.__name__, name, value


def test_registry_holds_the_glossary_names_and_search_finds_every_other_name(reference_data, db):
    client = api_client("viewer")
    missing = []
    for entry in GLOSSARY["organisation"]:
        organisation = Organisation.objects.get(name_en=entry["en"])
        if organisation.name_zh_hant != entry["zh"] or organisation.acronym_zh_hant != entry.get(
                "short", organisation.acronym_zh_hant):
            missing.append((entry["en"], organisation.name_zh_hant, organisation.acronym_zh_hant))
        missing += [(entry["en"], query) for query in entry.get("search", ())
                    if organisation.pk not in found(client, "/api/partners/organisations/", query, "id")]
    for entry in GLOSSARY["jurisdiction"]:
        jurisdiction = Jurisdiction.objects.get(code=entry["code"])
        if jurisdiction.name_zh_hant != entry["zh"]:
            missing.append((entry["code"], jurisdiction.name_zh_hant))
        missing += [(entry["code"], query) for query in entry.get("search", ())
                    if jurisdiction.code not in found(client, "/api/core/jurisdictions/", query, "code")]
    assert missing == []


def found(client, list_url: str, query: str, key: str) -> set:
    """What a search (`?q=`, as on every page and API list) finds, by `key`."""
    return {row[key] for row in client.get(list_url, {"q": query, "limit": 100}).json()["results"]}


def jurisdiction(code: str) -> str:
    return Jurisdiction.objects.get(code=code).get_absolute_url()


PAGES = {
    "home": lambda: "/",
    "reminders": lambda: "/agreements/reminders/",
    "coverage": lambda: "/agreements/coverage/",
    "agreements": lambda: "/agreements/agreements/",
    "agreement": lambda: Agreement.objects.get(parties__acronym_en="KPK").get_absolute_url(),
    "jurisdictions": lambda: "/core/jurisdictions/?tag=belt-and-road",
    "taiwan": lambda: jurisdiction("TW"),
    "hong-kong": lambda: jurisdiction("HK"),
    "mainland": lambda: jurisdiction("CN"),
    "indonesia": lambda: jurisdiction("ID"),
    "network": lambda: Network.objects.get(organisation__acronym_en="IAACA").get_absolute_url(),
    "membership": lambda: Membership.objects.get(organisation__acronym_en="ICAC",
                                                 network__organisation__acronym_en="ACTWG").get_absolute_url(),
    "ccdi": lambda: Organisation.objects.get(acronym_en="CCDI").get_absolute_url(),
    "history": lambda: f"{Organisation.objects.get(acronym_en='CCDI').get_absolute_url()}history/",
}


def test_reference_data_and_zh_hant_pages_use_the_glossary_words(reference_data, client_as):
    assert sorted({(model, field, value) for model, field, value in chinese_values() if faults(value)}) == []
    client = client_as("manager")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    absent, wrong = [], {}
    for key, url in PAGES.items():
        parser = TextNodes()
        parser.feed(client.get(url()).content.decode())
        text = "\n".join(parser.texts)
        absent += [(key, term["zh"]) for term in TERMS if key in term.get("pages", ()) and term["zh"] not in text]
        found = sorted({fault for node in parser.texts for fault in faults(node)})
        if found:
            wrong[key] = found
    assert absent == []
    assert wrong == {}
