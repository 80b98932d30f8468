"""Bilingual search: Traditional and Simplified Chinese, case and width are folded to one form."""

import unicodedata
from functools import lru_cache

import opencc
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

# A search is a few words: each word is one condition of the query, and a database refuses thousands of them.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 20


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


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Records whose search text holds every word of the query (a bounded query: see `check_query`)."""
    condition = Q()
    for term in check_query(query):
        condition &= Q(search_text__contains=term)
    return queryset.filter(condition)
