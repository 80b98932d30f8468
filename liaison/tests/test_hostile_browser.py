"""A real browser sending an upload over the limit sees the refusal page (413), not a reset connection."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_oversized_import_shows_the_refusal_and_leads_back(browser_page, sign_in, settings):
    settings.LIAISON_IMPORT_MAX_BYTES = 1024
    page = browser_page
    sign_in("manager", "browser-manager")
    page.goto("/partners/organisations/import/")
    page.set_input_files("#id_file", files=[{"name": "organisations.csv", "mimeType": "text/csv",
                                             "buffer": b"name_en,kind\n" + b"Agency,aca\n" * 30_000}])
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Upload too large")
    expect(page.locator("main")).to_contain_text("at most 1.0\xa0KB can be sent here. Nothing was saved.")
    page.get_by_role("link", name="Back").click()
    expect(page).to_have_url(re.compile(r"/partners/organisations/import/$"))
