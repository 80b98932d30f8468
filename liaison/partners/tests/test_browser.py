"""A real browser: sign in, switch to 繁體中文, add an organisation, find it in Simplified Chinese, open History."""

import re

import pytest
from playwright.sync_api import expect

from liaison.core.testing import run_jobs, switch_to_chinese
from liaison.partners.models import Organisation

from .factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_officer_adds_organisation_in_chinese_and_finds_it_by_simplified_search(browser_page, sign_in):
    OrganisationFactory(name_en="Basel Institute on Governance", name_zh_hant="巴塞爾治理研究所")
    page = browser_page

    sign_in("officer", "browser-officer")

    switch_to_chinese(page)

    page.goto("/partners/organisations/add/")
    page.fill("#id_name_zh_hant", "國際反貪局聯合會")
    page.fill("#id_name_en", "International Association of Anti-Corruption Authorities")
    page.fill("#id_acronym_en", "IAACA")
    page.select_option("#id_kind", "network")
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("國際反貪局聯合會")

    page.goto("/partners/organisations/")
    page.fill("#id_q", "国际反贪局")
    expect(page.locator("#object-table")).not_to_contain_text("巴塞爾治理研究所")
    expect(page.locator("#object-table")).to_contain_text("國際反貪局聯合會")
    page.locator("#object-table a", has_text="國際反貪局聯合會").click()

    page.locator("nav.tabs a[href$='/history/']").click()
    expect(page).to_have_url(re.compile(r"/history/$"))
    expect(page.locator("table.history")).to_contain_text("browser-officer")
    expect(page.locator("table.history")).to_contain_text("國際反貪局聯合會")


def test_an_import_runs_in_the_background_with_its_progress_on_the_page(browser_page, sign_in, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = browser_page
    sign_in("manager", "browser-importer")
    path = tmp_path / "organisations.csv"
    path.write_text("name_en,name_zh_hant,kind\nBackground Agency,背景機構,aca\nQueued Bureau,,law_enforcement\n",
                    encoding="utf-8")

    page.goto("/partners/organisations/import/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#job-status progress")).to_be_visible()
    expect(page.locator("#job-status .status")).to_have_text("Waiting to start")
    run_jobs()  # the worker
    expect(page).to_have_url(re.compile(r"/partners/organisations/import/\?job=\d+$"))  # htmx went on by itself
    expect(page.locator("p.count")).to_contain_text("2 rows: 2 valid, 0 with problems.")

    page.get_by_role("button", name="Import all").click()
    expect(page.locator("#job-status progress")).to_be_visible()
    run_jobs()
    expect(page).to_have_url(re.compile(r"/partners/organisations/$"))
    expect(page.locator(".messages")).to_contain_text("Imported 2 organisations.")
    assert set(Organisation.objects.values_list("name_en", flat=True)) >= {"Background Agency", "Queued Bureau"}
