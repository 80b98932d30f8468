"""Running in production: the client's address behind the TLS proxy, the secret key, caches, dropped connections."""

import os
import subprocess
import sys
from io import StringIO
from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection, connections
from django.test import Client, RequestFactory, override_settings

from liaison.core import tokens
from liaison.core.auth import client_address
from liaison.core.testing import api_client, make_user
from liaison.partners.tests.factories import OrganisationFactory

PASSWORD = "a-long-unusual-password-7"
behind_the_proxy = override_settings(BEHIND_TLS_PROXY=True, TRUSTED_PROXY_COUNT=1)


def sign_in(client, password, forwarded_for=None, username="officer-a"):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR="127.0.0.1",
                       **extra)


@pytest.fixture
def account(db):
    return User.objects.create_user("officer-a", password=PASSWORD)


# --- The client's address ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("proxies, forwarded_for, expected", [
    (1, "203.0.113.9", "203.0.113.9"),
    (1, "127.0.0.1, 203.0.113.9", "203.0.113.9"),  # the client's own claim is left of the proxy's entry
    (2, "10.9.9.9, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
    (2, "203.0.113.9", "203.0.113.9"),
    (1, "not-an-address", None),
    (1, "", "127.0.0.1"),  # straight to the app, on this machine
])
def test_behind_the_proxy_the_client_is_the_entry_the_trusted_proxies_added(proxies, forwarded_for, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    with override_settings(BEHIND_TLS_PROXY=True, TRUSTED_PROXY_COUNT=proxies):
        assert client_address(request) == expected


def test_without_the_proxy_forwarding_headers_are_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(request) == "198.51.100.7"


@behind_the_proxy
def test_behind_the_proxy_failures_from_one_client_do_not_lock_out_the_others(account):
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, "wrong", forwarded_for="203.0.113.9")
    assert sign_in(attacker, PASSWORD, forwarded_for="203.0.113.9").status_code == 429
    assert sign_in(Client(), PASSWORD, forwarded_for="198.51.100.7").status_code == 302


def test_without_the_proxy_a_forged_forwarding_header_does_not_escape_the_lockout(account):
    attacker = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, "wrong", forwarded_for=f"203.0.113.{number}")
    assert sign_in(attacker, PASSWORD, forwarded_for="198.51.100.99").status_code == 429


@behind_the_proxy
@pytest.mark.django_db
def test_behind_the_proxy_the_demo_password_works_only_for_a_client_on_this_machine():
    User.objects.create_user(settings.DEMO_USERNAME, password=settings.DEMO_PASSWORD)
    remote = sign_in(Client(), settings.DEMO_PASSWORD, "127.0.0.1, 203.0.113.9", settings.DEMO_USERNAME)
    assert remote.status_code == 200 and b'name="password"' in remote.content
    assert sign_in(Client(), settings.DEMO_PASSWORD, "127.0.0.1", settings.DEMO_USERNAME).status_code == 302


# --- The secret key --------------------------------------------------------------------------------------------------


def test_check_deploy_fails_with_the_development_key():
    with override_settings(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY), \
            pytest.raises(SystemCheckError, match="LIAISON_SECRET_KEY is not set"):
        call_command("check", "--deploy", stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize("overrides", [{"ALLOWED_HOSTS": ["liaison.internal"]}, {"BEHIND_TLS_PROXY": True},
                                       {"SECURE_COOKIES": True}])
def test_production_settings_with_the_development_key_fail_every_command(overrides):
    with override_settings(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY, DEBUG=False, **overrides), \
            pytest.raises(SystemCheckError, match="liaison.E002"):
        call_command("check", stdout=StringIO(), stderr=StringIO())


def test_the_development_key_is_fine_on_this_machine_and_a_real_key_anywhere():
    with override_settings(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY, ALLOWED_HOSTS=["127.0.0.1", "localhost"]):
        call_command("check", stdout=StringIO(), stderr=StringIO())
    with override_settings(SECRET_KEY="x" * 60, ALLOWED_HOSTS=["liaison.internal"], BEHIND_TLS_PROXY=True):
        call_command("check", stdout=StringIO(), stderr=StringIO())


def test_gunicorn_does_not_start_in_production_with_the_development_key():
    environ = {key: value for key, value in os.environ.items() if key != "LIAISON_SECRET_KEY"}
    environ.update(LIAISON_ALLOWED_HOSTS="liaison.internal", DJANGO_SETTINGS_MODULE="liaison.settings")
    refused = subprocess.run([sys.executable, "-c", "import liaison.wsgi"], env=environ, capture_output=True,
                             text=True, timeout=60)
    assert refused.returncode != 0 and "LIAISON_SECRET_KEY is not set" in refused.stderr
    environ["LIAISON_SECRET_KEY"] = "a-real-secret-" + "x" * 50
    started = subprocess.run([sys.executable, "-c", "import liaison.wsgi"], env=environ, capture_output=True,
                             text=True, timeout=60)
    assert started.returncode == 0, started.stderr


# --- Nothing with records in it is kept by a browser or a proxy ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/partners/organisations/", "/partners/organisations/?export=xlsx",
                                 "/partners/organisations/?export=csv", "/core/calendar/"])
def test_pages_and_exports_are_not_stored(client_as, url):
    OrganisationFactory()
    response = client_as("viewer").get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert Client().get("/accounts/login/")["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_api_answers_are_not_stored_but_static_files_may_be(client):
    OrganisationFactory()
    assert api_client("viewer").get("/api/partners/organisations/")["Cache-Control"] == "no-store"
    static = client.get("/static/liaison/app.css")
    assert static.status_code == 200 and "no-store" not in static.get("Cache-Control", "")


# --- Dropped database connections ---------------------------------------------------------------------------------


def wsgi_get(path: str, **headers) -> int:
    """A request through Django's WSGI handler, as gunicorn makes it (with the per-request connection upkeep)."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "SERVER_NAME": "testserver", **headers}
    setup_testing_defaults(environ)
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(response)
    response.close()
    return int(statuses[0].split()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a server that drops connections")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # like the browser tests: roles and reference data
def test_a_connection_the_database_dropped_is_replaced_before_the_next_request():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] and settings.DATABASES["default"]["CONN_MAX_AGE"]
    _token, key = tokens.issue(None, make_user("viewer"))
    authorization = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert wsgi_get("/api/core/tags/", **authorization) == 200
    backend = connections["default"].connection.info.backend_pid
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
    finally:
        other.close()
    assert wsgi_get("/api/core/tags/", **authorization) == 200
