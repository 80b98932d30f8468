"""Test helpers every app uses: users per role, and the page × role and API × role matrices from data."""

import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIClient

from . import tokens
from .models import ApiToken, ChangeRecord

ROLES = ("anonymous", "viewer", "officer", "manager")
# What each role may do, as the pages and the API must enforce it.
ROLE_CAN = {
    "anonymous": set(),
    "viewer": {"view"},
    "officer": {"view", "add", "change"},
    "manager": {"view", "add", "change", "delete"},
}
_counter = itertools.count()


def make_user(role: str, username: str | None = None) -> User:
    """A user in one role group ("none" for a signed-in user with no role)."""
    user = User.objects.create_user(username or f"{role}-{next(_counter)}", password="not-the-demo-password-1")
    if role in {"viewer", "officer", "manager", "administrator"}:
        user.groups.add(Group.objects.get(name=role))
    return user


def api_client(role: str) -> APIClient:
    """An API client authenticated with a token of a user in that role (or anonymous)."""
    client = APIClient()
    if role != "anonymous":
        key = tokens.new_secret()  # made directly, not through tokens.issue, so tests see only their own changes
        ApiToken.objects.create(user=make_user(role), key_prefix=key[:8], key_hash=tokens.digest(key))
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def changes_of(obj, action=None):
    """The change records of one record."""
    records = ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    return records.filter(action=action) if action else records


def expect_for_role(role: str, action: str, allowed: int, response, anonymous: int | None = None) -> None:
    """The answer a role must get: `allowed` if it may do `action`, else 403/404; anonymous users are sent to
    the login page (or get `anonymous`, e.g. 401 from the API)."""
    if role == "anonymous":
        if anonymous is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == anonymous
    elif action in ROLE_CAN[role]:
        assert response.status_code == allowed, response.content[:500]
    else:
        assert response.status_code in (403, 404)


class PageMatrix:
    """The pages of one model through every role. Subclass as `Test…` and set:

    `url_prefix` ("partners:organisation"), `factory`, and `form_data()` — valid data for the add/edit form.
    """

    url_prefix = ""
    factory = None

    def form_data(self) -> dict:
        raise NotImplementedError

    def url(self, suffix: str, *args) -> str:
        from django.urls import reverse

        return reverse(self.url_prefix + suffix, args=args)

    @staticmethod
    def expect(role: str, action: str, allowed: int, response) -> None:
        expect_for_role(role, action, allowed, response)

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_list(self, role, client_as):
        self.factory()
        self.expect(role, "view", 200, client_as(role).get(self.url("_list")))

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_detail_and_history(self, role, client_as):
        record = self.factory()
        client = client_as(role)
        self.expect(role, "view", 200, client.get(self.url("", record.pk)))
        self.expect(role, "view", 200, client.get(self.url("_history", record.pk)))

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_add(self, role, client_as):
        model = self.factory._meta.model
        before = model.objects.count()
        response = client_as(role).post(self.url("_add"), self.form_data())
        self.expect(role, "add", 302, response)
        assert model.objects.count() == before + (1 if "add" in ROLE_CAN[role] else 0)
        if "add" in ROLE_CAN[role]:
            created = model.objects.latest("pk")
            assert changes_of(created, "create").get().source == "web"

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_edit(self, role, client_as):
        record = self.factory()
        data = {**self.form_data(), "version": record.version}
        response = client_as(role).post(self.url("_edit", record.pk), data)
        self.expect(role, "change", 302, response)
        assert changes_of(record, "update").exists() == ("change" in ROLE_CAN[role])

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_delete(self, role, client_as):
        record = self.factory()
        response = client_as(role).post(self.url("_delete", record.pk))
        self.expect(role, "delete", 302, response)
        model = type(record)
        assert model.objects.filter(pk=record.pk).exists() == ("delete" not in ROLE_CAN[role])

    @pytest.mark.django_db
    def test_hidden_record_is_404(self, client_as):
        """A signed-in user without the view permission sees no record: 404, not 403."""
        record = self.factory()
        assert client_as("none").get(self.url("", record.pk)).status_code == 404


class ApiMatrix:
    """The API of one model through every role. Subclass as `Test…` and set `endpoint` ("/api/partners/organisations/"),
    `factory`, and `payload()` — valid JSON for create/update."""

    endpoint = ""
    factory = None

    def payload(self) -> dict:
        raise NotImplementedError

    @staticmethod
    def expect(role: str, action: str, allowed: int, response) -> None:
        expect_for_role(role, action, allowed, response, anonymous=401)

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_read(self, role):
        record = self.factory()
        client = api_client(role)
        self.expect(role, "view", 200, client.get(self.endpoint))
        self.expect(role, "view", 200, client.get(f"{self.endpoint}{record.pk}/"))

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_create(self, role):
        response = api_client(role).post(self.endpoint, self.payload(), format="json")
        self.expect(role, "add", 201, response)
        if response.status_code == 201:
            created = self.factory._meta.model.objects.get(pk=response.json()["id"])
            assert changes_of(created, "create").get().source == "api"

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_update(self, role):
        record = self.factory()
        response = api_client(role).patch(f"{self.endpoint}{record.pk}/", self.payload(), format="json")
        self.expect(role, "change", 200, response)
        assert changes_of(record, "update").exists() == (response.status_code == 200)

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_delete(self, role):
        record = self.factory()
        response = api_client(role).delete(f"{self.endpoint}{record.pk}/")
        self.expect(role, "delete", 204, response)

    @pytest.mark.django_db
    def test_stale_version_is_refused(self):
        record = self.factory()
        client = api_client("manager")
        stale = {**self.payload(), "version": record.version}
        assert client.patch(f"{self.endpoint}{record.pk}/", stale, format="json").status_code == 200
        response = client.patch(f"{self.endpoint}{record.pk}/", stale, format="json")
        assert response.status_code == 409
        assert "changed this record" in response.json()["detail"]


def switch_to_chinese(page) -> None:
    """Press the header's 繁體中文 button and wait for the page in Chinese."""
    from playwright.sync_api import expect

    page.get_by_role("button", name="繁體中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-HK")
