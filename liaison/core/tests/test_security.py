"""Sign-in, lockout, the demo password, headers, and pages that load nothing from elsewhere."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, override_settings

from liaison import settings as deployed_settings
from liaison.core.testing import make_user


@pytest.fixture
def account(db):
    return User.objects.create_user("officer-a", password="a-long-unusual-password-7")


def sign_in(client, username, password, address="127.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/partners/organisations/", "/core/jurisdictions/", "/admin/"])
def test_pages_need_a_signed_in_user(url):
    response = Client().get(url)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_api_needs_credentials():
    assert Client().get("/api/partners/organisations/").status_code == 401


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_as_deployed():
    """The suite uses a fast hasher (conftest); the settings a deployment runs with hash with Argon2."""
    with override_settings(PASSWORD_HASHERS=deployed_settings.PASSWORD_HASHERS):
        account = User.objects.create_user("officer-b", password="a-long-unusual-password-7")
    assert account.password.startswith("argon2")


def test_account_locks_after_repeated_failures(account):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "officer-a", "wrong")
    locked = sign_in(client, "officer-a", "a-long-unusual-password-7")
    assert locked.status_code == 429 and "Too many failed sign-in attempts" in locked.content.decode()


def test_correct_password_signs_in(account):
    response = sign_in(Client(), "officer-a", "a-long-unusual-password-7")
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_demo_password_works_from_loopback_only():
    User.objects.create_user(settings.DEMO_USERNAME, password=settings.DEMO_PASSWORD)
    refused = sign_in(Client(), settings.DEMO_USERNAME, settings.DEMO_PASSWORD, address="10.0.0.5")
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    accepted = sign_in(Client(), settings.DEMO_USERNAME, settings.DEMO_PASSWORD, address="::1")
    assert accepted.status_code == 302


@pytest.mark.django_db
def test_security_headers(client_as):
    response = client_as("viewer").get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_session_ends_with_the_browser_and_expires():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_COOKIE_AGE <= 12 * 3600


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("officer"))
    assert client.post("/partners/organisations/add/", {"name_en": "X", "kind": "aca"}).status_code == 403


EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!testserver)""")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/partners/organisations/", "/partners/organisations/add/",
                                 "/core/jurisdictions/", "/api/docs/", "/api/partners/", "/accounts/login/"])
def test_pages_load_nothing_from_outside(client_as, url):
    page = client_as("manager").get(url, HTTP_ACCEPT="text/html").content.decode()
    assert not EXTERNAL.search(page)


@pytest.mark.django_db
def test_language_choice_is_remembered(client_as):
    client = client_as("viewer")
    client.post("/i18n/setlang/", {"language": "zh-hant", "next": "/"})
    assert 'lang="zh-Hant-HK"' in client.get("/partners/organisations/").content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hant"


@pytest.mark.django_db
def test_demo_password_is_refused_through_a_local_proxy():
    User.objects.create_user(settings.DEMO_USERNAME, password=settings.DEMO_PASSWORD)
    response = Client().post("/accounts/login/", {"username": settings.DEMO_USERNAME,
                                                  "password": settings.DEMO_PASSWORD},
                             REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_administrator_cannot_make_anyone_superuser(client):
    administrator = make_user("administrator")
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    target = make_user("viewer")
    page = client.get(f"/admin/auth/user/{target.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="groups"' in page


@pytest.mark.django_db
def test_missing_page_is_a_bilingual_404(client_as):
    client = client_as("viewer")
    assert "Not found" in client.get("/partners/organisations/999999/").content.decode()
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "zh-hant"})
    response = client.get("/partners/organisations/999999/")
    assert response.status_code == 404 and 'lang="zh-Hant-HK"' in response.content.decode()
