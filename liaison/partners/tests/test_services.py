"""Services of the partner registry: validation, change log, concurrency, merge."""

import pytest
from django.core.exceptions import ValidationError

from liaison.core.changelog import change_context, history
from liaison.core.models import ChangeRecord, Tag
from liaison.core.services import ConcurrentEditError
from liaison.core.testing import changes_of, make_user
from liaison.partners import services
from liaison.partners.models import Contact, Organisation, Position

from .factories import ContactFactory, OrganisationFactory, PositionFactory


@pytest.fixture
def officer(db):
    return make_user("officer")


def test_create_logs_who_what_and_where(officer):
    with change_context("cli", "req-1"):
        organisation = services.create_organisation(officer, {
            "kind": "aca", "name_en": "Anti-Corruption Agency of Kazakhstan", "name_zh_hant": "哈薩克斯坦反貪局"})
    record = changes_of(organisation).get()
    assert (record.action, record.source, record.request_id, record.user) == ("create", "cli", "req-1", officer)
    assert record.after["name_zh_hant"] == "哈薩克斯坦反貪局"


def test_update_logs_before_and_after_including_tags(officer):
    organisation = OrganisationFactory(name_en="Old name")
    tag = Tag.objects.create(slug="partner", name_en="Partner")
    services.update_organisation(officer, organisation, {"name_en": "New name", "tags": [tag]})
    record = changes_of(organisation, "update").get()
    assert record.before["name_en"] == "Old name" and record.after["name_en"] == "New name"
    assert record.before["tags"] == [] and record.after["tags"] == [tag.pk]


def test_an_update_that_changes_nothing_is_not_logged(officer):
    organisation = OrganisationFactory()
    services.update_organisation(officer, organisation, {"name_en": organisation.name_en})
    assert not changes_of(organisation, "update").exists()


def test_invalid_data_writes_nothing(officer):
    with pytest.raises(ValidationError) as error:
        services.create_organisation(officer, {"kind": "aca", "name_en": "<b>bold</b>"})
    assert "name_en" in error.value.message_dict
    assert not Organisation.objects.exists() and not ChangeRecord.objects.exists()


def test_stale_version_is_refused_and_nothing_overwritten(officer):
    organisation = OrganisationFactory(name_en="Original")
    opened_at = organisation.version
    services.update_organisation(officer, Organisation.objects.get(pk=organisation.pk), {"name_en": "First"},
                                 expected_version=opened_at)
    with pytest.raises(ConcurrentEditError):
        services.update_organisation(officer, Organisation.objects.get(pk=organisation.pk), {"name_en": "Second"},
                                     expected_version=opened_at)
    organisation.refresh_from_db()
    assert organisation.name_en == "First" and changes_of(organisation, "update").count() == 1


def test_an_organisation_cannot_sit_under_itself(officer):
    top = OrganisationFactory()
    middle = OrganisationFactory(parent=top)
    with pytest.raises(ValidationError):
        services.update_organisation(officer, top, {"parent": middle})


def test_position_end_before_start_is_refused(officer):
    with pytest.raises(ValidationError) as error:
        services.add_position(officer, ContactFactory(), {
            "organisation": OrganisationFactory(), "start_date": "2024-05-01", "end_date": "2024-01-01"})
    assert "end_date" in error.value.message_dict
    assert not Position.objects.exists()


def test_delete_logs_what_the_record_held(officer):
    organisation = OrganisationFactory(name_en="Gone")
    pk = organisation.pk
    services.delete_organisation(officer, organisation)
    record = ChangeRecord.objects.get(action="delete", object_id=pk)
    assert record.before["name_en"] == "Gone"


def test_merge_organisations_keeps_every_link_and_both_histories(officer):
    keep = OrganisationFactory(name_en="Kept", website="")
    remove = OrganisationFactory(name_en="Duplicate", website="https://example.org")
    child = OrganisationFactory(parent=remove)
    position = PositionFactory(organisation=remove)
    tag = Tag.objects.create(slug="belt-and-road-test", name_en="B&R")
    remove.tags.add(tag)
    services.update_organisation(officer, remove, {"notes": "edited before merge"})
    removed_pk = remove.pk

    services.merge_organisations(officer, keep, remove)

    keep.refresh_from_db()
    child.refresh_from_db()
    position.refresh_from_db()
    assert not Organisation.objects.filter(pk=removed_pk).exists()
    assert child.parent == keep and position.organisation == keep
    assert list(keep.tags.all()) == [tag]
    assert keep.website == "https://example.org"
    removed_update = ChangeRecord.objects.get(action="update", object_id=removed_pk,
                                              content_type__model="organisation")
    # keep's history includes the removed record's, linked, not re-pointed
    assert removed_update in history(keep, officer)
    merge = changes_of(keep, "merge").get()
    assert "Duplicate" in merge.said() and merge.merged_object_id == removed_pk


def test_merge_never_makes_a_record_its_own_parent(officer):
    remove = OrganisationFactory()
    keep = OrganisationFactory(parent=remove)
    services.merge_organisations(officer, keep, remove)
    keep.refresh_from_db()
    assert keep.parent is None


def test_merge_contacts_combines_emails_and_moves_positions(officer):
    keep = ContactFactory(emails=["a@example.org"])
    remove = ContactFactory(emails=["b@example.org", "a@example.org"])
    PositionFactory(contact=remove)
    services.merge_contacts(officer, keep, remove)
    keep.refresh_from_db()
    assert keep.emails == ["a@example.org", "b@example.org"]
    assert keep.positions.count() == 1 and Contact.objects.count() == 1


def test_merge_refuses_a_record_with_itself(officer):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.merge_organisations(officer, organisation, organisation)


def test_only_one_organisation_is_our_own(officer):
    ours = OrganisationFactory(is_own=True)
    with pytest.raises(ValidationError) as error:
        services.create_organisation(officer, {"kind": "aca", "name_en": "Another", "is_own": True})
    assert "is_own" in error.value.message_dict
    assert Organisation.own() == ours
