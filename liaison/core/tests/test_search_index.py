"""Every model with a search text is indexed on the database the suite runs on; the query's words are reduced."""

import re

import pytest
from django.db import connection

from liaison.core.search import fts_table, text_table, words
from liaison.core.search_index import TRIGGERS, searchable_models, trigram_index


@pytest.mark.django_db
def test_every_searchable_model_has_its_index():
    models = searchable_models()
    assert {"partners.Organisation", "partners.Contact", "agreements.Agreement", "networks.Membership"} <= {
        model._meta.label for model in models}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            present = {name for (name,) in cursor.fetchall()}
            expected = {f"{fts_table(m)}{suffix}" for m in models for suffix in ["", *(f"_{k}" for k in TRIGGERS)]}
            expected |= {text_table(model) for model in models}
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%%gin_trgm_ops%%'")
            present = {name for (name,) in cursor.fetchall()}
            expected = {trigram_index(model) for model in models}
    assert expected <= present, expected - present


def test_query_words_are_folded_and_reduced():
    """Traditional → Simplified, case folded; a word already inside a longer one is dropped (it adds nothing)."""
    assert words("廉政公署 廉署 公署 ICAC icac") == ["icac", "廉政公署", "廉署"]
    assert words("  ") == []


# Lists whose order an index cannot give (yet), and why; the bench prints their plans (make bench).
SORTED_IN_FULL = {
    "networks:network_list": "ordered by the organisation's name through a join, with a member count per network",
    "networks:membership_list": "ordered by the network's and the organisation's names, both through joins",
    "agreements:followupaction_list": "SQLite reads the actions through the agreements they are restricted to",
    "cooperation:assistancerequest_list": "SQLite reads the requests through the reader's compartments",
}


FULL_SORT_NODE = re.compile(r"^\s*(->\s+)?Sort\s+\(", re.MULTILINE)


def list_views():
    from django.urls import URLResolver, get_resolver

    from liaison.core.views import ObjectListView

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, f"{pattern.namespace}:" if pattern.namespace else namespace)
            elif issubclass(getattr(pattern.callback, "view_class", object), ObjectListView):
                yield namespace + pattern.name, pattern.callback.view_class

    return dict(walk(get_resolver().url_patterns))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(list_views()) - set(SORTED_IN_FULL)))
def test_first_page_of_every_list_is_read_in_order_from_an_index(name, rf, user_for):
    """No list sorts its whole table to show its first page (PostgreSQL: as it plans for a large table)."""
    view_class = list_views()[name]
    request = rf.get("/")
    request.user = user_for("viewer")
    view = view_class()
    view.setup(request)
    page = view.filterset_class(None, queryset=view.get_queryset(), request=request).qs[:25]
    if connection.vendor == "sqlite":
        assert "USE TEMP B-TREE FOR ORDER BY" not in page.explain()
        return
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_sort = off")
        try:
            plan = page.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")
    # An incremental sort orders only the rows of one group the index already gives in order (an event's
    # meeting requests, say); a full Sort node reads the whole table first.
    assert not FULL_SORT_NODE.search(plan), plan
