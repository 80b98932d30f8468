"""Registration through an invitation link, without an account: the form, its refusals and the e-mail."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from liaison.core.testing import make_user, run_jobs
from liaison.events import services, views
from liaison.events.models import Registration
from liaison.events.tests.factories import EventFactory
from liaison.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

FORM = {"name_en": "Chan Tai Man", "name_zh_hant": "陳大文", "position_en": "Investigator", "role": "delegate",
        "email": "chan@example.org", "language": "zh-hant"}


@pytest.fixture
def invitation():
    made, secret = services.create_invitation(make_user("officer"), {
        "event": EventFactory(title_en="8th Symposium", title_zh_hant="第八屆國際會議"),
        "organisation": OrganisationFactory(), "quota": 2})
    return made, f"/events/register/{secret}/"


def test_a_delegate_registers_without_an_account_and_gets_the_e_mail_in_their_language(client, invitation):
    made, url = invitation
    assert client.get(url).status_code == 200
    response = client.post(url, FORM)
    assert response.status_code == 200 and "Thank you, Chan Tai Man" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.organisation == made.organisation and registration.invitation == made
    assert registration.status == "registered"
    run_jobs()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["chan@example.org"]
    assert "第八屆國際會議" in mail.outbox[0].subject


def test_an_unknown_or_expired_link_shows_why_and_no_form(client, invitation):
    made, url = invitation
    unknown = client.get("/events/register/not-a-real-secret/")
    assert unknown.status_code == 404 and "not valid" in unknown.content.decode()
    services.update_invitation(make_user("officer"), made, {"expires": timezone.now() - datetime.timedelta(days=1)})
    expired = client.post(url, FORM)
    assert expired.status_code == 404 and "expired" in expired.content.decode()
    assert not Registration.objects.exists()


def test_double_registration_and_a_full_quota_are_refused(client, invitation):
    _made, url = invitation
    client.post(url, FORM)
    again = client.post(url, {**FORM, "name_en": "Someone Else", "name_zh_hant": ""})
    assert "already registered" in again.content.decode()
    client.post(url, {**FORM, "name_en": "Bo Chan", "name_zh_hant": "", "email": "bo@example.org"})
    full = client.post(url, {**FORM, "name_en": "Cy Ho", "name_zh_hant": "", "email": "cy@example.org"})
    assert "places of this invitation are taken" in full.content.decode()
    assert Registration.objects.count() == 2


def test_a_name_in_the_wrong_script_is_refused(client, invitation):
    _made, url = invitation
    response = client.post(url, {**FORM, "name_en": "陳大文"})
    assert "English letters" in response.content.decode() and not Registration.objects.exists()


def test_a_flood_from_one_address_is_refused(client, invitation, monkeypatch):
    _made, url = invitation
    monkeypatch.setattr(views, "REGISTRATION_RATE", (2, 3600))
    for number in range(2):
        client.post(url, {**FORM, "name_en": f"Person {'AB'[number]}", "name_zh_hant": "", "email": f"{number}@x.org"})
    flood = client.post(url, {**FORM, "name_en": "Third Person", "name_zh_hant": "", "email": "3@x.org"})
    assert flood.status_code == 429 and "Too many" in flood.content.decode()
    assert Registration.objects.count() == 2
