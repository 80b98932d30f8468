"""Members of a compartment use the area with a second factor (TOTP): enrolment with a QR code made here,
re-authentication for exports, a shorter idle time; the API asks the same."""

import time

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.cooperation.second_factor import SEEN
from liaison.core.testing import api_client_for, make_user

from .conftest import current_code, pass_second_factor
from .factories import AssistanceRequestFactory, CompartmentFactory


@pytest.fixture
def member(db):
    user = make_user("officer")
    return user, AssistanceRequestFactory(compartment=CompartmentFactory(members=[user]))


def test_a_member_enrols_an_authenticator_app_before_seeing_anything(member):
    user, request = member
    client = Client()
    client.force_login(user)
    response = client.get(f"/cooperation/requests/{request.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/cooperation/second-factor/")
    enrolment = client.get(response["Location"]).content.decode()
    assert 'src="data:image/svg+xml' in enrolment  # the QR code is made here, inline: no outside service
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(response["Location"], {"token": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "not right" in wrong.content.decode()
    time.sleep(1.1)  # after a wrong code, django-otp makes the next try wait (a second, doubling each time)
    passed = client.post(response["Location"], {"token": current_code(device)})
    assert passed.status_code == 302 and passed["Location"] == f"/cooperation/requests/{request.pk}/"
    assert client.get(passed["Location"]).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_someone_in_no_compartment_needs_no_second_factor(db, client):
    client.force_login(make_user("officer"))
    assert client.get("/cooperation/requests/").status_code == 200


def test_an_export_asks_for_the_second_factor_again(member, settings):
    user, _request = member
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    assert client.get("/cooperation/requests/", {"export": "csv"}).status_code == 200
    settings.COOPERATION_REAUTH_SECONDS = 0
    time.sleep(1)
    again = client.get("/cooperation/requests/", {"export": "csv"})
    assert again.status_code == 302 and "fresh=1" in again["Location"]
    assert client.get("/cooperation/requests/").status_code == 200  # the list itself needs no new code


def test_the_area_asks_again_after_a_short_idle_time(member):
    user, request = member
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    session = client.session
    session[SEEN] = time.time() - 3600
    session.save()
    assert client.get(f"/cooperation/requests/{request.pk}/").status_code == 302


def test_the_api_asks_a_member_for_an_enrolled_second_factor(member):
    user, _request = member
    api = api_client_for(user)
    assert api.get("/api/cooperation/requests/").json()["count"] == 1
    TOTPDevice.objects.filter(user=user).delete()
    refused = api.get("/api/cooperation/requests/")
    assert refused.status_code == 403 and "second factor" in refused.json()["detail"]
    session = Client()
    session.force_login(user)
    assert session.get("/api/cooperation/requests/").status_code == 403
