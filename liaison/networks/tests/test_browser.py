"""A real browser: IAACA's page in English and in 繁體中文 shows its 180 members and the growth chart."""

import pytest
from playwright.sync_api import expect

from liaison.core.testing import switch_to_chinese
from liaison.networks import reference
from liaison.networks.models import Network
from liaison.partners import reference as partners_reference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def chart_loaded(page) -> bool:
    return page.eval_on_selector("#growth-chart", "img => img.complete && img.naturalWidth > 0")


def test_iaaca_page_shows_180_members_and_the_growth_chart_in_both_languages(browser_page, sign_in):
    partners_reference.load(None)
    reference.load(None)
    iaaca = Network.objects.get(organisation__acronym_en="IAACA")
    page = browser_page

    sign_in("viewer", "browser-viewer")

    page.goto(iaaca.get_absolute_url())
    expect(page.locator("h1")).to_have_text("International Association of Anti-Corruption Authorities")
    expect(page.locator("#members-today")).to_have_text("180")
    page.wait_for_function("() => { const i = document.querySelector('#growth-chart'); "
                           "return i.complete && i.naturalWidth > 0; }")
    assert chart_loaded(page)

    page.goto(iaaca.get_absolute_url() + "?on=2022-01-01")
    expect(page.locator("#members-on")).to_have_text("122")

    switch_to_chinese(page)
    page.goto(iaaca.get_absolute_url())
    expect(page.locator("h1")).to_have_text("國際反貪局聯合會")
    expect(page.locator("#members-today")).to_have_text("180")
    page.wait_for_function("() => { const i = document.querySelector('#growth-chart'); "
                           "return i.complete && i.naturalWidth > 0; }")
    assert chart_loaded(page)
