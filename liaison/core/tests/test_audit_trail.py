"""The change log is complete and never rewritten: cascades, emptied links, merges, the admin, re-syncs, deleted
records' histories, and change rows nobody can update or delete."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from liaison.agreements import services as agreements
from liaison.agreements.models import AgreementParty
from liaison.agreements.tests.factories import AgreementFactory, FollowUpActionFactory
from liaison.core.changelog import history
from liaison.core.models import AppendOnlyError, ChangeRecord, Jurisdiction
from liaison.core.testing import changes_of, make_user
from liaison.networks import services as networks
from liaison.networks.models import Membership
from liaison.networks.tests.factories import MemberFactory, NetworkFactory, TermFactory
from liaison.partners import services as partners
from liaison.partners.models import Organisation
from liaison.partners.tests.factories import ContactFactory, OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return make_user("manager")


def staff_client(role: str = "administrator") -> Client:
    user = make_user(role)
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


# --- Deletions take their cascades and emptied links into the log ------------------------------------------------


def test_deleting_a_contact_logs_each_position_it_takes_in_the_contacts_history(manager):
    contact = ContactFactory(name_en="Ms Chan")
    positions = [partners.add_position(manager, contact, {"organisation": OrganisationFactory(), "title_en": t})
                 for t in ("Director", "Adviser")]
    pk = contact.pk
    partners.delete_contact(manager, contact)
    for position in positions:
        deletion = changes_of(position, "delete").get()
        assert deletion.before["title_en"] == position.title_en and deletion.user == manager
        assert "Ms Chan" in deletion.said()
    deleted = history(None, manager, model=type(contact), pk=pk)
    assert {(r.content_type.model, r.action) for r in deleted} >= {("contact", "delete"), ("position", "delete")}


def test_deleting_a_contact_logs_the_links_it_empties(manager):
    member = MemberFactory()
    representative = ContactFactory()
    networks.update_membership(manager, member, {"representative": representative})
    partners.delete_contact(manager, representative)
    emptied = changes_of(member, "update").latest("pk")
    assert (emptied.before, emptied.after) == ({"representative": representative.pk}, {"representative": None})
    assert emptied.related_object_id == member.organisation_id  # under the record its history belongs to


def test_deleting_a_membership_logs_its_periods_under_the_membership(manager):
    membership = networks.create_membership(manager, {"network": NetworkFactory(), "organisation":
                                                      OrganisationFactory(), "start_date": datetime.date(2020, 1, 1)})
    networks.approve(manager, membership, datetime.date(2021, 1, 1))
    periods = list(membership.periods.all())
    networks.delete_membership(manager, membership)
    for period in periods:
        assert changes_of(period, "delete").get().related_object_id == membership.pk


def test_deleting_an_agreement_logs_its_parties_and_actions(manager):
    agreement = AgreementFactory()
    action = FollowUpActionFactory(agreement=agreement)
    parties = list(agreement.party_rows.all())
    agreements.delete_agreement(manager, agreement)
    assert changes_of(action, "delete").get().related_object_id == agreement.pk
    assert all(changes_of(party, "delete").get().before["organisation"] == party.organisation_id
               for party in parties) and len(parties) == 2


def test_a_delete_through_the_admin_logs_its_cascade():
    term = TermFactory()
    body = term.body
    response = staff_client().post(f"/admin/networks/body/{body.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert changes_of(body, "delete").get().source == "admin"
    assert changes_of(term, "delete").get().related_object_id == body.network_id


# --- Change rows are append-only ----------------------------------------------------------------------------------


def test_change_records_cannot_be_updated_or_deleted_through_the_orm(manager):
    partners.create_organisation(manager, {"kind": "aca", "name_en": "Kept in the log"})
    record = ChangeRecord.objects.get()
    record.message = "rewritten"
    attempts = [record.save, record.delete, lambda: ChangeRecord.objects.update(message="rewritten"),
                lambda: ChangeRecord.objects.all().delete(), lambda: ChangeRecord._base_manager.update(message="x"),
                lambda: ChangeRecord.objects.bulk_update([record], ["message"])]
    for attempt in attempts:
        with pytest.raises(AppendOnlyError):
            attempt()
    assert ChangeRecord.objects.get().message == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_to_rewrite_change_records_even_in_sql(manager):
    partners.create_organisation(manager, {"kind": "aca", "name_en": "Kept in the log"})
    for sql in ("UPDATE core_changerecord SET message = 'rewritten'", "DELETE FROM core_changerecord"):
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert ChangeRecord.objects.get().message == ""


# --- Merges link histories, move every link logged, and refuse clashes ---------------------------------------------


def test_merge_links_histories_instead_of_rewriting_them(manager):
    keep = OrganisationFactory(name_en="Kept")
    remove = partners.create_organisation(manager, {"kind": "aca", "name_en": "Duplicate"})
    position = PositionFactory(organisation=remove)
    before = list(ChangeRecord.objects.values_list("pk", "object_id", "related_object_id"))
    partners.merge_organisations(manager, keep, remove)
    after = dict((pk, rest) for pk, *rest in ChangeRecord.objects.values_list("pk", "object_id", "related_object_id"))
    assert all(after[pk] == [object_id, related] for pk, object_id, related in before)  # nothing re-pointed
    moved = changes_of(position, "update").get()
    assert (moved.before["organisation"], moved.after["organisation"]) == (remove.pk, keep.pk)
    assert moved.related_object_id == keep.pk and "Duplicate" in moved.said()
    kept_history = set(history(keep, manager))
    assert changes_of(remove, "create").get() in kept_history and moved in kept_history
    assert changes_of(remove, "delete").get().said().startswith("Merged into “Kept”")


def test_merging_two_members_of_one_network_is_refused_with_a_message(manager, client_as):
    network = NetworkFactory()
    keep, remove = MemberFactory(network=network).organisation, MemberFactory(network=network).organisation
    PositionFactory(organisation=remove)
    logged = ChangeRecord.objects.count()
    response = client_as("manager").post(f"{keep.get_absolute_url()}merge/", {"other": remove.pk, "confirm": "on"})
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing was merged" in page and "membership" in page
    assert Organisation.objects.filter(pk=remove.pk).exists() and remove.positions.count() == 1
    assert Membership.objects.filter(organisation=remove).count() == 1 and ChangeRecord.objects.count() == logged


def test_merging_two_parties_of_one_agreement_is_refused_and_keeps_the_signatory(manager):
    agreement = AgreementFactory()
    keep, remove = (party.organisation for party in agreement.party_rows.all())
    signed = agreement.party_rows.get(organisation=remove)
    agreements.update_party(manager, signed, {"signatory": ContactFactory(), "signatory_title_en": "Commissioner"})
    with pytest.raises(ValidationError, match="Nothing was merged"):
        partners.merge_organisations(manager, keep, remove)
    signed.refresh_from_db()
    assert signed.organisation == remove and signed.signatory is not None
    assert AgreementParty.objects.filter(agreement=agreement).count() == 2


def test_merging_two_network_profiles_is_refused(manager):
    keep, remove = NetworkFactory().organisation, NetworkFactory().organisation
    with pytest.raises(ValidationError, match="Nothing was merged"):
        partners.merge_organisations(manager, keep, remove)


# --- A deleted record's history stays readable -------------------------------------------------------------------


def test_a_deleted_records_history_stays_at_its_address_for_those_who_may_view(manager, client_as):
    contact = partners.create_contact(manager, {"name_en": "Mr Lee", "notes": "Met at the Symposium"})
    partners.add_position(manager, contact, {"organisation": OrganisationFactory(), "title_en": "Director"})
    url = f"{contact.get_absolute_url()}history/"
    partners.delete_contact(manager, contact)
    page = client_as("viewer").get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "Mr Lee" in text and "Met at the Symposium" in text and "Director" in text
    assert client_as("none").get(url).status_code == 404
    listing = client_as("viewer").get("/partners/contacts/deleted/").content.decode()
    assert "Mr Lee" in listing and url in listing
    assert client_as("none").get("/partners/contacts/deleted/").status_code == 403  # a list: 403 (core.access)
    assert client_as("viewer").get("/partners/contacts/999999/history/").status_code == 404


def test_a_merged_away_record_links_to_the_record_it_was_merged_into(manager, client_as):
    keep = partners.create_organisation(manager, {"kind": "aca", "name_en": "Kept"})
    remove = partners.create_organisation(manager, {"kind": "aca", "name_en": "Duplicate"})
    partners.merge_organisations(manager, keep, remove)
    page = client_as("viewer").get(f"/partners/organisations/{remove.pk}/history/").content.decode()
    assert keep.get_absolute_url() in page and "Duplicate" in page
    kept = client_as("viewer").get(f"{keep.get_absolute_url()}history/").content.decode()
    assert "Duplicate" in kept


def test_deleted_records_of_a_need_to_know_model_stay_hidden(manager, client_as, monkeypatch):
    contact = partners.create_contact(manager, {"name_en": "Confidential source"})
    url = f"{contact.get_absolute_url()}history/"
    partners.delete_contact(manager, contact)
    monkeypatch.setattr(type(contact), "restrict_for", classmethod(lambda cls, qs, user, action: qs),
                        raising=False)
    client = client_as("manager")
    assert client.get(url).status_code == 404
    assert client.get("/partners/contacts/deleted/").status_code == 404


# --- The admin writes through the services, with their rules -----------------------------------------------------


def test_the_admin_cannot_add_what_the_pages_add_with_their_parent():
    client = staff_client()
    for url in ("/admin/partners/position/add/", "/admin/agreements/agreement/add/",
                "/admin/networks/membership/add/", "/admin/agreements/followupaction/add/"):
        assert client.get(url).status_code == 403, url


def test_the_admin_refuses_a_stale_version_with_a_message():
    organisation = OrganisationFactory(name_en="Original")
    client = staff_client()
    url = f"/admin/partners/organisation/{organisation.pk}/change/"
    form = {"kind": "aca", "name_en": "Mine", "is_active": "on", "expected_version": organisation.version}
    partners.update_organisation(make_user("officer"), organisation, {"name_en": "Theirs"})
    response = client.post(url, form, follow=True)
    organisation.refresh_from_db()
    assert organisation.name_en == "Theirs" and "Someone else changed this record" in response.content.decode()


def test_the_admin_edits_through_the_services_and_is_logged():
    agreement = AgreementFactory(title_en="Old title")
    client = staff_client()
    response = client.post(f"/admin/agreements/agreement/{agreement.pk}/change/", {
        "kind": "mou", "title_en": "New title", "expected_version": agreement.version, "status": "signed"})
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement.refresh_from_db()
    assert agreement.title_en == "New title" and agreement.status == "draft" and agreement.version == 2
    assert changes_of(agreement, "update").get().source == "admin"


# --- Re-synchronising jurisdictions is logged ----------------------------------------------------------------------


def test_jurisdictions_resync_logs_what_it_changes_and_nothing_when_unchanged():
    macao = Jurisdiction.objects.get(code="MO")
    Jurisdiction.objects.filter(pk=macao.pk).update(name_en="Macau")
    macao.tags.clear()
    call_command("jurisdictions", stdout=StringIO())
    change = changes_of(macao, "update").get()
    assert (change.source, change.before["name_en"], change.after["name_en"]) == ("cli", "Macau", "Macao SAR")
    assert change.after["tags"] and not change.before["tags"]
    logged = ChangeRecord.objects.count()
    call_command("jurisdictions", stdout=StringIO())
    assert ChangeRecord.objects.count() == logged


def test_history_of_a_jurisdiction_keeps_working(client_as):
    macao = Jurisdiction.objects.get(code="MO")
    assert client_as("viewer").get(f"/core/jurisdictions/{macao.pk}/history/").status_code == 200
