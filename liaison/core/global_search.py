"""One search across every kind of record the user may see: each searchable model's list, restricted for the user
(its `restrict_for` included), searched through the same index as its own list, then ranked together.

The work is bounded whatever the data: one query reads a page of candidates (id and search text) of every kind the
user may view, then one query per kind among the shown results reads their records.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F
from django.urls import NoReverseMatch, reverse

from . import search
from .access import permission_name, restrict
from .search_index import searchable_models

CANDIDATES_PER_KIND = 50
SHOWN = 50


@dataclass(frozen=True)
class Kind:
    key: str  # "app_label.model_name", also the type filter's value
    label: str
    model: type
    list_url: str


@dataclass(frozen=True)
class Hit:
    kind: Kind
    record: object
    score: int


def kinds_for(user) -> list[Kind]:
    """The kinds of record with a list page and record pages that the user may view, by name."""
    found = []
    for model in searchable_models():
        meta = model._meta
        if not user.has_perm(permission_name(model, "view")) or not hasattr(model, "get_absolute_url"):
            continue
        try:
            url = reverse(f"{meta.app_label}:{meta.model_name}_list")
        except NoReverseMatch:
            continue
        found.append(Kind(meta.label_lower, str(meta.verbose_name_plural), model, url))
    return sorted(found, key=lambda kind: kind.label)


def score(text: str, phrase: str) -> int:
    """Higher for a record whose name or acronym is the query (3), starts with it (2), or holds it as typed (1).

    Read from the stored search text (its values joined by `search.index_text`), so ranking costs no query."""
    text = text or ""
    values = text.split(" | ")
    if phrase in values:
        return 3
    if any(value.startswith(phrase) for value in values):
        return 2
    return 1 if phrase in text else 0


def find(user, query: str, kinds: list[Kind]) -> tuple[list[Hit], dict[str, int]]:
    """The best matches across `kinds` and, per kind, how many records match up to CANDIDATES_PER_KIND + 1 (more
    is "more than CANDIDATES_PER_KIND"); a bad query: ValidationError."""
    search.check_query(query)
    phrase = search.normalise(query).strip()
    counts, ranked = {kind.key: 0 for kind in kinds}, []
    for index, pk, text in _candidates(user, query, kinds):
        kind = kinds[index]
        counts[kind.key] += 1
        if counts[kind.key] <= CANDIDATES_PER_KIND:  # the one more only says "more"
            ranked.append((kind, pk, text, score(text, phrase)))
    ranked.sort(key=lambda row: (-row[3], len(row[2] or ""), row[0].label))
    shown = ranked[:SHOWN]
    wanted = defaultdict(list)
    for kind, pk, _text, _score in shown:
        wanted[kind].append(pk)
    records = {kind: restrict(kind.model.objects.all(), user).in_bulk(pks) for kind, pks in wanted.items()}
    return [Hit(kind, records[kind][pk], found) for kind, pk, _text, found in shown if pk in records[kind]], counts


def _candidates(user, query: str, kinds: list[Kind]) -> list[tuple[int, object, str]]:
    """(kind's index, id, search text) of up to CANDIDATES_PER_KIND + 1 matches of each kind, in one query.

    Each kind's part is its list's own search on its restricted queryset; they are read together because a query
    per kind costs more in round trips than in work once there are a dozen kinds. (The ORM's union cannot limit
    each part on SQLite, so the parts are joined as SQL; each keeps its parameters.)"""
    parts, params, connection = [], [], None
    for index, kind in enumerate(kinds):
        queryset = search.search(restrict(kind.model.objects.all(), user), query).values(
            found_id=F("pk"), found_text=F("search_text"))
        connection = connections[queryset.db]
        try:
            sql, part_params = queryset[:CANDIDATES_PER_KIND + 1].query.sql_with_params()
        except EmptyResultSet:  # the user may see none of this kind
            continue
        # By name: the ORM may order a values list's columns otherwise than asked.
        parts.append(f"SELECT {index} AS kind_index, part_{index}.found_id, part_{index}.found_text "
                     f"FROM ({sql}) AS part_{index}")
        params += part_params
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return [tuple(row) for row in cursor.fetchall()]
