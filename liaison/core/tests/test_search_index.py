"""Every model with a search text is indexed on the database the suite runs on; the query's words are reduced."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict

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


# Lists and filters whose first page an index cannot give in order, and why; the bench prints their plans.
# A key is a list's URL name (the list whatever its filter) or "<list name> <filter>" (that filter only).
SORTED_IN_FULL = {
    "networks:network_list": "ordered by the organisation's name through a join, with a member count per network",
    "networks:membership_list": "ordered by the network's and the organisation's names, both through joins",
    "agreements:followupaction_list": "SQLite reads the actions through the agreements they are restricted to",
    "cooperation:assistancerequest_list": "SQLite reads the requests through the reader's compartments",
    "networks:term_list": "seats and offices of governing bodies: a few per body, about a thousand at 100×",
    "core:jurisdiction_list region": "reference data: about 250 jurisdictions at any scale, a region's few sorted",
    "core:jurisdiction_list tag": "reference data: about 250 jurisdictions at any scale, a tag's few sorted",
    "reports:reportyear_list year": "one report per year: the filter finds at most one row",
    "agreements:agreement_list in_force": "two statuses: SQLite reads each from the status index and sorts the "
                                          "agreements in force (a few, 11 at 10×); PostgreSQL finds them with a "
                                          "partial index, and the others (most) in order with the other one",
    # Not yet: a foreign key without an index that ends in the list's order.
    "events:event_list jurisdiction": "not yet: no (jurisdiction, start_date, id) index",
    "events:meetingrequest_list requester": "not yet: no (requester, event, slot, id) index",
    "events:registration_list organisation": "not yet: no (organisation, event, name_en, id) index",
}


FULL_SORT_NODE = re.compile(r"^\s*(->\s+)?Sort\s+\(", re.MULTILINE)


def list_views():
    from django.urls import URLResolver, get_resolver

    from liaison.core.views import ObjectListView

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, f"{pattern.namespace}:" if pattern.namespace else namespace)
            elif issubclass(getattr(pattern.callback, "view_class", object), ObjectListView) \
                    and not pattern.pattern.converters:  # a list inside one record (an event's participants)
                yield namespace + pattern.name, pattern.callback.view_class

    return dict(walk(get_resolver().url_patterns))


def list_filters() -> list[str]:
    """Every list plain ("<name>") and with each of its filters ("<name> <filter>"), but those sorted in full."""
    found = []
    for name, view_class in sorted(list_views().items()):
        for variant in [name, *(f"{name} {key}" for key in view_class.filterset_class.base_filters)]:
            if variant not in SORTED_IN_FULL and name not in SORTED_IN_FULL:
                found.append(variant)
    return found


def filter_value(filter_, model) -> str:
    """A value a user could give the filter, from a record of the test's data where it needs one."""
    import django_filters

    from liaison.core.filtersets import SearchFilter
    from liaison.core.testing import make_record

    if isinstance(filter_, SearchFilter):
        return "ICAC"
    if isinstance(filter_, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter):
        record = make_record(filter_.queryset.model)
        return str(getattr(record, filter_.extra.get("to_field_name") or "pk"))
    if isinstance(filter_, django_filters.ChoiceFilter | django_filters.MultipleChoiceFilter):
        return str(filter_.extra["choices"][0][0])
    if isinstance(filter_, django_filters.BooleanFilter):
        return "true"
    if isinstance(filter_, django_filters.DateFilter):
        return "2020-01-01"
    if isinstance(filter_, django_filters.NumberFilter):
        if filter_.lookup_expr == "year" or filter_.field_name == "year":
            return "2020"
        return str(make_record(model._meta.get_field(filter_.field_name).related_model).pk)
    if isinstance(filter_, django_filters.CharFilter):
        return "viewer"
    raise AssertionError(f"No sample value for a {type(filter_).__name__}: add one here.")


@pytest.mark.django_db
@pytest.mark.parametrize("variant", list_filters())
def test_first_page_of_every_list_and_filter_is_read_in_order_from_an_index(variant, rf, reference_data, user_for):
    """No list sorts its whole table to show its first page, plain or filtered (PostgreSQL: as it plans for a large
    table); a filter needing a record is given one of the test's data."""
    name, _space, key = variant.partition(" ")
    view_class = list_views()[name]
    request = rf.get("/")
    request.user = user_for("administrator")
    view = view_class()
    view.setup(request)
    filterset_class = view_class.filterset_class
    data = (QueryDict(urlencode({key: filter_value(filterset_class.base_filters[key], filterset_class._meta.model)}))
            if key else None)
    filterset = view.filterset_class(data, queryset=view.get_queryset(), request=request)
    assert not filterset.errors, filterset.errors
    page = filterset.qs[:25]
    if connection.vendor == "sqlite":
        plan = page.explain()
    else:
        # As PostgreSQL plans for a large table. A search sorts its matches (below): it is planned without reading
        # a whole table or index, so what finds its rows must be the search index.
        settings = ["enable_seqscan", "enable_indexscan"] if key == "q" else ["enable_seqscan", "enable_sort"]
        with connection.cursor() as cursor:
            for setting in settings:
                cursor.execute(f"SET {setting} = off")
            try:
                plan = page.explain()
            finally:
                for setting in settings:
                    cursor.execute(f"RESET {setting}")
    if key == "q":
        # A search reads its matches from the search index and sorts only them: walking the list in order and
        # testing every row would read the whole table for a rare word.
        index = fts_table(view_class.model) if connection.vendor == "sqlite" else trigram_index(view_class.model)
        assert index in plan, plan
    elif connection.vendor == "sqlite":
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
    else:
        # An incremental sort orders only the rows of one group the index already gives in order (an event's
        # meeting requests, say); a full Sort node reads the whole table first.
        assert not FULL_SORT_NODE.search(plan), plan
