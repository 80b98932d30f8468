"""An organisation's timeline: each area registers what it adds (positions now; memberships, agreements later)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

_providers = defaultdict(list)


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


def entries(record, user) -> list[Entry]:
    """Every entry the registered providers give for a record, newest first."""
    found = [entry for function in _providers[type(record)] for entry in function(record, user)]
    return sorted(found, key=lambda entry: entry.date, reverse=True)
