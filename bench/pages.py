"""Every page the bench measures, found in the URL resolver so that a new page is measured without a change here.

A route with a record id gets a sample record of the view's model (the middle one by id, or a demanding one where
that is what the office opens most: our own organisation, the largest network). Lists are also measured with a
search and as exports. Routes that only take POST answer 405 and are left out of the table.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from liaison.core.views import ObjectListView

SKIPPED_NAMESPACES = ("admin",)
SKIPPED_NAMES = {"login", "logout", "set_language", "schema", "api-docs"}
SEARCH = "反贪"  # Simplified, two characters: the hardest case for an index, and common in Chinese queries
JSON = {"HTTP_ACCEPT": "application/json"}


@dataclass
class Page:
    name: str  # the URL name, e.g. partners:organisation_list
    kind: str  # list, detail, form, history, chart, export, api list, api detail, page
    url: str
    variant: str = ""  # what the query string or sample adds, e.g. "search", "our own", "csv"
    headers: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.variant})" if self.variant else self.name


def routes(patterns=None, namespace=""):
    """(URL name, pattern) of every named route."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace not in SKIPPED_NAMESPACES:
                yield from routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in SKIPPED_NAMES:
            yield namespace + pattern.name, pattern


def parameters(pattern: URLPattern) -> set[str]:
    return set(pattern.pattern.regex.groupindex)


def view_model(pattern: URLPattern):
    """The model a route's view works on (Django view, DRF viewset, or the view's model form), or None."""
    view = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
    model = getattr(view, "model", None)
    queryset = getattr(view, "queryset", None)
    form = getattr(view, "form_class", None)
    form_model = getattr(getattr(form, "_meta", None), "model", None)
    return model or (queryset.model if queryset is not None else None) or form_model


def kind_of(name: str, pattern: URLPattern) -> str:
    route = str(pattern.pattern)
    actions = getattr(pattern.callback, "actions", None)
    if actions is not None:
        return "api list" if actions.get("get") == "list" else "api detail"
    if name.endswith("-api") or name.endswith("api-root"):
        return "api"
    if ".svg" in route:
        return "chart"
    if ".xlsx" in route or ".csv" in route:
        return "export"
    for suffix, kind in (("_list", "list"), ("_add", "form"), ("_edit", "form"), ("_merge", "form"),
                         ("_delete", "form"), ("_history", "history"), ("_import", "form")):
        if name.endswith(suffix):
            return kind
    return "detail" if "pk" in parameters(pattern) else "page"


class Samples:
    """Sample record ids per model, and the other values routes take."""

    def __init__(self, user):
        self.user = user
        self.today = datetime.date.today()

    def ids(self, model) -> list[tuple[str, int]]:
        """(variant, id) of the records to open: the middle one, plus a demanding one for some models."""
        ids = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        if not ids:
            return []
        chosen = [("", ids[len(ids) // 2])]
        label = model._meta.label
        if label == "partners.Organisation":
            own = model._base_manager.filter(is_own=True).values_list("pk", flat=True).first()
            if own:
                chosen.append(("our own", own))
        if label == "networks.Network":
            largest = model._base_manager.annotate(size=Count("memberships")).order_by("-size", "pk").first()
            chosen = [("largest", largest.pk)]
        return chosen

    def token(self, name: str) -> str:
        """A new secret address of the user's office calendar feed (only its digest is stored, so the bench makes
        one); the agreements' old route answers addresses made before the office calendar took over their feed,
        so the bench stores the same one there."""
        from liaison.agreements.models import CalendarFeed
        from liaison.core.tokens import digest
        from liaison.core.views_calendar import reset_feed

        secret = reset_feed(self.user)
        if name.startswith("agreements-api:"):
            CalendarFeed.objects.update_or_create(user=self.user, defaults={"token_hash": digest(secret)})
        return secret


def pages(samples: Samples) -> list[Page]:
    found = []
    for name, pattern in routes():
        params = parameters(pattern) - {"format"}
        if "format" in parameters(pattern):
            continue  # DRF's .json suffix routes repeat the plain ones
        kind = kind_of(name, pattern)
        headers = JSON if kind.startswith("api") else {}
        if not params:
            url = reverse(name)
            found.append(Page(name, kind, url, headers=headers))
            view = getattr(pattern.callback, "view_class", None)
            filterset = getattr(view, "filterset_class", None) or getattr(
                getattr(pattern.callback, "cls", None), "filterset_class", None)
            if filterset is not None and "q" in filterset.base_filters:
                found.append(Page(name, kind, f"{url}?q={SEARCH}", "search", headers))
            if view is not None and issubclass(view, ObjectListView):
                for export in view.export_formats:
                    found.append(Page(name, "export", f"{url}?export={export}", export))
            continue
        if params == {"token"}:
            found.append(Page(name, kind, reverse(name, kwargs={"token": samples.token(name)})))  # a calendar feed
            continue
        model = view_model(pattern)
        if params != {"pk"} or model is None:
            found.append(Page(name, kind, "", "no sample"))
            continue
        for variant, pk in samples.ids(model):
            url = reverse(name, kwargs={"pk": pk})
            found.append(Page(name, kind, url, variant, headers))
            if name == "networks:network":
                on = samples.today.replace(year=samples.today.year - 3).isoformat()
                found.append(Page(name, kind, f"{url}?on={on}", "on a date", headers))
    return found
