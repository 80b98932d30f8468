"""An organisation's timeline: each area registers what it adds (positions now; memberships, agreements later)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

_providers = defaultdict(list)
# The entries a timeline shows, newest first: a record with a long history (our own organisation, party to every
# agreement) stays one bounded page. A provider gives at most this many of each kind of entry (`newest`).
LIMIT = 50


@dataclass(frozen=True)
class Entry:
    """One dated event on a timeline."""

    date: date
    text: str
    url: str = ""


def provider(model):
    """Registers `function(record, user) -> iterable of Entry` for records of `model`."""

    def register(function):
        _providers[model].append(function)
        return function

    return register


def newest(queryset, field: str):
    """The LIMIT records of `queryset` with the latest `field` (a date), newest first: what a provider reads for
    one kind of entry dated by that field."""
    return queryset.filter(**{f"{field}__isnull": False}).order_by(f"-{field}", "-pk")[:LIMIT]


def entries(record, user) -> list[Entry]:
    """The newest LIMIT entries the registered providers give for a record, newest first."""
    found = [entry for function in _providers[type(record)] for entry in function(record, user)]
    return sorted(found, key=lambda entry: entry.date, reverse=True)[:LIMIT]
