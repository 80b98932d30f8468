"""The everyday tasks in a real browser, on a phone (390 px) and on a desktop: type-ahead choices in both scripts,
a person added from their organisation's page, the folding menu, pages that fit the screen, no refused inline
style, and axe-core finding no serious accessibility problem on the main pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from liaison.agreements.choices import AgreementStatus
from liaison.agreements.tests.factories import AgreementFactory
from liaison.partners.models import Contact
from liaison.partners.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def watch_console(page) -> list[str]:
    """The page's console errors (a style or script the content security policy refused among them)."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def fits_the_screen(page) -> bool:
    """Nothing sticks out sideways (the page would scroll left and right); names what does otherwise."""
    wider = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                      && !el.closest('table, .table-container'))
        .slice(0, 5).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))""")
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert fits, wider
    return fits


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_add_a_person_here_choosing_by_type_ahead(browser_page, sign_in, viewport):
    page = browser_page
    page.set_viewport_size(viewport)
    errors = watch_console(page)
    organisation = OrganisationFactory(name_en="Corruption Eradication Commission", name_zh_hant="肅貪委員會")
    OrganisationFactory(name_en="National Anti-Corruption Commission", name_zh_hant="國家反貪委員會")
    sign_in("officer", "browser-officer")

    page.goto(organisation.get_absolute_url())
    assert fits_the_screen(page)
    page.get_by_role("link", name="Add person here").click()
    expect(page.locator(".ts-wrapper .item")).to_have_text("Corruption Eradication Commission")
    page.fill("#id_name_en", "Jane Tan")
    page.fill("#id_title_en", "Director")
    page.fill("#id_start_date", "2024-03-01")
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Jane Tan")
    assert Contact.objects.get(name_en="Jane Tan").positions.get().organisation == organisation

    page.goto("/partners/contacts/add/")
    page.locator(".field:has(#id_organisation) .ts-control").click()
    page.keyboard.type("国家反贪")  # Simplified: the record is in Traditional
    option = page.locator(".ts-dropdown .option", has_text="National Anti-Corruption Commission")
    expect(option).to_be_visible()
    expect(page.locator(".ts-dropdown .option")).to_have_count(1)
    option.click()
    expect(page.locator("#id_organisation")).to_have_value(str(OrganisationFactory._meta.model.objects.get(
        name_en="National Anti-Corruption Commission").pk))
    assert not [error for error in errors if "Content Security Policy" in error], errors


def test_phone_menu_folds_and_pages_fit(browser_page, sign_in):
    page = browser_page
    page.set_viewport_size(PHONE)
    errors = watch_console(page)
    AgreementFactory(status=AgreementStatus.SIGNED)
    sign_in("officer", "browser-officer")
    page.goto("/")
    menu = page.get_by_role("navigation", name="Main menu")
    expect(menu).to_be_hidden()
    page.locator("details.menu > summary").click()
    expect(menu).to_be_visible()
    for url in ("/", "/partners/organisations/", "/agreements/agreements/", "/agreements/coverage/",
                "/core/jurisdictions/"):
        page.goto(url)
        assert fits_the_screen(page), url
    page.goto("/agreements/coverage/")
    widths = page.eval_on_selector_all("main img", "imgs => imgs.map(img => img.getBoundingClientRect().width)")
    assert widths and all(width <= 390 for width in widths)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    assert not [error for error in errors if "Content Security Policy" in error], errors


def test_agreement_recorded_signed_in_one_step_then_no_move_chosen(browser_page, sign_in):
    page = browser_page
    page.set_viewport_size(PHONE)
    OrganisationFactory(name_en="Independent Commission Against Corruption", name_zh_hant="廉政公署", is_own=True)
    OrganisationFactory(name_en="Anti-Corruption Agency of Kazakhstan", name_zh_hant="哈薩克斯坦反貪局")
    sign_in("officer", "browser-officer")
    page.goto("/agreements/agreements/")
    page.get_by_role("link", name="Record a signed agreement").click()
    expect(page.locator("#id_already_signed")).to_be_checked()
    page.select_option("#id_kind", "mou")
    page.fill("#id_title_en", "MoU with Kazakhstan")
    page.locator(".field:has(#id_parties) .ts-control").click()
    page.keyboard.type("哈萨克")
    page.locator(".ts-dropdown .option", has_text="Kazakhstan").click()
    page.fill("#id_signed_date", "2024-05-02")
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("MoU with Kazakhstan")
    expect(page.locator("#move_status")).to_have_value("")


MAIN_PAGES = ("/", "/partners/organisations/", "/partners/contacts/add/", "/agreements/agreements/",
              "/agreements/agreements/add/", "/agreements/coverage/", "/networks/networks/", "/core/jurisdictions/")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_serious_problem_on_the_main_pages(browser_page, sign_in, viewport):
    page = browser_page
    page.set_viewport_size(viewport)
    organisation = OrganisationFactory()
    agreement = AgreementFactory()
    sign_in("officer", "browser-officer")
    axe = Axe()
    problems = []
    for url in (*MAIN_PAGES, organisation.get_absolute_url(), agreement.get_absolute_url()):
        page.goto(url)
        page.wait_for_load_state("load")
        violations = axe.run(page).response["violations"]
        problems += [f"{url}: {v['id']} ({v['impact']}) {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                     for v in violations if v["impact"] in ("serious", "critical")]
    assert not problems, "\n".join(problems)
