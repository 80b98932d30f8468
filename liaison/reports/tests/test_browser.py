"""A real browser: the chapter written from the report page, then one figure followed to the records it counts."""

import datetime

import pytest
from playwright.sync_api import expect

from liaison.agreements.choices import AgreementStatus
from liaison.agreements.tests.factories import AgreementFactory
from liaison.core import jobs
from liaison.core.models import Job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_write_the_chapter_from_the_page_and_follow_a_figure(browser_page, sign_in):
    for month in (2, 5, 8):
        AgreementFactory(status=AgreementStatus.SIGNED, signed_date=datetime.date(2028, month, 1))
    AgreementFactory(status=AgreementStatus.SIGNED, signed_date=datetime.date(2027, 5, 1))
    page = browser_page
    sign_in("viewer", "browser-reader")

    page.goto("/reports/chapter/")
    page.fill("#id_year", "2028")
    page.select_option("#id_lang", "en")
    page.select_option("#id_format", "html")
    page.locator("form.edit-form button[type=submit]").click()
    expect(page.locator("#job-status")).to_be_visible()
    jobs.run_here(Job.objects.get(owner__username="browser-reader"))  # what the worker beside the server does

    figure = page.locator("#section-agreements a.figure").first
    expect(figure).to_have_text("3")
    figure.click()
    page.wait_for_url("**/agreements/agreements/?year=2028")
    expect(page.locator("table.table tbody tr")).to_have_count(3)
