"""Every page and API route × every role, driven by the URL resolver and the OpenAPI schema.

A new route is tried as soon as it exists: one the matrix cannot classify fails with what to declare. A record
the user may not see answers 404 on every route that names it — also when it is hidden by need-to-know
(`restrict_for`) from a user who holds every permission.

The rule (core.access): anonymous users are sent to sign in (pages) or get 401 (API); a record hidden from the
user is 404; a record the user may see but not act on is 403; a route without a record (a list, an add page, an
import) is 403 without the permission.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver

from liaison.core.middleware import is_public
from liaison.core.testing import (
    PROJECT_ROUTES,
    PUBLIC,
    ROLES,
    api_access,
    api_client,
    api_client_for,
    hide,
    make_record,
    make_user,
    page_access,
    page_routes,
    resolved,
    schema_operations,
    signed_in,
    walk,
)

ALLOWED = {200, 201, 204, 302, 400}  # a role that may act gets an answer, not a refusal (400: empty form data)


def page_cases():
    """(route, name, view, method) of every page a role may be refused (not the login page or language switch)."""
    cases = []
    for route, name, callback in page_routes():
        view = getattr(callback, "view_class", None)
        if PROJECT_ROUTES.get(name) == PUBLIC or is_public(callback):
            continue
        methods = [m for m in ("get", "post") if view is None or hasattr(view, m)]
        cases += [pytest.param(route, name, callback, method, id=f"{method.upper()} /{route}") for method in methods]
    return cases


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def signed_in_users(module_db):
    """One user of each role, signed in to the pages and holding an API token, made once for the module."""
    users = {}
    for role in ROLES[1:]:
        user = make_user(role)
        users[role] = signed_in(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value, api_client_for(user)
    return users


@pytest.fixture
def page_clients(db, signed_in_users):
    """A new client per role and test (a page that signs out or sets a cookie leaves the next test alone)."""
    clients = {"anonymous": Client()}
    for role, (session_key, _api) in signed_in_users.items():
        clients[role] = Client()
        clients[role].cookies[settings.SESSION_COOKIE_NAME] = session_key
    return clients


@pytest.fixture
def api_clients(db, signed_in_users):
    return {"anonymous": api_client("anonymous")} | {role: api for role, (_key, api) in signed_in_users.items()}


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
