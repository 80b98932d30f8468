"""Test helpers every app uses: users per role, and the page × role and API × role matrices from data."""

import functools
import importlib
import itertools
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator
from factory.django import DjangoModelFactory
from rest_framework.permissions import AllowAny
from rest_framework.test import APIClient

from . import tokens
from .api import RecordAccessMixin
from .middleware import is_public
from .models import ApiToken, ChangeRecord
from .roles import app_grants
from .views import ObjectEditView, ObjectMergeView

# "none" is a signed-in user in no role group: every record is hidden from them.
ROLES = ("anonymous", "none", "viewer", "officer", "manager", "administrator")
# What each role may do, as the pages and the API must enforce it.
ROLE_CAN = {
    "anonymous": set(),
    "none": set(),
    "viewer": {"view"},
    "officer": {"view", "add", "change"},
    "manager": {"view", "add", "change", "delete", "import"},
    "administrator": {"view", "add", "change", "delete", "import"},
}
_counter = itertools.count()


def make_user(role: str, username: str | None = None) -> User:
    """A user in one role group ("none" for a signed-in user with no role)."""
    user = User.objects.create_user(username or f"{role}-{next(_counter)}")  # no password: tests sign in directly
    if role in {"viewer", "officer", "manager", "administrator"}:
        user.groups.add(Group.objects.get(name=role))
    return user


def enrol_second_factor(user):
    """A confirmed authenticator app (TOTP device) of `user`, as an area asking for a second factor expects."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)


def signed_in(client, user):
    """Signs the test client in as `user`, past the second factor (as after entering a code of their app)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = enrol_second_factor(user).persistent_id
    session.save()
    return client


def api_client_for(user) -> APIClient:
    """An API client authenticated with a new token of `user` (who has enrolled a second factor)."""
    client = APIClient()
    enrol_second_factor(user)
    key = tokens.new_secret()  # made directly, not through tokens.issue, so tests see only their own changes
    ApiToken.objects.create(user=user, key_prefix=key[:8], key_hash=tokens.digest(key))
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def api_client(role: str) -> APIClient:
    """An API client authenticated with a token of a user in that role (or anonymous)."""
    return APIClient() if role == "anonymous" else api_client_for(make_user(role))


def run_jobs() -> int:
    """Runs, as `liaison db_worker` would, every job and e-mail queued so far; returns how many tasks ran.

    A test's transaction never commits, so the work a commit would queue (`transaction.on_commit`) is queued here.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test-worker", excluded_queue_names=[])
    connection, ran = transaction.get_connection(), 0
    while True:
        pending, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, callback, _robust in pending:
            callback()
        task = DBTaskResult.objects.ready().first()
        if task is None and not connection.run_on_commit:
            return ran
        if task is not None:
            task.claim(worker.worker_id)
            worker.run_task(task)
            ran += 1


def follow_job(client, response):
    """The page a browser ends on after a page started a job: the job runs, then its page is polled (htmx)
    until it sends the browser on to the job's result, or shows why it failed."""
    assert response.status_code == 302 and response["Location"].startswith("/core/jobs/"), response
    run_jobs()
    status = client.get(f"{response['Location']}status/", HTTP_HX_REQUEST="true")
    if status.has_header("HX-Redirect"):
        return client.get(status["HX-Redirect"])
    return client.get(response["Location"])


def if_match(record) -> dict:
    """The If-Match header naming the version of `record`, as an API client sends it with a change."""
    return {"HTTP_IF_MATCH": f'"{record.version}"'}


def changes_of(obj, action=None):
    """The change records of one record."""
    records = ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    return records.filter(action=action) if action else records


def expected_status(role: str, action: str, allowed: int, *, record: bool = True, anonymous: int = 302) -> int:
    """The answer a role must get, by the access rule (core.access):

    - anonymous: sent to the login page (302), or `anonymous` from the API (401);
    - a role that may do `action`: `allowed`;
    - on a route that names a record (`record`): 404 for a role that may not see the record, as if it did not
      exist; 403 for a role that may see it but not do `action`;
    - on a route without a record (a list, an add page): 403.
    """
    if role == "anonymous":
        return anonymous
    if action in ROLE_CAN[role]:
        return allowed
    if record and "view" not in ROLE_CAN[role]:
        return 404
    return 403


def expect_for_role(role: str, action: str, allowed: int, response, anonymous: int | None = None,
                    record: bool = True) -> None:
    """Asserts `expected_status` (see there); a page sends anonymous users to the login page."""
    wanted = expected_status(role, action, allowed, record=record, anonymous=anonymous or 302)
    assert response.status_code == wanted, (role, action, response.status_code, response.content[:300])
    if role == "anonymous" and anonymous is None:
        assert "/accounts/login/" in response["Location"]


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
    def expect(role: str, action: str, allowed: int, response, record: bool = True) -> None:
        expect_for_role(role, action, allowed, response, record=record)

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_list(self, role, client_as):
        self.factory()
        self.expect(role, "view", 200, client_as(role).get(self.url("_list")), record=False)

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
        self.expect(role, "add", 302, response, record=False)
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
    def test_edit_without_its_version_is_refused(self, client_as):
        """A form that does not say which version it changes saves nothing (it could overwrite a newer save)."""
        record = self.factory()
        response = client_as("manager").post(self.url("_edit", record.pk), self.form_data())
        assert response.status_code == 200 and "does not say which version" in response.content.decode()
        assert not changes_of(record, "update").exists()


class ApiMatrix:
    """The API of one model through every role. Subclass as `Test…` and set `endpoint` ("/api/partners/organisations/"),
    `factory`, and `payload()` — valid JSON for create/update."""

    endpoint = ""
    factory = None

    def payload(self) -> dict:
        raise NotImplementedError

    @staticmethod
    def expect(role: str, action: str, allowed: int, response, record: bool = True) -> None:
        expect_for_role(role, action, allowed, response, anonymous=401, record=record)

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_read(self, role):
        record = self.factory()
        client = api_client(role)
        self.expect(role, "view", 200, client.get(self.endpoint), record=False)
        detail = client.get(f"{self.endpoint}{record.pk}/")
        self.expect(role, "view", 200, detail)
        if detail.status_code == 200:
            assert detail["ETag"] == f'"{record.version}"' and detail.json()["version"] == record.version

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_create(self, role):
        response = api_client(role).post(self.endpoint, self.payload(), format="json")
        self.expect(role, "add", 201, response, record=False)
        if response.status_code == 201:
            created = self.factory._meta.model.objects.get(pk=response.json()["id"])
            assert changes_of(created, "create").get().source == "api"
            assert response["ETag"] == f'"{created.version}"'

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_update(self, role):
        record = self.factory()
        response = api_client(role).patch(f"{self.endpoint}{record.pk}/", self.payload(), format="json",
                                          **if_match(record))
        self.expect(role, "change", 200, response)
        assert changes_of(record, "update").exists() == (response.status_code == 200)
        if response.status_code == 200:
            assert response["ETag"] == f'"{record.version + 1}"' == f'"{response.json()["version"]}"'

    @pytest.mark.django_db
    @pytest.mark.parametrize("role", ROLES)
    def test_delete(self, role):
        record = self.factory()
        response = api_client(role).delete(f"{self.endpoint}{record.pk}/")
        self.expect(role, "delete", 204, response)

    @pytest.mark.django_db
    def test_change_without_if_match_is_428_and_stale_is_412(self):
        record = self.factory()
        client, url = api_client("manager"), f"{self.endpoint}{record.pk}/"
        missing = client.patch(url, self.payload(), format="json")
        assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
        assert client.put(url, self.payload(), format="json").status_code == 428
        assert client.patch(url, self.payload(), format="json", HTTP_IF_MATCH="*").status_code == 428
        assert client.patch(url, self.payload(), format="json", HTTP_IF_MATCH=f'W/"{record.version}"'
                            ).status_code == 412
        assert client.patch(url, self.payload(), format="json", **if_match(record)).status_code == 200
        stale = client.patch(url, {**self.payload(), "version": record.version + 1}, format="json",
                             **if_match(record))
        assert stale.status_code == 412 and "changed this record" in stale.json()["detail"]
        assert changes_of(record, "update").count() == 1


# --- Every route of the project, classified by the access rule (used by core/tests/test_access_matrix.py) -------

SIGNED_IN = "signed in"  # any signed-in user, whatever their role
PUBLIC = "public"
# Routes of the project itself and of the frameworks, which carry no declaration of their own.
PROJECT_ROUTES = {
    "home": SIGNED_IN, "api-docs": SIGNED_IN, "api-root": SIGNED_IN, "schema": SIGNED_IN,
    "login": PUBLIC, "logout": PUBLIC, "set_language": PUBLIC,
}
# API routes open without sign-in, each on purpose: the calendar feed's secret address is its own key.
PUBLIC_API = {"agreements-api:calendar-feed-detail", "core-api:calendar-feed-detail"}
DECLARE = ("declare `model` and `action` (view, add, change or delete) on the view class — and `post_action` "
           "when its POST does something else than its GET — or `for_every_signed_in_user = True` for a page "
           "that shows only the user's own things; see core.access for the rule")


def role_may(role: str, verb: str) -> bool:
    """Whether a role may do a verb (view, add…) or holds a permission ("app.codename") its app grants it."""
    if "." not in verb:
        return verb in ROLE_CAN[role]
    if role in ("anonymous", "none"):
        return False
    app_label, codename = verb.split(".", 1)
    return codename.split("_", 1)[0] in ROLE_CAN[role] or codename in app_grants(apps.get_app_config(app_label), role)


@dataclass(frozen=True)
class Access:
    """What a route asks of a role: the verbs it needs, and whether it names a record of `model`."""

    model: type | None
    verbs: tuple[str, ...]
    record: bool
    private: bool = False  # a record of one user's own (a job): everyone else gets 404

    def expected(self, role: str, api: bool) -> int | None:
        """The status the role must get, or None for “allowed” (an answer, not a refusal)."""
        if role == "anonymous":
            return 401 if api else 302
        if self.private:
            return 404
        if all(role_may(role, verb) for verb in self.verbs):
            return None
        return 404 if self.record and "view" not in ROLE_CAN[role] else 403


EVERY_SIGNED_IN = Access(None, (), False)


def walk(patterns, prefix="", namespace=""):
    """(route, namespaced name, callback) of every URL pattern."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern.callback


def page_routes() -> list[tuple[str, str, object]]:
    """Every route outside the API and the admin site (the admin site has its own permission model and tests)."""
    return [(route, name, callback) for route, name, callback in walk(get_resolver().url_patterns)
            if not route.startswith(("api/", "admin/", "^api/"))]


def page_access(route: str, name: str, callback, method: str) -> Access | str:
    view = getattr(callback, "view_class", None)
    if name in PROJECT_ROUTES:
        return EVERY_SIGNED_IN if PROJECT_ROUTES[name] == SIGNED_IN else PUBLIC
    if is_public(callback):  # for people without an account (a request form, a secret link); tested on its own
        return PUBLIC
    if view is None:
        pytest.fail(f"{name or route}: a page must be a class-based view; {DECLARE}.")
    record = "<int:pk>" in route
    if getattr(view, "for_every_signed_in_user", False):
        # A record route of such a page shows the user's own record; the matrix's record is someone else's.
        return Access(view.model, (), True, private=True) if record else EVERY_SIGNED_IN
    importer = getattr(view, "importer_class", None)
    if importer is not None:
        return Access(importer.model, ("add", "import"), record)
    initkwargs = getattr(callback, "view_initkwargs", {})  # e.g. DeletedRecordsView.as_view(model=…)
    model = initkwargs.get("model") or getattr(view, "model", None)
    action = initkwargs.get("action") or getattr(view, "action", None)
    if issubclass(view, ObjectEditView):
        action = "change" if record else "add"
    if method == "post":
        action = getattr(view, "post_action", action)
    if model is None or action is None:
        pytest.fail(f"{name or route} ({view.__name__}): the access matrix cannot classify this page; {DECLARE}.")
    verbs = ("change", "delete") if issubclass(view, ObjectMergeView) else (action,)
    permission = getattr(view, "permission", "")
    if permission and method == "post":  # e.g. adding a document to an agreement: "add" besides seeing it
        verbs = (*verbs, permission.split(".", 1)[1].split("_", 1)[0])
    required = getattr(view, "required_permission", "")
    if required:  # a page that needs a permission of its own (reading the access log), on every method
        verbs = (*verbs, required)
    return Access(model, verbs, record)


# --- Records for the routes: each app's factories, found without core importing an app ------------------------

@functools.cache
def factories() -> dict:
    """Model → factory, from every Liaison app's tests/factories.py (the factory named after the model first)."""
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("liaison."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, DjangoModelFactory) and value._meta.model:
                model = value._meta.model
                if model not in found or value.__name__ == f"{model.__name__}Factory":
                    found[model] = value
    return found


def make_record(model):
    """A new record of `model` from its factory; reference data (jurisdictions, regions, tags) as loaded."""
    factory = factories().get(model)
    if factory is not None:
        return factory()
    record = model._default_manager.order_by("pk").first()
    assert record is not None, f"Add a factory for {model.__name__} to its app's tests/factories.py."
    return record


def hide(monkeypatch, record) -> None:
    """Hides one record from everyone by need-to-know, as a model's `restrict_for` would."""
    model = type(record)
    narrow = getattr(model, "restrict_for", None)

    def restrict_for(cls, queryset, user, action):
        queryset = narrow(queryset, user, action) if narrow else queryset
        return queryset.exclude(pk=record.pk)

    monkeypatch.setattr(model, "restrict_for", classmethod(restrict_for), raising=False)


def schema_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(path, method) for path, operations in schema["paths"].items() for method in operations
            if method in ("get", "post", "put", "patch", "delete")]


def resolved(path: str):
    return resolve(path.replace("{id}", "1").replace("{token}", "x" * 43))


def api_access(path: str, method: str) -> Access | str:
    match = resolved(path)
    view = getattr(match.func, "cls", None)
    if match.view_name in PROJECT_ROUTES:
        return EVERY_SIGNED_IN
    if match.view_name in PUBLIC_API:
        return PUBLIC
    if view is None or not issubclass(view, RecordAccessMixin):
        pytest.fail(f"{path} ({match.view_name}): an API route must be a core.api.LiaisonViewSet or ReadOnlyViewSet "
                    f"(the access rule by action), or be listed in PUBLIC_API with the reason it is open.")
    if AllowAny in view.permission_classes:
        pytest.fail(f"{path}: open to anyone (AllowAny) but not listed in PUBLIC_API.")
    detail = match.func.initkwargs.get("detail", False)
    verb = "view" if method == "get" else "delete" if method == "delete" else "change" if detail else "add"
    return Access(view.queryset.model, (verb,), detail)



def switch_to_chinese(page) -> None:
    """Press the header's 繁體中文 button and wait for the page in Chinese."""
    from playwright.sync_api import expect

    page.get_by_role("button", name="繁體中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-HK")
