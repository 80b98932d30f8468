"""No hidden record reaches a user, on any page or API route: lists, filter and form choices, prefetched related
lists, timelines, charts, counts by name, the browsable API.

Every record of every Liaison model is given text that names it (“Canary-organisation-7”), also as its `str()`.
Records are then hidden by need-to-know — as a model's `restrict_for` would — from a manager, who holds every
permission, and every route is read: no hidden record's canary may appear.
"""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Cast, Concat
from django.test import Client, override_settings
from django.views.generic import RedirectView

from liaison.core.models import ChangeRecord
from liaison.core.testing import (
    api_access,
    api_client_for,
    factories,
    make_user,
    page_access,
    page_routes,
    role_may,
    schema_operations,
    signed_in,
)

TEXT_FIELDS = (models.CharField, models.TextField)
SHORTEST = len("Canary-membershipcategory-999999")


def liaison_models() -> list:
    """The domain models (the change log is read through `changelog.history`, tested with the change log)."""
    return [model for model in apps.get_models()
            if model.__module__.startswith("liaison.") and model is not ChangeRecord]


def canary(model) -> str:
    return f"Canary-{model._meta.model_name}-"


def mark_every_record(monkeypatch) -> None:
    """Text fields and `str()` of every record say which record they are."""
    for model in liaison_models():
        names = {field.name for field in model._meta.concrete_fields}
        fields = [field.attname for field in model._meta.concrete_fields
                  if isinstance(field, TEXT_FIELDS) and field.editable and not field.unique and not field.choices
                  and (field.max_length or SHORTEST) >= SHORTEST and f"{field.name}_en" not in names]
        if fields:
            text = Concat(models.Value(canary(model)), Cast("pk", models.CharField()))
            model._base_manager.update(**{name: text for name in fields})
        monkeypatch.setattr(model, "__str__", lambda record: f"{canary(type(record))}{record.pk}")


def hide_models(monkeypatch, hidden) -> None:
    for model in hidden:
        monkeypatch.setattr(model, "restrict_for", classmethod(lambda cls, queryset, user, action: queryset.none()),
                            raising=False)


def ancestors(model, seen=None) -> set:
    """The model and every model its own links lead to (its parents: part of the record, shown with it)."""
    seen = set() if seen is None else seen
    seen.add(model)
    for field in model._meta.get_fields():
        linked = field.related_model
        forward = (field.concrete and (field.many_to_one or field.one_to_one)
                   or field.many_to_many and not field.auto_created)
        if forward and linked is not None and linked not in seen and linked.__module__.startswith("liaison."):
            ancestors(linked, seen)
    return seen


def leaks(response, hidden) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    content = body.decode(errors="replace")
    return sorted({model._meta.model_name for model in hidden if canary(model) in content})


@pytest.fixture(scope="module")
def manager_clients(module_db):
    user = make_user("manager")
    page = signed_in(Client(), user)
    return page, api_client_for(user)


@pytest.fixture(scope="module")
def world(module_db, tmp_path_factory, manager_clients) -> dict:
    """A hub record of every model (from its factory, or the reference data), and records of every kind linked
    to each hub, all marked: a hub's pages have something of every kind that could leak. The manager exists
    first, as a user a need-to-know area's factories may admit.

    Built once for the module (the slow part); the tests only read it."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), pytest.MonkeyPatch.context() as patch:
        made = factories()
        hubs = {model: factory() for model, factory in made.items()}
        for model in liaison_models():
            if model not in hubs and model._default_manager.exists():
                hubs[model] = model._default_manager.order_by("pk").first()
        for model, factory in made.items():
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model in hubs and field.related_model is not model:
                    try:
                        with transaction.atomic():
                            factory(**{field.name: hubs[field.related_model]})
                    except (IntegrityError, ValidationError):
                        continue  # e.g. a second network profile of one organisation
        mark_every_record(patch)
        yield hubs


def without_record():
    """GET routes that name no record: lists, add pages, imports, coverage, reminders, home…"""
    return [f"/{route}" for route, name, callback in page_routes()
            if "<int:pk>" not in route and hasattr(getattr(callback, "view_class", None), "get")
            and not issubclass(callback.view_class, RedirectView)  # an old address: it shows nothing itself
            and role_may("manager", getattr(callback.view_class, "required_permission", "") or "view")
            and page_access(route, name, callback, "get") != "public"]


@pytest.mark.django_db
def test_nothing_hidden_reaches_a_page_or_the_api(world, manager_clients, monkeypatch):
    hidden = liaison_models()
    hide_models(monkeypatch, hidden)
    page, api = manager_clients
    found = {}
    for url in without_record():
        response = page.get(url)
        if url.endswith("/deleted/") and response.status_code == 404:
            continue  # deleted records of a need-to-know model are not listed at all (they fail closed)
        assert response.status_code == 200, (url, response.status_code)
        found[url] = leaks(response, hidden)
    for path, method in schema_operations():
        access = api_access(path, method)
        if method == "get" and access != "public" and not access.record:
            for answer in (api.get(path), api.get(path, {"format": "api"})):
                assert answer.status_code == 200, (path, answer.status_code)
                found[f"{path} ({answer['Content-Type']})"] = leaks(answer, hidden)
    assert not {url: models_ for url, models_ in found.items() if models_}


def record_routes():
    """GET routes that name a record, with the record's model."""
    routes = []
    for route, name, callback in page_routes():
        if "<int:pk>" in route and hasattr(getattr(callback, "view_class", None), "get"):
            access = page_access(route, name, callback, "get")
            if not access.private:  # one user's own record (a job) shows nothing of anyone else's
                routes.append(pytest.param(f"/{route}", access.model, id=route))
    for path, method in schema_operations():
        access = api_access(path, method)
        if method == "get" and access != "public" and access.record:
            routes.append(pytest.param(path, access.model, id=path))
    return routes


@pytest.mark.django_db
@pytest.mark.parametrize("route, model", record_routes())
def test_a_record_shows_nothing_hidden_that_belongs_to_it(route, model, world, manager_clients, monkeypatch):
    """The record and its parents are visible; whatever belongs to it or lists it is hidden and must not show."""
    visible = ancestors(model)
    hidden = [other for other in liaison_models() if other not in visible]
    hide_models(monkeypatch, hidden)
    record = world[model]
    page, api = manager_clients
    url = route.replace("<int:pk>", str(record.pk)).replace("{id}", str(record.pk))
    answers = [api.get(url) if url.startswith("/api/") else page.get(url)]
    if answers[0]["Content-Type"] == "application/json":
        answers.append(api.get(url, {"format": "api"}))  # the browsable API, with its forms
    for answer in answers:
        assert answer.status_code == 200, (url, answer.status_code)
        assert not leaks(answer, hidden), (url, answer["Content-Type"], leaks(answer, hidden))
