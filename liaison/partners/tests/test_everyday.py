"""The everyday tasks of the registry: a person with their post in one form, choices by type-ahead."""

import re

import pytest

from liaison.core.testing import make_user
from liaison.partners.models import Contact, Organisation

from .factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_add_person_here_opens_the_person_form_with_the_organisation_chosen(client_as):
    organisation = OrganisationFactory(name_en="Independent Commission Against Corruption of Mauritius")
    client = client_as("officer")
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert f'/partners/contacts/add/?organisation={organisation.pk}' in page
    form = client.get(f"/partners/contacts/add/?organisation={organisation.pk}").content.decode()
    assert re.search(rf'<option value="{organisation.pk}" selected>Independent Commission', form)
    assert 'id="id_title_en"' in form


def test_a_person_and_their_post_are_saved_in_one_step(client_as):
    organisation = OrganisationFactory()
    response = client_as("officer").post("/partners/contacts/add/", {
        "name_en": "Jane Tan", "name_zh_hant": "陳珍", "organisation": organisation.pk,
        "title_en": "Director", "title_zh_hant": "總監", "start_date": "2024-03-01"})
    assert response.status_code == 302
    contact = Contact.objects.get(name_en="Jane Tan")
    position = contact.positions.get()
    assert (position.organisation, position.title_en, str(position.start_date)) == (organisation, "Director",
                                                                                     "2024-03-01")


def test_a_post_without_its_organisation_is_refused_and_nothing_is_written(client_as):
    response = client_as("officer").post("/partners/contacts/add/", {"name_en": "Jane Tan", "title_en": "Director"})
    assert response.status_code == 200 and "Choose the organisation of this post." in response.content.decode()
    assert not Contact.objects.filter(name_en="Jane Tan").exists()


def test_a_hidden_organisation_is_refused_as_the_post(client_as, monkeypatch):
    from liaison.core.testing import hide

    organisation = OrganisationFactory()
    hide(monkeypatch, organisation)
    response = client_as("officer").post("/partners/contacts/add/", {"name_en": "Jane Tan",
                                                                     "organisation": organisation.pk})
    assert response.status_code == 200 and not Contact.objects.filter(name_en="Jane Tan").exists()


def test_forms_render_only_the_chosen_organisation_not_the_whole_table(client_as):
    OrganisationFactory.create_batch(30)
    position = PositionFactory()
    client = client_as("officer")
    add_form = client.get("/partners/organisations/add/").content.decode()
    parent_select = re.search(r'<select name="parent"[^>]*>(.*?)</select>', add_form, re.S)
    assert 'data-lookup="/core/lookup/partners/organisation/"' in parent_select.group(0)
    assert parent_select.group(1).count("<option") == 1  # the empty choice only
    contact_page = client.get(f"/partners/contacts/{position.contact.pk}/").content.decode()
    assert contact_page.count("<option") < 5
    list_page = client.get(f"/partners/contacts/?organisation={position.organisation.pk}").content.decode()
    chosen = re.search(r'<select name="organisation"[^>]*>(.*?)</select>', list_page, re.S).group(1)
    assert chosen.count("<option") == 2 and str(position.organisation) in chosen


def test_lookup_finds_traditional_by_simplified_a_page_at_most_and_only_what_the_user_may_see(client_as,
                                                                                              monkeypatch):
    from liaison.core.testing import hide

    wanted = OrganisationFactory(name_en="Corruption Eradication Commission", name_zh_hant="肅貪委員會")
    hidden = OrganisationFactory(name_en="Hidden Commission", name_zh_hant="隱藏肅貪委員會")
    OrganisationFactory.create_batch(25)
    hide(monkeypatch, hidden)
    client = client_as("viewer")
    found = client.get("/core/lookup/partners/organisation/", {"q": "肃贪"}).json()
    assert [item["value"] for item in found["results"]] == [wanted.pk] and found["more"] is False
    first_page = client.get("/core/lookup/partners/organisation/").json()
    assert len(first_page["results"]) == 20 and first_page["more"] is True
    assert client_as("none").get("/core/lookup/partners/organisation/").status_code == 403
    assert client.get("/core/lookup/partners/organisation/", {"q": "x" * 500}).status_code == 400
    assert Organisation.objects.count() == 27


def test_active_filter_offers_any_first(client_as):
    page = client_as("viewer").get("/partners/organisations/").content.decode()
    active = re.search(r'<select name="is_active"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", active) == ["Any", "Yes", "No"]


def test_date_inputs_ask_for_an_iso_date_in_every_language():
    from liaison.partners.forms import PositionForm

    widget = str(PositionForm(user=make_user("officer"))["start_date"])
    assert 'placeholder="YYYY-MM-DD"' in widget and 'type="text"' in widget
