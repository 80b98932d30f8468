"""The lifecycle and the validation of agreements: allowed moves, refused moves, nothing half-written."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from liaison.agreements import services
from liaison.agreements.choices import AgreementStatus as S
from liaison.agreements.models import Agreement
from liaison.core.testing import changes_of, make_user
from liaison.partners.tests.factories import ContactFactory, OrganisationFactory

from .factories import AgreementFactory, SignedAgreementFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 5, 22)


def _data(**extra):
    return {"kind": "mou", "title_en": "MoU with the KPK", "title_zh_hant": "廉政公署與印尼滅貪署合作諒解備忘錄",
            "parties": [OrganisationFactory(), OrganisationFactory()], **extra}


def test_create_starts_as_draft_and_is_logged():
    user = make_user("officer")
    agreement = services.create_agreement(user, _data(areas=["training", "asset_recovery"]))
    assert agreement.status == S.DRAFT and agreement.parties.count() == 2
    record = changes_of(agreement, "create").get()
    assert record.user == user and len(record.after["parties"]) == 2


def test_whole_lifecycle_each_move_logged():
    user = make_user("officer")
    agreement = services.create_agreement(user, _data())
    for status in (S.NEGOTIATION, S.APPROVED):
        agreement = services.move(user, agreement, status)
    agreement = services.move(user, agreement, S.SIGNED, on=DAY)
    assert agreement.signed_date == DAY and agreement.is_in_force
    agreement = services.move(user, agreement, S.EXPIRING)
    agreement = services.move(user, agreement, S.EXPIRED)
    updates = changes_of(agreement, "update").order_by("pk")
    assert [(u.before["status"], u.after["status"]) for u in updates] == [
        ("draft", "negotiation"), ("negotiation", "approved"), ("approved", "signed"), ("signed", "expiring"),
        ("expiring", "expired")]
    assert "Status: Draft → Under negotiation" in updates[0].said()


@pytest.mark.parametrize("start, wanted", [
    (S.DRAFT, S.SIGNED), (S.DRAFT, S.EXPIRED), (S.NEGOTIATION, S.SIGNED), (S.SIGNED, S.DRAFT),
    (S.SIGNED, S.APPROVED), (S.EXPIRED, S.SIGNED), (S.TERMINATED, S.SIGNED), (S.RENEWED, S.EXPIRED),
])
def test_illegal_moves_are_refused_with_a_message_and_change_nothing(start, wanted):
    agreement = AgreementFactory(status=start, signed_date=DAY)
    with pytest.raises(ValidationError) as refused:
        services.move(make_user("officer"), agreement, wanted, on=DAY, reason="x")
    assert "cannot move to" in refused.value.messages[0]
    agreement.refresh_from_db()
    assert agreement.status == start and not changes_of(agreement).exists()


def test_signing_needs_a_date_and_termination_a_date_and_reason():
    user = make_user("officer")
    agreement = AgreementFactory(status=S.APPROVED)
    with pytest.raises(ValidationError, match="date of signature"):
        services.move(user, agreement, S.SIGNED)
    agreement = services.move(user, agreement, S.SIGNED, on=DAY)
    with pytest.raises(ValidationError, match="reason"):
        services.move(user, agreement, S.TERMINATED, on=DAY)
    with pytest.raises(ValidationError, match="date of termination"):
        services.move(user, agreement, S.TERMINATED, reason="Partner agency dissolved")
    agreement = services.move(user, agreement, S.TERMINATED, on=datetime.date(2025, 1, 2),
                              reason="Partner agency dissolved")
    assert agreement.terminated_on == datetime.date(2025, 1, 2) and agreement.status == S.TERMINATED


def test_renewal_makes_a_linked_new_version():
    user = make_user("officer")
    old = SignedAgreementFactory(term_months=36, expiry_date=datetime.date(2027, 5, 21))
    old, new = services.renew(user, old, {"signed_date": datetime.date(2027, 5, 1)})
    assert old.status == S.RENEWED and new.previous_version == old and new.status == S.SIGNED
    assert set(new.parties.all()) == set(old.parties.all())
    assert new.expiry_date == datetime.date(2030, 5, 1)  # from the term
    assert "Renewed by" in changes_of(old, "update").get().said()
    with pytest.raises(ValidationError, match="cannot move"):
        services.renew(user, old, {})


def test_move_to_renewed_goes_through_renew():
    user = make_user("officer")
    old = SignedAgreementFactory()
    services.move(user, old, S.RENEWED)
    old.refresh_from_db()
    assert old.status == S.RENEWED and old.renewals.get().status == S.DRAFT


def test_stale_version_is_refused():
    user = make_user("officer")
    agreement = AgreementFactory()
    services.move(user, agreement, S.NEGOTIATION, expected_version=agreement.version)
    with pytest.raises(ValidationError, match="changed this record"):
        services.move(user, agreement, S.APPROVED, expected_version=agreement.version)


@pytest.mark.parametrize("bad, field", [
    ({"signed_date": DAY, "expiry_date": DAY - datetime.timedelta(days=1), "status": "signed"}, "expiry_date"),
    ({"parties": "one"}, "parties"),
    ({"title_en": "", "title_zh_hant": ""}, "title_en"),
    ({"title_en": "<script>x</script>"}, "title_en"),
    ({"areas": ["bribery"]}, "areas"),
    ({"status": "signed"}, "signed_date"),
    ({"status": "expired", "signed_date": DAY}, "status"),
])
def test_bad_input_is_refused_and_nothing_written(bad, field):
    data = _data(**bad)
    if data["parties"] == "one":
        data["parties"] = [OrganisationFactory()]
    with pytest.raises(ValidationError) as refused:
        services.create_agreement(make_user("officer"), data)
    assert field in refused.value.message_dict
    assert not Agreement.objects.exists()


def test_a_party_must_be_an_organisation():
    with pytest.raises(ValidationError, match="must be an organisation"):
        services.create_agreement(make_user("officer"), _data(parties=[OrganisationFactory(), ContactFactory()]))
    assert not Agreement.objects.exists()


def test_edit_cannot_change_status():
    agreement = AgreementFactory()
    with pytest.raises(ValidationError, match="with a move"):
        services.update_agreement(make_user("officer"), agreement, {"status": S.SIGNED})


def test_signatory_and_actions_appear_in_the_agreement_history():
    user = make_user("officer")
    agreement = AgreementFactory()
    party = agreement.party_rows.first()
    services.update_party(user, party, {"signatory": ContactFactory(), "signatory_title_en": "Commissioner"})
    action = services.add_action(user, agreement, {"title_en": "Draft the training plan", "owner": user})
    services.update_action(user, action, {"status": "done"})
    from liaison.core.changelog import history

    assert history(agreement, user).count() == 3
