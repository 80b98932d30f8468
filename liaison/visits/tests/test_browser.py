"""A real browser: a visiting side asks for a visit in English without an account; an officer, in 繁體中文, approves
it and gives it a programme."""

import pytest
from playwright.sync_api import expect

from liaison.core.testing import switch_to_chinese
from liaison.visits.models import Delegation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_public_request_in_english_becomes_an_approved_visit_with_a_programme_in_chinese(
        browser_page, sign_in, settings):
    settings.LIAISON_PUBLIC_REQUEST_MIN_SECONDS = 0
    page = browser_page

    page.goto("/visits/request/")
    expect(page.locator("h1")).to_have_text("Request a visit")
    page.fill("#id_organisation", "Anti-Corruption Bureau of Ruritania")
    page.select_option("#id_category", "law_enforcement")
    page.fill("#id_head", "Director-General Ana Costa")
    page.fill("#id_declared_size", "8")
    page.fill("#id_purpose", "To learn about corruption prevention in Hong Kong.")
    page.fill("#id_preferred_start", "2025-03-03")
    page.fill("#id_preferred_end", "2025-03-04")
    page.fill("#id_languages", "English")
    page.fill("#id_contact_name", "Ana Costa")
    page.fill("#id_contact_email", "ana@example.org")
    expect(page.locator("#id_website")).to_be_hidden()
    page.locator("form.public-request button[type=submit]").click()
    expect(page.locator(".request-reference")).to_contain_text("Your request is number")
    request = Delegation.objects.get()
    assert request.status == "requested" and request.from_public_form

    sign_in("officer", "browser-officer")
    switch_to_chinese(page)
    page.goto(f"/visits/delegations/{request.pk}/")
    expect(page.locator("h1")).to_have_text("Visit by Anti-Corruption Bureau of Ruritania")
    expect(page.locator(".delegation-status")).to_contain_text("已提出")
    page.select_option("#move_status", "approved")
    page.locator("form.move-form button[type=submit]").click()
    expect(page.locator(".delegation-status")).to_contain_text("已批准")

    page.get_by_text("加入行程項目").click()
    page.select_option("#programme_kind", "briefing")
    page.fill("#programme_title_zh_hant", "防貪工作簡介會")
    page.fill("#programme_title_en", "Briefing on corruption prevention")
    page.fill("#programme_start", "2025-03-03T10:00")
    page.fill("#programme_end", "2025-03-03T11:30")
    page.fill("#programme_room", "Room 1")
    page.locator("form.programme-form button[type=submit]").click()
    expect(page.locator("table.programme")).to_contain_text("防貪工作簡介會")
    expect(page.locator("table.programme")).to_contain_text("2025-03-03 10:00")
    delegation = Delegation.objects.get()
    assert delegation.status == "approved" and delegation.programme_items.get().room == "Room 1"
