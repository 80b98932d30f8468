"""Bilingual search: Traditional and Simplified Chinese, case and width are folded to one form, and every word of
the query must occur in the record's stored search text (as a substring: Chinese has no spaces between words).

`search` is the one search every list, page and API `q` uses. It is served by an index on both databases:
PostgreSQL's trigram index (pg_trgm, GIN) and SQLite's FTS5 trigram tables (see `search_index`). A trigram index
cannot look up words of one or two characters (common in Chinese: 陳, 澳門); those are matched on the rows the
longer words found, or by reading the search text of every row when the query has no longer word (on SQLite, the
FTS table's narrow copy of it rather than the whole rows). The results are the same on both databases.
"""

import unicodedata
from functools import lru_cache

import opencc
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

# A search is a few words: each word is one condition of the query, and a database refuses thousands of them.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 20
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


def check_query(query: str) -> list[str]:
    """The words of a search, or a ValidationError saying how long a search may be."""
    words = normalise(query[: MAX_QUERY_LENGTH + 1]).split()
    if len(query) > MAX_QUERY_LENGTH or len(words) > MAX_QUERY_WORDS:
        raise ValidationError(
            _("Search for at most {words} words ({length} characters).").format(
                words=MAX_QUERY_WORDS, length=MAX_QUERY_LENGTH),
            code="search_too_long",
        )
    return words



def words(query: str) -> list[str]:
    """The words a record must hold, longest first; a word inside another word of the query adds nothing."""
    found = sorted(set(normalise(query).split()), key=lambda w: (-len(w), w))
    return [word for n, word in enumerate(found) if not any(word in longer for longer in found[:n])]


def fts_table(model) -> str:
    """The SQLite FTS5 table that indexes a model's search text."""
    return f"{model._meta.db_table}_fts"


def text_table(model) -> str:
    """The SQLite table holding a narrow copy of a model's search text (id, search_text), which the FTS5 indexes."""
    return f"{model._meta.db_table}_search_text"


def fts_phrase(word: str) -> str:
    """A word as an FTS5 string (a phrase: the characters in this order, anywhere in the text)."""
    return '"' + word.replace('"', '""') + '"'


def contains_all(found) -> Q:
    """Every word is in the search text (LIKE '%word%', which PostgreSQL's trigram index serves)."""
    condition = Q()
    for word in found:
        condition &= Q(search_text__contains=word)
    return condition


def fts_rows(model, found) -> RawSQL:
    """The ids of the records whose search text holds every word: the index finds the longer words, and the
    shorter ones are looked for in the text of what it found (or in the narrow copy of every row's text, when no
    word is long enough; `instr` is an exact substring test, several times faster than LIKE)."""
    indexed = [word for word in found if len(word) >= INDEXED_LENGTH]
    short = [word for word in found if len(word) < INDEXED_LENGTH]
    conditions = ["instr(search_text, %s) > 0"] * len(short)
    if indexed:
        conditions.append(f'id IN (SELECT rowid FROM "{fts_table(model)}" WHERE "{fts_table(model)}" MATCH %s)')
    params = [*short, " ".join(map(fts_phrase, indexed))] if indexed else short
    return RawSQL(f'SELECT id FROM "{text_table(model)}" WHERE {" AND ".join(conditions)}', params)


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Records whose search text holds every word of the query (a bounded query: see `check_query`)."""
    check_query(query)
    found = words(query)
    if connections[queryset.db].vendor != "sqlite":
        return queryset.filter(contains_all(found))
    return queryset.filter(pk__in=fts_rows(queryset.model, found)) if found else queryset
