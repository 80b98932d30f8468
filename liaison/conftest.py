"""Fixtures shared by every app's tests."""

import os

import pytest
from django.test import Client
from django.utils import translation

from liaison.core.testing import ROLES, make_user, signed_in


def pytest_configure(config):
    """A fast password hasher: tests create thousands of users, and Argon2 is slow by design.

    `core/tests/test_security.py` checks that the deployed settings still hash with Argon2.
    """
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_by_default():
    """Every test starts in English, whatever language an earlier test on this worker left active."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Database access for module-scoped fixtures: what they write is built once and shared by the module's tests.

    Written in a transaction rolled back after the module; each test's own writes roll back to it (its `db`
    fixture opens a savepoint inside). Not for modules with transactional tests (`live_server`, `transactional_db`).
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def reference_data(module_db):
    """Every area's reference data, as `liaison demo` loads it, once for a module of tests that read it.

    Only for modules whose every test may see the reference data.
    """
    from liaison.core.areas import reference_loaders

    for _label, load in reference_loaders():
        load(None)


@pytest.fixture
def user_for(db):
    """`user_for("officer")` — a user in that role group."""
    return make_user


@pytest.fixture
def client_as(db):
    """`client_as("viewer")` — a test client signed in with that role (or anonymous)."""

    def build(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            signed_in(client, make_user(role))
        return client

    return build


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser_page(live_server):
    """A page of the system's Chromium driven by Playwright, with the live server's URL as `page.base`."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(15000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


BROWSER_PASSWORD = "a-long-unusual-password-7"


@pytest.fixture
def sign_in(browser_page):
    """`sign_in("officer", "browser-officer")` — a user in that role, signed in through the login page."""
    from playwright.sync_api import expect

    def sign_in_as(role: str, username: str):
        user = make_user(role, username=username)
        user.set_password(BROWSER_PASSWORD)
        user.save()
        browser_page.goto("/")
        browser_page.fill("#id_username", username)
        browser_page.fill("#id_password", BROWSER_PASSWORD)
        browser_page.locator("form.edit-form button[type=submit]").click()
        expect(browser_page.locator("header .user")).to_have_text(username)
        return user

    return sign_in_as
