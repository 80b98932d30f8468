"""Every page and API route × every role, driven by the URL resolver and the OpenAPI schema.

A new route is tried as soon as it exists: one the matrix cannot classify fails with what to declare. A record
the user may not see answers 404 on every route that names it — also when it is hidden by need-to-know
(`restrict_for`) from a user who holds every permission.

The rule (core.access): anonymous users are sent to sign in (pages) or get 401 (API); a record hidden from the
user is 404; a record the user may see but not act on is 403; a route without a record (a list, an add page, an
import) is 403 without the permission.
"""

import functools
import importlib
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator
from factory.django import DjangoModelFactory
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.test import APIClient

from liaison.core.api import RecordAccessMixin
from liaison.core.testing import ROLE_CAN, ROLES, make_user
from liaison.core.views import ObjectEditView, ObjectMergeView

SIGNED_IN = "signed in"  # any signed-in user, whatever their role
PUBLIC = "public"
# Routes of the project itself and of the frameworks, which carry no declaration of their own.
PROJECT_ROUTES = {
    "home": SIGNED_IN, "api-docs": SIGNED_IN, "api-root": SIGNED_IN, "schema": SIGNED_IN,
    "login": PUBLIC, "logout": PUBLIC, "set_language": PUBLIC,
}
# API routes open without sign-in, each on purpose: the calendar feed's secret address is its own key.
PUBLIC_API = {"agreements-api:calendar-feed-detail"}
ALLOWED = {200, 201, 204, 302, 400}  # a role that may act gets an answer, not a refusal (400: empty form data)
DECLARE = ("declare `model` and `action` (view, add, change or delete) on the view class — and `post_action` "
           "when its POST does something else than its GET — or `for_every_signed_in_user = True` for a page "
           "that shows only the user's own things; see core.access for the rule")


@dataclass(frozen=True)
class Access:
    """What a route asks of a role: the verbs it needs, and whether it names a record of `model`."""

    model: type | None
    verbs: tuple[str, ...]
    record: bool

    def expected(self, role: str, api: bool) -> int | None:
        """The status the role must get, or None for “allowed” (any answer in ALLOWED)."""
        if role == "anonymous":
            return 401 if api else 302
        if all(verb in ROLE_CAN[role] for verb in self.verbs):
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
    if view is None:
        pytest.fail(f"{name or route}: a page must be a class-based view; {DECLARE}.")
    if getattr(view, "for_every_signed_in_user", False):
        return EVERY_SIGNED_IN
    record = "<int:pk>" in route
    importer = getattr(view, "importer_class", None)
    if importer is not None:
        return Access(importer.model, ("add", "import"), record)
    model, action = getattr(view, "model", None), getattr(view, "action", None)
    if issubclass(view, ObjectEditView):
        action = "change" if record else "add"
    if method == "post":
        action = getattr(view, "post_action", action)
    if model is None or action is None:
        pytest.fail(f"{name or route} ({view.__name__}): the access matrix cannot classify this page; {DECLARE}.")
    verbs = ("change", "delete") if issubclass(view, ObjectMergeView) else (action,)
    return Access(model, verbs, record)


def page_cases():
    cases = []
    for route, name, callback in page_routes():
        view = getattr(callback, "view_class", None)
        methods = [m for m in ("get", "post") if view is None or hasattr(view, m)]
        cases += [pytest.param(route, name, callback, method, id=f"{method.upper()} /{route}") for method in methods]
    return cases


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


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def page_clients(db):
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if role != "anonymous":
            clients[role].force_login(make_user(role))
    return clients


@pytest.fixture
def api_clients(db):
    clients = {}
    for role in ROLES:
        clients[role] = APIClient()
        if role != "anonymous":
            token = Token.objects.create(user=make_user(role))
            clients[role].credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return clients


def check(role, access, response, api=False) -> str | None:
    """A mismatch with the rule, described, or None."""
    wanted = access.expected(role, api)
    status = response.status_code
    if wanted is None:
        good = status in ALLOWED
        wanted_text = "an answer (200, 201, 204, 302 or 400)"
    else:
        good = status == wanted
        if good and wanted == 302:
            good = "/accounts/login/" in response["Location"]
        wanted_text = str(wanted)
    return None if good else f"{role}: {status}, expected {wanted_text}"


# --- Pages ----------------------------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("route, name, callback, method", page_cases())
def test_page_route_by_role(route, name, callback, method, page_clients, media, monkeypatch):
    access = page_access(route, name, callback, method)
    if access == PUBLIC:
        return
    problems = []
    for role in ROLES:
        url = "/" + route
        if access.record:
            url = url.replace("<int:pk>", str(make_record(access.model).pk))
        response = getattr(page_clients[role], method)(url)
        problems.append(check(role, access, response))
    if access.record:
        record = make_record(access.model)
        hide(monkeypatch, record)
        url = "/" + route.replace("<int:pk>", str(record.pk))
        for role in ROLES[1:]:
            status = getattr(page_clients[role], method)(url).status_code
            problems.append(None if status == 404 else f"{role}, record hidden by need-to-know: {status}, expected 404")
    problems = [problem for problem in problems if problem]
    assert not problems, f"{method.upper()} /{route}: " + "; ".join(problems)


def test_every_page_is_classified():
    """Runs the classification alone, so that a route nobody declared fails with what to declare."""
    for route, name, callback in page_routes():
        for method in ("get", "post"):
            view = getattr(callback, "view_class", None)
            if view is None or hasattr(view, method):
                page_access(route, name, callback, method)


# --- API ------------------------------------------------------------------------------------------------------

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


def api_cases():
    return [pytest.param(path, method, id=f"{method.upper()} {path}") for path, method in schema_operations()]


def api_request(client, method, path, record):
    url = path.replace("{id}", str(record.pk)) if record is not None else path
    headers = {"HTTP_IF_MATCH": f'"{record.version}"'} if record is not None and hasattr(record, "version") else {}
    if method in ("get", "delete"):
        return getattr(client, method)(url, **headers)
    return getattr(client, method)(url, {}, format="json", **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("path, method", api_cases())
def test_api_route_by_role(path, method, api_clients, media, monkeypatch):
    access = api_access(path, method)
    if access == PUBLIC:
        assert api_clients["anonymous"].get(path.replace("{token}", "x" * 43)).status_code == 404
        return
    problems = []
    for role in ROLES:
        record = make_record(access.model) if access.record else None
        problems.append(check(role, access, api_request(api_clients[role], method, path, record), api=True))
    if access.record:
        record = make_record(access.model)
        hide(monkeypatch, record)
        for role in ROLES[1:]:
            status = api_request(api_clients[role], method, path, record).status_code
            problems.append(None if status == 404 else f"{role}, record hidden by need-to-know: {status}, expected 404")
    problems = [problem for problem in problems if problem]
    assert not problems, f"{method.upper()} {path}: " + "; ".join(problems)


def test_every_api_route_is_in_the_schema():
    """An API route missing from the OpenAPI schema would escape the matrix: each one must be there."""
    in_schema = {resolved(path).view_name for path, _method in schema_operations()}
    missing = []
    for route, name, _callback in walk(get_resolver().url_patterns):
        if not route.startswith("api/") or "(?P<format>" in route or name in PROJECT_ROUTES:
            continue
        if name.endswith(":api-root"):  # each app's index of its endpoints: signed-in users only
            continue
        if name not in in_schema:
            missing.append(f"/{route} ({name})")
    assert not missing, f"API routes not in the OpenAPI schema (add them, e.g. with extend_schema): {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/", "/api/schema/", "/api/partners/", "/api/networks/", "/api/agreements/",
                                 "/api/core/"])
def test_api_indexes_and_schema_need_sign_in(url, api_clients):
    assert api_clients["anonymous"].get(url).status_code == 401
    assert api_clients["none"].get(url).status_code == 200


@pytest.mark.django_db
def test_api_documentation_page_needs_sign_in(page_clients):
    response = page_clients["anonymous"].get("/api/docs/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert page_clients["viewer"].get("/api/docs/").status_code == 200
