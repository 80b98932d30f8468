"""One search across every kind of record the user may see: each searchable model's list, restricted for the user
(its `restrict_for` included), searched through the same index as its own list, then ranked together.

The work is bounded whatever the data: one count and one page of candidates per kind the user may view.
"""

from dataclasses import dataclass

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


def score(record, phrase: str) -> int:
    """Higher for a record whose name or acronym is the query (3), starts with it (2), or holds it as typed (1).

    Read from the stored search text (its values joined by `search.index_text`), so ranking costs no query."""
    text = record.search_text or ""
    values = text.split(" | ")
    if phrase in values:
        return 3
    if any(value.startswith(phrase) for value in values):
        return 2
    return 1 if phrase in text else 0


def find(user, query: str, kinds: list[Kind]) -> tuple[list[Hit], dict[str, int]]:
    """The best matches across `kinds` and, per kind, how many records match up to CANDIDATES_PER_KIND + 1 (more
    is "more than CANDIDATES_PER_KIND": one query per kind, no count); a bad query: ValidationError."""
    search.check_query(query)
    phrase = search.normalise(query).strip()
    hits, counts = [], {}
    for kind in kinds:
        matching = list(search.search(restrict(kind.model.objects.all(), user), query)[:CANDIDATES_PER_KIND + 1])
        counts[kind.key] = len(matching)
        hits += [Hit(kind, record, score(record, phrase)) for record in matching[:CANDIDATES_PER_KIND]]
    hits.sort(key=lambda hit: (-hit.score, len(hit.record.search_text or ""), hit.kind.label))
    return hits[:SHOWN], counts
