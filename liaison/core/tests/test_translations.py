"""繁體中文 everywhere: every message translated, and no English of ours left on a zh-hant page."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import gettext, override
from drf_spectacular.generators import SchemaGenerator

from liaison.core.testing import make_user
from liaison.partners.tests.factories import ContactFactory, OrganisationFactory, PositionFactory

CATALOGUES = [Path(path) / "zh_Hant" / "LC_MESSAGES" / "django.po" for path in settings.LOCALE_PATHS]


def catalogue():
    """Every message of the shared catalogue and of the areas' own."""
    messages = []
    for path in CATALOGUES:
        if path.exists():
            with path.open("rb") as handle:
                messages.extend(read_po(handle))
    return messages


def test_every_message_has_a_chinese_translation():
    missing = [m.id for m in catalogue() if m.id and (not m.string or m.fuzzy or
                                                       (isinstance(m.string, tuple) and not all(m.string)))]
    assert missing == []


def test_compiled_catalogue_is_up_to_date():
    stale = []
    with override("zh-hant"):
        for message in catalogue():
            if message.id and not message.pluralizable and not message.context:
                if gettext(message.id) != message.string:
                    stale.append(message.id)
    assert stale == [], "run `make messages` to compile the catalogue"


class TextNodes(HTMLParser):
    """The visible text of a page that is ours to translate.

    Skipped: scripts and styles, code (identifiers a user types, such as column headers), and content marked as
    English (`lang="en"`, e.g. a record's English name shown beside its Chinese one).
    """

    SKIPPED = {"script", "style", "code"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.texts, self._open = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self._open.append(tag in self.SKIPPED or (attrs.get("lang") or "").startswith("en"))
        if not self.skipping:
            for name in ("placeholder", "title", "aria-label"):
                if attrs.get(name):
                    self.texts.append(attrs[name].strip())

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._open:
            self._open.pop()

    @property
    def skipping(self) -> bool:
        return any(self._open)

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data.strip())


# English prose: a word followed by a lower-case word ("Nothing matches", "Add a position").
PROSE = re.compile(r"[A-Za-z]{2,} [a-z]{2,}")


def english_messages() -> set[str]:
    return {m.id for m in catalogue() if m.id and not m.pluralizable and len(m.id) > 2}


@pytest.mark.django_db
def test_zh_hant_pages_show_no_english_of_ours(client_as):
    organisation = OrganisationFactory(name_en="Anti-Corruption Agency", name_zh_hant="反貪機構")
    contact = ContactFactory()
    PositionFactory(organisation=organisation, contact=contact, start_date="2024-01-01")
    client = client_as("manager")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    english = english_messages()
    pages = ["/", "/partners/organisations/", "/partners/organisations/add/", organisation.get_absolute_url(),
             f"{organisation.get_absolute_url()}history/", f"{organisation.get_absolute_url()}edit/",
             f"{organisation.get_absolute_url()}merge/", f"{organisation.get_absolute_url()}delete/",
             "/partners/contacts/", contact.get_absolute_url(), "/partners/contacts/add/", "/core/jurisdictions/",
             "/partners/organisations/import/", "/partners/contacts/import/"]
    leftovers = {}
    for url in pages:
        parser = TextNodes()
        parser.feed(client.get(url).content.decode())
        found = sorted({text for text in parser.texts if text in english or PROSE.search(text)})
        if found:
            leftovers[url] = found
    assert leftovers == {}


def leftovers_on(client, pages) -> dict:
    """English of ours found on each page, by URL."""
    english, found = english_messages(), {}
    for url in pages:
        parser = TextNodes()
        parser.feed(client.get(url).content.decode())
        texts = sorted({text for text in parser.texts if text in english or PROSE.search(text)})
        if texts:
            found[url] = texts
    return found


@pytest.mark.django_db
def test_zh_hant_network_and_agreement_pages_show_no_english_of_ours(client_as):
    from liaison.agreements.tests.factories import FollowUpActionFactory, SignedAgreementFactory
    from liaison.networks.tests.factories import BodyFactory, BodyMeetingFactory, MemberFactory, TermFactory

    member = MemberFactory()
    body = BodyFactory(network=member.network)
    TermFactory(body=body)
    BodyMeetingFactory(body=body, title_zh_hant="執行委員會會議", place_zh_hant="香港")
    agreement = SignedAgreementFactory()
    FollowUpActionFactory(agreement=agreement)
    client = client_as("manager")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    network = member.network.get_absolute_url()
    pages = ["/networks/networks/", network, f"{network}history/", "/networks/memberships/",
             member.get_absolute_url(), f"/networks/terms/add/?body={body.pk}", "/networks/memberships/import/",
             "/agreements/agreements/", agreement.get_absolute_url(), f"{agreement.get_absolute_url()}edit/",
             "/agreements/agreements/add/", "/agreements/coverage/", "/agreements/reminders/",
             "/agreements/actions/", "/agreements/actions/mine/", "/core/calendar/?kind=協議"]
    assert leftovers_on(client, pages) == {}


def test_filter_labels_follow_the_reader_after_the_api_schema_was_built(client_as):
    SchemaGenerator().get_schema(request=None, public=True)  # in English, as /api/schema/ may be first asked
    client = client_as("viewer")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    parser = TextNodes()
    parser.feed(client.get("/core/jurisdictions/").content.decode())
    assert "類別" in parser.texts and "Kind" not in parser.texts


# --- The crawl: every page in 繁體中文 over the reference data, history pages included ------------------------------

# A Python literal or value shown as it is stored: True/False/None, a list or a dict as Python writes it.
RAW_VALUE = re.compile(r"^(True|False|None)$|\[\s*'|\{\s*'|'\s*\]")
# A stored code: a lower-case identifier, shown where its label belongs (`mou`, `law_enforcement`).
CODE = re.compile(r"(?<![\w@./:-])[a-z]+(?:_[a-z]+)*(?![\w@./:-])")
SAMPLES = 3  # records per record route: enough to meet every kind of value, fast enough for `make test`


def choice_codes() -> set[str]:
    """The codes of every choice of our models (each shown by its label on a page)."""
    from django.apps import apps

    codes = set()
    for model in apps.get_models():
        if model.__module__.startswith("liaison."):
            for field in model._meta.get_fields():
                codes.update(str(value) for value, _label in getattr(field, "flatchoices", None) or ())
            for choices in getattr(model, "item_choices", {}).values():
                codes.update(choices.values)
    return codes


def crawl_urls() -> list[str]:
    """Every HTML page a user reaches by a link: the pages of no record once, those of a record for a few."""
    from liaison.core.testing import page_access, page_routes

    urls = []
    for route, name, callback in page_routes():
        if route.endswith((".svg", ".xlsx", "download/", "status/")) or name in ("logout", "set_language", "login"):
            continue
        if "<" not in route:
            urls.append(f"/{route}")
            continue
        access = page_access(route, name, callback, "get")
        if route.count("<") == 1 and "<int:pk>" in route and access.model is not None:
            for pk in access.model._default_manager.order_by("pk").values_list("pk", flat=True)[:SAMPLES]:
                urls.append("/" + route.replace("<int:pk>", str(pk)))
    return urls


def raw_values_on(texts, codes) -> list[str]:
    return sorted({text for text in texts if RAW_VALUE.search(text) or set(CODE.findall(text)) & codes})


def content_lines() -> set[str]:
    """Every line of text our records hold: what users (and the reference data) wrote is theirs, not ours."""
    from django.apps import apps
    from django.db import models

    lines = set()
    for model in apps.get_models():
        if model.__module__.startswith("liaison.") and model._meta.app_label != "core":
            names = [f.name for f in model._meta.concrete_fields
                     if isinstance(f, models.CharField | models.TextField | models.JSONField)]
            for values in model._base_manager.values_list(*names):
                for value in values:
                    # A list field (e.g. a delegation's languages) holds lines a user typed, one per item.
                    items = value if isinstance(value, list) else [value]
                    lines.update(line.strip() for item in items if isinstance(item, str) and item
                                 for line in item.splitlines())
    return lines


def is_content(text: str, lines: set[str]) -> bool:
    return all(line.strip() in lines for line in text.splitlines() if line.strip())


def make_history() -> list[str]:
    """Changes of every kind the history shows (a status move, a yes/no, a list, a merge, a deletion); the
    history pages that show them."""
    from liaison.agreements import services as agreements
    from liaison.partners import services as partners
    from liaison.partners.models import Organisation

    manager = make_user("manager", username="crawl-manager")
    parties = list(Organisation.objects.order_by("pk")[:2])
    draft = agreements.create_agreement(manager, {"kind": "mou", "title_en": "Crawled MoU",
                                                  "title_zh_hant": "巡查備忘錄", "parties": parties})
    draft = agreements.move(manager, draft, "negotiation")
    agreements.update_agreement(manager, draft, {"auto_renew": True, "areas": ["investigation", "training"]})
    organisation = Organisation.objects.filter(is_own=False).order_by("pk").first()
    partners.update_organisation(manager, organisation, {"is_active": False})
    twin = partners.create_organisation(manager, {"kind": "aca", "name_en": "Twin", "name_zh_hant": "孿生機構"})
    partners.merge_organisations(manager, organisation, twin)
    gone = partners.create_organisation(manager, {"kind": "aca", "name_en": "Gone", "name_zh_hant": "已刪除機構"})
    partners.delete_organisation(manager, gone)
    return [f"{draft.get_absolute_url()}history/", f"{organisation.get_absolute_url()}history/",
            f"/partners/organisations/{gone.pk}/history/"]


@pytest.mark.django_db
def test_crawl_every_page_in_chinese_finds_no_raw_value_or_english_of_ours(client_as, settings, tmp_path):
    from liaison.core.areas import reference_loaders

    settings.MEDIA_ROOT = tmp_path / "media"
    for _label, load in reference_loaders():
        load(None)
    changed = make_history()
    client = client_as("manager")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    english, codes, content, found = english_messages(), choice_codes(), content_lines(), {}
    urls = crawl_urls() + changed
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = TextNodes()
        parser.feed(response.content.decode())
        ours = [text for text in parser.texts if not is_content(text, content)]
        wrong = {text for text in ours if text in english or PROSE.search(text)} | set(raw_values_on(ours, codes))
        if wrong:
            found[url] = sorted(wrong)
    assert len(urls) > 50
    assert found == {}, "\n".join(f"{url}: {texts}" for url, texts in found.items())
