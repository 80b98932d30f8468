"""Bilingual search: Traditional and Simplified Chinese, case and width are folded to one form, and every word of
the query must occur in the record's stored search text (as a substring: Chinese has no spaces between words).

`search` is the one search every list, page and API `q` uses. It is served by an index on both databases:
PostgreSQL's trigram index (pg_trgm, GIN) and SQLite's FTS5 trigram tables (see `search_index`). A trigram index
cannot look up words of one or two characters (common in Chinese: 陳, 澳門); those are matched on the rows the
longer words found, or by reading the search text of every row when the query has no longer word. The results are
the same on both databases.
"""

import unicodedata
from functools import lru_cache

import opencc
from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

# The shortest word a trigram index can look up.
INDEXED_LENGTH = 3


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """The form both the index and the query are reduced to."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return _to_simplified().convert(folded)


def index_text(values) -> str:
    """The stored search text for a record, from the values a user may search by."""
    return " | ".join(normalise(str(v)) for v in values if v)


def words(query: str) -> list[str]:
    """The words a record must hold, longest first; a word inside another word of the query adds nothing."""
    found = sorted(set(normalise(query).split()), key=lambda w: (-len(w), w))
    return [word for n, word in enumerate(found) if not any(word in longer for longer in found[:n])]


def fts_table(model) -> str:
    """The SQLite FTS5 table that indexes a model's search text."""
    return f"{model._meta.db_table}_fts"


def fts_phrase(word: str) -> str:
    """A word as an FTS5 string (a phrase: the characters in this order, anywhere in the text)."""
    return '"' + word.replace('"', '""') + '"'


def contains_all(found) -> Q:
    condition = Q()
    for word in found:
        condition &= Q(search_text__contains=word)
    return condition


def fts_rows(model, found) -> RawSQL:
    """The ids of the records whose search text holds every word (each of at least three characters)."""
    table = fts_table(model)
    return RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', (" ".join(map(fts_phrase, found)),))


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Records whose search text holds every word of the query."""
    found = words(query)
    if connections[queryset.db].vendor != "sqlite":
        return queryset.filter(contains_all(found))  # the trigram index serves LIKE '%word%'
    indexed = [word for word in found if len(word) >= INDEXED_LENGTH]
    if indexed:
        queryset = queryset.filter(pk__in=fts_rows(queryset.model, indexed))
    return queryset.filter(contains_all(word for word in found if len(word) < INDEXED_LENGTH))
