"""Pages of the partner registry through every role, and what a user sees on them."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.core.testing import PageMatrix, changes_of
from liaison.partners.models import Organisation

from .factories import ContactFactory, OrganisationFactory, PositionFactory


class TestOrganisationPages(PageMatrix):
    url_prefix = "partners:organisation"
    factory = OrganisationFactory

    def form_data(self):
        return {"name_en": "Corruption Eradication Commission", "name_zh_hant": "肅貪委員會", "kind": "aca",
                "is_active": "on"}


class TestContactPages(PageMatrix):
    url_prefix = "partners:contact"
    factory = ContactFactory

    def form_data(self):
        return {"name_en": "Jane Doe", "name_zh_hant": "陳大文", "emails": "jane@example.org\njd@example.org"}


@pytest.mark.django_db
def test_simplified_search_finds_traditional_name(client_as):
    OrganisationFactory(name_en="International Association of Anti-Corruption Authorities",
                        name_zh_hant="國際反貪局聯合會", acronym_en="IAACA")
    OrganisationFactory(name_en="Basel Institute on Governance", name_zh_hant="巴塞爾治理研究所")
    client = client_as("viewer")
    found = client.get("/partners/organisations/", {"q": "国际反贪局"}).content.decode()
    assert "國際反貪局聯合會" in found and "巴塞爾治理研究所" not in found
    by_acronym = client.get("/partners/organisations/", {"q": "iaaca"}).content.decode()
    assert "International Association of Anti-Corruption Authorities" in by_acronym


@pytest.mark.django_db
def test_other_names_given_on_the_form_find_the_organisation(client_as):
    client = client_as("officer")
    response = client.post("/partners/organisations/add/", {
        "name_en": "Central Commission for Discipline Inspection", "name_zh_hant": "中共中央紀委",
        "kind": "supervisory", "is_active": "on", "aliases": "中紀委\n 中央紀律檢查委員會 \n\n"})
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.aliases == ["中紀委", "中央紀律檢查委員會"]
    for query in ("中紀委", "中央纪律检查委员会"):
        assert "中共中央紀委" in client.get("/partners/organisations/", {"q": query}).content.decode()
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "中紀委 · 中央紀律檢查委員會" in page
    assert "中紀委\n中央紀律檢查委員會" in client.get(f"{organisation.get_absolute_url()}edit/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("aliases, message", [("<b>x</b>", "HTML or script is not allowed"),
                                              ("y" * 101, "at most 100 characters"),
                                              ("\n".join(f"name {n}" for n in range(20)), "at most 20 other names")])
def test_a_bad_other_name_gets_a_message_and_writes_nothing(client_as, aliases, message):
    response = client_as("officer").post("/partners/organisations/add/", {
        "name_en": "Valid", "kind": "aca", "is_active": "on", "aliases": f"Good\n{aliases}"})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_stale_form_is_refused_and_nothing_overwritten(client_as):
    organisation = OrganisationFactory(name_en="Original")
    first, second = client_as("officer"), client_as("officer")
    data = {"name_en": "First edit", "kind": "aca", "is_active": "on", "version": organisation.version}
    assert first.post(f"/partners/organisations/{organisation.pk}/edit/", data).status_code == 302
    late = second.post(f"/partners/organisations/{organisation.pk}/edit/", {**data, "name_en": "Second edit"})
    assert late.status_code == 200
    assert "changed this record after you opened it" in late.content.decode()
    organisation.refresh_from_db()
    assert organisation.name_en == "First edit"


@pytest.mark.django_db
@pytest.mark.parametrize("bad, message", [
    ({"name_en": "<script>alert(1)</script>"}, "HTML or script is not allowed"),
    ({"name_en": "x" * 301}, "at most 300 characters"),
    ({"name_en": "", "name_zh_hant": ""}, "Give the name in English or Chinese"),
    ({"website": "not a url"}, "Enter a valid URL"),
])
def test_bad_input_gets_a_message_and_writes_nothing(client_as, bad, message):
    data = {"name_en": "Valid", "kind": "aca", "is_active": "on", **bad}
    response = client_as("officer").post("/partners/organisations/add/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_invalid_email_is_refused(client_as):
    response = client_as("officer").post("/partners/contacts/add/", {"name_en": "A", "emails": "good@x.org\nnot-mail"})
    assert response.status_code == 200 and "not-mail" in response.content.decode()


@pytest.mark.django_db
def test_zh_hant_page_shows_chinese_content(client_as):
    OrganisationFactory(name_en="National Commission of Supervision", name_zh_hant="國家監察委員會")
    client = client_as("viewer")
    client.cookies.load({"django_language": "zh-hant"})
    page = client.get("/partners/organisations/").content.decode()
    assert "國家監察委員會" in page and 'lang="zh-Hant-HK"' in page


@pytest.mark.django_db
def test_english_name_falls_back_to_chinese(client_as):
    OrganisationFactory(name_en="", name_zh_hant="澳門特區廉政公署")
    assert "澳門特區廉政公署" in client_as("viewer").get("/partners/organisations/").content.decode()


@pytest.mark.django_db
def test_organisation_page_shows_people_children_and_timeline(client_as):
    parent = OrganisationFactory(name_en="Independent Commission Against Corruption")
    OrganisationFactory(name_en="Hong Kong International Academy Against Corruption", parent=parent)
    PositionFactory(organisation=parent, contact=ContactFactory(name_en="Deputy Commissioner"),
                    start_date="2024-01-02")
    page = client_as("viewer").get(parent.get_absolute_url()).content.decode()
    assert "Hong Kong International Academy Against Corruption" in page
    assert "Deputy Commissioner" in page and "2024-01-02" in page


@pytest.mark.django_db
def test_position_added_on_contact_page_is_logged_on_the_contact(client_as):
    contact, organisation = ContactFactory(), OrganisationFactory()
    client = client_as("officer")
    response = client.post(f"{contact.get_absolute_url()}positions/add/", {
        "organisation": organisation.pk, "title_en": "Chief Investigator", "start_date": "2024-05-01"})
    assert response.status_code == 302 and response["Location"] == contact.get_absolute_url()
    history = client.get(f"{contact.get_absolute_url()}history/").content.decode()
    assert "Chief Investigator" in history


@pytest.mark.django_db
@pytest.mark.parametrize("bad, message", [
    ({"start_date": "2024-13-45"}, "From: Enter a valid date."),
    ({"title_en": "<script>x</script>"}, "HTML or script is not allowed"),
    ({"organisation": "999999"}, "Organisation: Select a valid choice."),
])
def test_bad_position_on_the_contact_page_gets_a_message_and_writes_nothing(client_as, bad, message):
    contact = ContactFactory()
    data = {"organisation": OrganisationFactory().pk, "title_en": "Chief Investigator", **bad}
    response = client_as("officer").post(f"{contact.get_absolute_url()}positions/add/", data, follow=True)
    assert response.redirect_chain == [(contact.get_absolute_url(), 302)]
    assert message in response.content.decode()
    assert not contact.positions.exists()


@pytest.mark.django_db
def test_a_viewer_cannot_add_a_position_and_a_hidden_contact_is_404(client_as):
    contact = ContactFactory()
    data = {"organisation": OrganisationFactory().pk, "title_en": "Chief Investigator"}
    assert client_as("viewer").post(f"{contact.get_absolute_url()}positions/add/", data).status_code == 403
    assert client_as("officer").post("/partners/contacts/999999/positions/add/", data).status_code == 404
    assert not contact.positions.exists()


@pytest.mark.django_db
def test_export_is_the_filtered_list_with_formulas_neutralised(client_as):
    import csv
    import io

    import openpyxl

    OrganisationFactory(name_en="=HYPERLINK(\"http://evil\")", acronym_en="EVIL")
    OrganisationFactory(name_en="Basel Institute on Governance")
    client = client_as("viewer")
    xlsx = client.get("/partners/organisations/", {"export": "xlsx", "q": "evil"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    header, *rows = list(sheet.values)
    name = header.index("Name (English)")
    assert len(rows) == 1 and rows[0][name] == "'=HYPERLINK(\"http://evil\")"
    text = b"".join(client.get("/partners/organisations/", {"export": "csv"}).streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    names = [row[header.index("Name (English)")] for row in rows]
    assert sorted(names) == sorted(["'=HYPERLINK(\"http://evil\")", "Basel Institute on Governance"])


@pytest.mark.django_db
def test_a_chinese_export_has_chinese_headers_and_shows_values_as_the_page_does(client_as):
    import io

    import openpyxl

    from liaison.partners.tests.factories import ContactFactory

    OrganisationFactory(name_en="Basel Institute on Governance", name_zh_hant="巴塞爾治理研究所", kind="academic",
                        is_active=True)
    ContactFactory(emails=["a@example.org", "b@example.org"])
    client = client_as("viewer")
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/partners/organisations/", {"export": "xlsx"}).content))
    header, *rows = list(sheet.active.values)
    assert "類別" in header and "kind" not in header and rows
    row = dict(zip(header, rows[0], strict=True))
    assert row["類別"] == "學術機構" and row[header[header.index("類別") + 2]] == "是"
    text = b"".join(client.get("/partners/contacts/", {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "a@example.org, b@example.org" in text and "['" not in text  # as the page lists them


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/partners/organisations/", "/partners/contacts/"])
def test_list_query_count_does_not_grow_with_rows(client_as, url):
    client = client_as("viewer")
    for _ in range(10):
        PositionFactory()
    small = _queries(client, url + "?per_page=500")
    for _ in range(490):
        PositionFactory()
    assert _queries(client, url + "?per_page=500") == small


@pytest.mark.django_db
def test_detail_query_count_does_not_grow_with_people(client_as):
    client = client_as("viewer")
    organisation = OrganisationFactory()
    for _ in range(10):
        PositionFactory(organisation=organisation, start_date="2024-01-01")
    small = _queries(client, organisation.get_absolute_url())
    for _ in range(490):
        PositionFactory(organisation=organisation, start_date="2024-01-01")
    assert _queries(client, organisation.get_absolute_url()) == small


@pytest.mark.django_db
def test_merge_page_moves_links(client_as):
    keep, remove = OrganisationFactory(), OrganisationFactory()
    PositionFactory(organisation=remove)
    response = client_as("manager").post(f"{keep.get_absolute_url()}merge/", {"other": remove.pk, "confirm": "on"})
    assert response.status_code == 302
    assert keep.positions.count() == 1 and not Organisation.objects.filter(pk=remove.pk).exists()
    assert changes_of(keep, "merge").exists()


@pytest.mark.django_db
def test_position_removal_asks_then_removes(client_as):
    position = PositionFactory()
    client = client_as("manager")
    assert client.get(f"/partners/positions/{position.pk}/delete/").status_code == 200
    assert client.post(f"/partners/positions/{position.pk}/delete/").status_code == 302
    assert not position.contact.positions.exists()


@pytest.mark.django_db
def test_an_organisation_with_many_people_shows_a_page_of_them_and_links_to_all(client_as):
    from liaison.core.timeline import LIMIT
    from liaison.core.views import PAGE_OF_RECORDS
    from liaison.partners.models import Contact, Position

    organisation = OrganisationFactory(name_en="Independent Commission Against Corruption")
    contacts = Contact.objects.bulk_create(Contact(name_en=f"Officer {n:03}") for n in range(PAGE_OF_RECORDS + 5))
    Position.objects.bulk_create(Position(contact=contact, organisation=organisation, title_en="Investigator",
                                          start_date=datetime.date(2020, 1, 1)) for contact in contacts)
    page = client_as("viewer").get(f"/partners/organisations/{organisation.pk}/").content.decode()
    assert page.count("Officer ") == PAGE_OF_RECORDS + LIMIT - 1  # the people, and the timeline's newest entries
    assert f"All {PAGE_OF_RECORDS + 5} posts" in page
    assert f"/partners/contacts/?organisation={organisation.pk}" in page
