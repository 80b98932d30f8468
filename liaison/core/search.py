"""Bilingual search: Traditional and Simplified Chinese, case and width are folded to one form."""

import unicodedata
from functools import lru_cache

import opencc
from django.db.models import Q, QuerySet


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


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Records whose search text holds every word of the query."""
    condition = Q()
    for term in normalise(query).split():
        condition &= Q(search_text__contains=term)
    return queryset.filter(condition)
