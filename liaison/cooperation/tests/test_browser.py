"""A real browser: an officer of the case team finds the request by search; an officer outside it finds no trace."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from liaison.cooperation import services

from .conftest import current_code
from .factories import CompartmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SUBJECT = "Kingfisher asset tracing"


def test_a_member_finds_the_request_and_an_outsider_finds_no_trace(browser_page, sign_in):
    page = browser_page
    member = sign_in("officer", "kingfisher-member")
    services.create_request(member, {
        "compartment": CompartmentFactory(members=[member]), "direction": "outgoing", "channel": "egmont",
        "request_type": "tracing", "subject_en": SUBJECT, "our_reference": "KF-1", "marking": "red"})

    page.goto("/cooperation/requests/?q=kingfisher")
    expect(page.locator("h1")).to_have_text("Second factor")
    expect(page.locator("img.qr")).to_be_visible()
    device = TOTPDevice.objects.get(user=member)
    page.fill("#id_token", current_code(device))
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("table")).to_contain_text(SUBJECT)
    page.get_by_role("link", name=SUBJECT).click()
    expect(page.locator("h1")).to_have_text(SUBJECT)
    expect(page.locator(".marking")).to_have_text("TLP:RED")

    page.context.clear_cookies()
    sign_in("officer", "kingfisher-outsider")
    page.goto("/cooperation/requests/?q=kingfisher")
    expect(page.locator("table")).to_contain_text("Nothing matches.")
    expect(page.locator("body")).not_to_contain_text("Kingfisher")
    page.goto("/")
    expect(page.locator("body")).to_contain_text("0 assistance requests")
