"""A real browser: a delegate registers through an invitation link in 繁體中文; staff then see the registration."""

import pytest
from playwright.sync_api import expect

from liaison.core.testing import make_user, switch_to_chinese
from liaison.events import services
from liaison.events.tests.factories import EventFactory
from liaison.partners.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_delegate_registers_in_chinese_and_staff_see_it(browser_page, sign_in):
    event = EventFactory(title_en="8th ICAC Symposium", title_zh_hant="廉政公署第八屆國際會議")
    agency = OrganisationFactory(name_en="Anti-Corruption Agency of Kazakhstan", name_zh_hant="哈薩克斯坦反腐敗局")
    _invitation, secret = services.create_invitation(make_user("officer"), {"event": event, "organisation": agency})
    page = browser_page

    page.goto(f"/events/register/{secret}/")
    switch_to_chinese(page)
    expect(page.locator("h1")).to_contain_text("廉政公署第八屆國際會議")
    page.fill("#id_name_en", "Asel Nurlanovna")
    page.fill("#id_name_zh_hant", "阿塞爾")
    page.fill("#id_email", "asel@example.org")
    page.select_option("#id_language", "zh-hant")
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("#registered")).to_contain_text("阿塞爾")

    sign_in("viewer", "browser-viewer")
    page.goto(f"/events/registrations/?event={event.pk}")
    expect(page.locator("table")).to_contain_text("阿塞爾")
    expect(page.locator("table")).to_contain_text("哈薩克斯坦反腐敗局")
