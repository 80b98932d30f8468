"""A real browser: sign in, switch to 繁體中文, record a new MoU, sign it, and find its jurisdiction on the map."""

import re

import pytest
from playwright.sync_api import expect

from liaison.core.models import Jurisdiction
from liaison.core.testing import switch_to_chinese
from liaison.partners.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_officer_records_a_mou_in_chinese_and_sees_it_on_the_coverage_map(browser_page, sign_in):
    maldives, _created = Jurisdiction.objects.get_or_create(
        code="MV", defaults={"alpha3": "MDV", "numeric": "462", "name_en": "Maldives", "name_zh_hant": "馬爾代夫"})
    ours = OrganisationFactory(name_en="Independent Commission Against Corruption", name_zh_hant="廉政公署",
                               is_own=True)
    partner = OrganisationFactory(name_en="Anti-Corruption Commission of Maldives", name_zh_hant="馬爾代夫反腐敗委員會",
                                  jurisdiction=maldives)
    page = browser_page

    sign_in("officer", "browser-officer")
    switch_to_chinese(page)

    page.goto("/agreements/agreements/add/")
    page.select_option("#id_kind", "mou")
    page.fill("#id_title_zh_hant", "廉政公署與馬爾代夫反腐敗委員會合作諒解備忘錄")
    page.fill("#id_title_en", "MoU between the ICAC and the ACC of Maldives")
    # The parties are chosen by type-ahead (ours is chosen already); Simplified finds the Traditional name.
    page.locator(".field:has(#id_parties) .ts-control").click()
    page.keyboard.type("马尔代夫")
    page.locator(".ts-dropdown .option", has_text="馬爾代夫反腐敗委員會").click()
    chosen = page.eval_on_selector_all("#id_parties option:checked", "options => options.map(o => o.value)")
    assert sorted(chosen) == sorted([str(ours.pk), str(partner.pk)])
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("廉政公署與馬爾代夫反腐敗委員會合作諒解備忘錄")

    for status in ("negotiation", "approved"):
        page.select_option("#move_status", status)
        page.locator("form.move-form button[type=submit]").click()
        expect(page.locator("form.move-form")).to_be_visible()
    page.select_option("#move_status", "signed")
    page.fill("#move_on", "2024-09-11")
    page.locator("form.move-form button[type=submit]").click()
    expect(page.locator(".details")).to_contain_text("2024-09-11")

    page.goto("/agreements/coverage/")
    expect(page.locator("table.covered")).to_contain_text("馬爾代夫")
    expect(page.locator("table.covered tr[data-code=MV]")).to_be_visible()
    svg = page.request.get("/agreements/coverage/map.svg")
    assert svg.ok and re.search(r'class="[^"]*\bmv\b[^"]*"', svg.text())
