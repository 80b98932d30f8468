"""繁體中文 everywhere: every message translated, and no English of ours left on a zh-hant page."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import gettext, override
from drf_spectacular.generators import SchemaGenerator

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
             "/agreements/actions/", "/agreements/actions/mine/", "/agreements/calendar/"]
    assert leftovers_on(client, pages) == {}


def test_filter_labels_follow_the_reader_after_the_api_schema_was_built(client_as):
    SchemaGenerator().get_schema(request=None, public=True)  # in English, as /api/schema/ may be first asked
    client = client_as("viewer")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    parser = TextNodes()
    parser.feed(client.get("/core/jurisdictions/").content.decode())
    assert "類別" in parser.texts and "Kind" not in parser.texts
