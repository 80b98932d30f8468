"""Records hidden by need-to-know are never offered, never accepted as a link, and never shown in a history."""

import pytest

from liaison.core import changelog
from liaison.core.testing import api_client, if_match, make_user
from liaison.partners import services
from liaison.partners.forms import OrganisationForm
from liaison.partners.models import Organisation, Position

from .factories import OrganisationFactory


@pytest.fixture
def hidden(monkeypatch, db):
    """An organisation nobody may see, as a need-to-know rule (`restrict_for`) would hide it."""
    secret = OrganisationFactory(name_en="Hidden agency")
    monkeypatch.setattr(Organisation, "restrict_for",
                        classmethod(lambda cls, queryset, user, action: queryset.exclude(pk=secret.pk)), raising=False)
    return secret


def test_a_form_neither_offers_nor_accepts_a_hidden_record(hidden):
    visible = OrganisationFactory(name_en="Visible agency")
    officer = make_user("officer")
    offered = OrganisationForm(user=officer).fields["parent"].queryset
    assert visible in offered and hidden not in offered
    form = OrganisationForm({"name_en": "Child", "kind": "aca", "parent": hidden.pk}, user=officer)
    assert not form.is_valid() and "Select a valid choice" in str(form.errors["parent"])
    with pytest.raises(TypeError):
        OrganisationForm(user=None)


def test_a_form_restricts_a_choice_set_after_it_was_built(hidden):
    form = OrganisationForm(user=make_user("officer"))
    form.fields["parent"].queryset = Organisation.objects.all()
    assert hidden not in form["parent"].field.queryset


def test_the_api_refuses_a_link_to_a_hidden_record_like_one_to_nothing(hidden):
    client = api_client("officer")
    answers = [client.post("/api/partners/organisations/", {"kind": "aca", "name_en": "Child", "parent": pk},
                           format="json") for pk in (hidden.pk, 987654321)]
    assert [a.status_code for a in answers] == [400, 400]
    messages = [str(a.json()["parent"]).replace(str(pk), "#") for a, pk in zip(answers, (hidden.pk, 987654321),
                                                                               strict=True)]
    assert messages[0] == messages[1]
    assert not Organisation.objects.filter(name_en="Child").exists()


@pytest.mark.django_db
def test_the_version_in_json_is_read_only():
    organisation = OrganisationFactory()
    response = api_client("officer").patch(f"/api/partners/organisations/{organisation.pk}/",
                                           {"version": 99, "notes": "x"}, format="json", **if_match(organisation))
    assert response.status_code == 200 and response.json()["version"] == 2


@pytest.mark.django_db
def test_history_leaves_out_changes_of_records_the_reader_may_not_see(monkeypatch, client_as):
    manager = make_user("manager")
    contact = services.create_contact(manager, {"name_en": "Jane Doe"})
    services.add_position(manager, contact, {"organisation": OrganisationFactory(), "title_en": "Secret post"})
    client, url = client_as("manager"), f"{contact.get_absolute_url()}history/"
    assert changelog.history(contact, manager).count() == 2 and "Secret post" in client.get(url).content.decode()
    monkeypatch.setattr(Position, "restrict_for", classmethod(lambda cls, queryset, user, action: queryset.none()),
                        raising=False)
    assert changelog.history(contact, manager).count() == 1
    assert "Secret post" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_an_edit_keeps_the_links_its_author_may_not_see(monkeypatch, client_as):
    from liaison.core.models import Tag

    shown, unseen = Tag.objects.order_by("pk")[:2]
    organisation = OrganisationFactory(name_en="Tagged")
    organisation.tags.set([shown, unseen])
    monkeypatch.setattr(Tag, "restrict_for", classmethod(lambda cls, queryset, user, action: queryset.exclude(
        pk=unseen.pk)), raising=False)
    response = client_as("officer").post(f"/partners/organisations/{organisation.pk}/edit/", {
        "name_en": "Tagged", "kind": "aca", "is_active": "on", "tags": [], "version": organisation.version})
    assert response.status_code == 302
    assert set(organisation.tags.all()) == {unseen}
    organisation.refresh_from_db()
    answer = api_client("officer").patch(f"/api/partners/organisations/{organisation.pk}/", {"tags": [shown.slug]},
                                         format="json", **if_match(organisation))
    assert answer.status_code == 200 and answer.json()["tags"] == [shown.slug]
    assert set(organisation.tags.all()) == {shown, unseen}
