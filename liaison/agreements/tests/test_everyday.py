"""The agreements desk's everyday moves: the likely next move first, a signed agreement recorded in one step."""

import re

import pytest

from liaison.agreements.choices import AgreementStatus
from liaison.agreements.models import Agreement
from liaison.partners.tests.factories import OrganisationFactory

from .factories import AgreementFactory, SignedAgreementFactory

pytestmark = pytest.mark.django_db


def move_options(page: str) -> list[tuple[str, bool]]:
    box = re.search(r'<select name="status"[^>]*id="move_status"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [(value, bool(selected)) for value, selected in re.findall(r'<option value="([^"]*)"( selected)?', box)]


def test_the_likely_next_move_is_offered_first_and_chosen(client_as):
    client = client_as("officer")
    for status, likely in ((AgreementStatus.DRAFT, "negotiation"), (AgreementStatus.NEGOTIATION, "approved"),
                           (AgreementStatus.APPROVED, "signed")):
        agreement = AgreementFactory(status=status)
        options = move_options(client.get(agreement.get_absolute_url()).content.decode())
        assert options[0] == (likely, True), status


def test_after_signing_the_move_box_does_not_choose_expiring(client_as):
    agreement = SignedAgreementFactory()
    options = move_options(client_as("officer").get(agreement.get_absolute_url()).content.decode())
    assert options[0] == ("", True) and ("expiring", False) in options
    refused = client_as("officer").post(f"/agreements/agreements/{agreement.pk}/move/",
                                        {"status": "", "version": agreement.version}, follow=True)
    assert Agreement.objects.get(pk=agreement.pk).status == AgreementStatus.SIGNED
    assert "This field is required." in refused.content.decode()


def test_a_signed_agreement_is_recorded_in_one_step_from_the_list(client_as):
    client = client_as("officer")
    listing = client.get("/agreements/agreements/").content.decode()
    assert 'href="/agreements/agreements/add/?signed=1">Record a signed agreement' in listing
    form = client.get("/agreements/agreements/add/?signed=1").content.decode()
    assert re.search(r'<input type="checkbox" name="already_signed"[^>]*checked', form)
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    response = client.post("/agreements/agreements/add/?signed=1", {
        "already_signed": "on", "kind": "mou", "title_en": "MoU on anti-corruption cooperation",
        "parties": [ours.pk, theirs.pk], "signed_date": "2024-05-02", "notice_days": 90})
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(title_en="MoU on anti-corruption cooperation")
    assert agreement.status == AgreementStatus.SIGNED and str(agreement.signed_date) == "2024-05-02"
