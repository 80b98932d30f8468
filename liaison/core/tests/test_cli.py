"""The project's own commands: `liaison demo` and `liaison token`."""

import datetime
import importlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone, translation

from liaison.core.management.commands import demo
from liaison.core.models import ApiToken, ChangeRecord
from liaison.core.testing import make_user
from liaison.core.tokens import digest
from liaison.partners.models import Organisation

LOGIN = "/accounts/login/"
ORGANISATIONS = "/api/partners/organisations/"


@pytest.fixture(autouse=True)
def english_terminal(monkeypatch):
    """`liaison demo` speaks the terminal's language; these tests read its English unless they say otherwise."""
    for name in demo.LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def sign_in(client, address: str):
    credentials = {"username": settings.DEMO_USERNAME, "password": settings.DEMO_PASSWORD}
    return client.post(LOGIN, credentials, REMOTE_ADDR=address)


@pytest.fixture(scope="module")
def demo_ran(django_db_setup, django_db_blocker):
    """The output of one `liaison demo --no-serve` run in English, shared by the module's tests.

    The end-to-end run is the slow part, so it happens once; it is rolled back after the module, and each test's
    own changes roll back to it.
    """
    with pytest.MonkeyPatch.context() as patch:
        for name in demo.LOCALE_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("LANG", "en_GB.UTF-8")
        with django_db_blocker.unblock(), transaction.atomic():
            yield run("demo", "--no-serve", "--port", "8123")
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_demo_prepares_everything_and_tells_how_to_sign_in(demo_ran):
    output = demo_ran
    assert "http://127.0.0.1:8123/" in output
    assert settings.DEMO_USERNAME in output and settings.DEMO_PASSWORD in output
    assert "this machine only" in output
    user = User.objects.get(username=settings.DEMO_USERNAME)
    assert user.is_staff and user.is_active and not user.is_superuser
    assert user.groups.filter(name="administrator").exists()
    assert Organisation.objects.filter(name_zh_hant="國際反貪局聯合會").exists()


@pytest.mark.django_db
def test_demo_twice_is_safe(demo_ran):
    counts = Organisation.objects.count(), User.objects.count()
    run("demo", "--no-serve")
    assert (Organisation.objects.count(), User.objects.count()) == counts
    assert User.objects.get(username=settings.DEMO_USERNAME).groups.count() == 1


@pytest.mark.django_db
def test_demo_password_works_from_this_machine_only(demo_ran, client):
    refused = sign_in(client, "10.0.0.5")
    assert refused.status_code == 200
    assert b'name="password"' in refused.content
    assert "_auth_user_id" not in client.session

    accepted = sign_in(client, "127.0.0.1")
    assert accepted.status_code == 302 and accepted["Location"] == "/"
    assert client.get("/", REMOTE_ADDR="127.0.0.1").status_code == 200


class Process:
    """Stands in for the worker's process: records how the demo starts and stops it."""

    started = []

    def __init__(self, command):
        self.command, self.stopped = command, False
        Process.started.append(self)

    def terminate(self):
        self.stopped = True

    def wait(self, timeout=None):
        return 0


@pytest.mark.django_db
def test_demo_serves_on_loopback_only_with_a_worker_that_stops_with_the_server(demo_ran, monkeypatch):
    calls = []
    original = demo.call_command

    def record(name, *args, **kwargs):
        if name == "runserver":
            calls.append((args, kwargs, [process.stopped for process in Process.started]))
            return None
        return original(name, *args, **kwargs)

    monkeypatch.setattr(demo, "call_command", record)
    monkeypatch.setattr(demo.subprocess, "Popen", Process)
    Process.started = []
    run("demo", "--port", "8123")
    assert calls == [(("127.0.0.1:8123",), {"use_reloader": False}, [False])]
    [worker] = Process.started
    assert worker.command[1:4] == ["-m", "liaison", "db_worker"] and worker.stopped


@pytest.mark.django_db
def test_demo_speaks_chinese_to_a_chinese_terminal(demo_ran, monkeypatch):
    monkeypatch.setenv("LANG", "zh_HK.UTF-8")
    output = run("demo", "--no-serve")
    with translation.override("zh-hant"):
        assert translation.gettext("This password is accepted from this machine only.") in output


@pytest.mark.parametrize("environ, language", [
    ({"LANG": "zh_HK.UTF-8"}, "zh-hant"),
    ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_GB.UTF-8"}, "zh-hant"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({}, "en"),
])
def test_demo_speaks_the_terminals_language(environ, language):
    assert demo.terminal_language(environ) == language


@pytest.mark.django_db
def test_token_authenticates_api_requests_and_is_shown_only_once(demo_ran, client):
    key = run("token", settings.DEMO_USERNAME).strip()
    response = client.get(ORGANISATIONS, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["count"] == Organisation.objects.count() > 0
    with pytest.raises(CommandError, match="cannot be shown again. Use --reset"):
        run("token", settings.DEMO_USERNAME)


@pytest.mark.django_db
def test_only_a_hash_of_the_key_is_stored():
    User.objects.create_user("officer-1", password="not-the-demo-password-1")
    key = run("token", "officer-1").strip()
    token = ApiToken.objects.get()
    assert key not in " ".join(str(value) for value in ApiToken.objects.values_list().get())
    assert token.key_hash == digest(key) and key.startswith(token.key_prefix) and len(token.key_prefix) < len(key)


@pytest.mark.django_db
def test_token_reset_replaces_the_old_token(client):
    make_user("viewer", username="officer-1")
    old = run("token", "officer-1").strip()
    new = run("token", "officer-1", "--reset").strip()
    assert new != old
    assert client.get(ORGANISATIONS, HTTP_AUTHORIZATION=f"Token {old}").status_code == 401
    assert client.get(ORGANISATIONS, HTTP_AUTHORIZATION=f"Token {new}").status_code == 200


@pytest.mark.django_db
def test_token_revoke_and_expiry(client):
    make_user("viewer", username="officer-1")
    key = run("token", "officer-1", "--days", "30").strip()
    assert client.get(ORGANISATIONS, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    token = ApiToken.objects.get()
    assert datetime.timedelta(days=29) < token.expires - timezone.now() <= datetime.timedelta(days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now())  # 30 days later
    expired = client.get(ORGANISATIONS, HTTP_AUTHORIZATION=f"Token {key}")
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]
    assert "1 token of officer-1 revoked" in run("token", "officer-1", "--revoke")
    assert client.get(ORGANISATIONS, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


@pytest.mark.django_db
def test_making_replacing_and_revoking_tokens_is_logged_without_the_key():
    user = User.objects.create_user("officer-1", password="not-the-demo-password-1")
    first = run("token", "officer-1").strip()
    second = run("token", "officer-1", "--reset").strip()
    run("token", "officer-1", "--revoke")
    logged = ChangeRecord.objects.filter(content_type__model="apitoken").order_by("pk")
    assert [(r.action, r.source, r.related_object_id) for r in logged] == [
        ("create", "cli", user.pk), ("update", "cli", user.pk), ("create", "cli", user.pk), ("update", "cli", user.pk)]
    assert [r.said() for r in logged] == ["API token created.", "API token revoked.", "API token created.",
                                           "API token revoked."]
    text = " ".join(f"{r.before} {r.after}" for r in logged)
    assert not any(value in text for value in (first, second, digest(first), digest(second)))


@pytest.mark.django_db
def test_token_of_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="no user called “nobody”"):
        call_command("token", "nobody")
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_plain_drf_tokens_become_hashed_tokens_that_keep_working(client):
    migration = importlib.import_module("liaison.core.migrations.0006_api_tokens_from_drf")
    user = make_user("viewer", username="officer-1")
    key, made = "0123456789abcdef0123456789abcdef01234567", timezone.now() - datetime.timedelta(days=400)
    timestamp = "timestamp with time zone" if connection.vendor == "postgresql" else "datetime"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created {timestamp} NOT NULL, "
                       "user_id integer NOT NULL)")
        cursor.execute("INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)", [key, made, user.pk])
    migration.hash_drf_tokens(global_apps, SimpleNamespace(connection=connection))
    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get()
    assert (token.user, token.key_hash, token.created) == (user, digest(key), made)
    assert client.get(ORGANISATIONS, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
