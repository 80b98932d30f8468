"""Stored values as the pages show them, in the reader's language: choices by label, booleans as yes/no, lists
joined, dates as the pages write them. The history and the exports both use these."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext, pgettext

DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%Y-%m-%d %H:%M"


def yes_no(value: bool) -> str:
    """A boolean as the pages say it (yes / no, 是 / 否)."""
    yes, no = gettext("yes,no").split(",")
    return yes if value else no


def joined(items) -> str:
    """Items of a list, as the reader's language separates them (", " / "、")."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


def value_labels(field) -> dict:
    """{value: label} of a field's choices; for a list field, of the choices its model declares for the items
    (`item_choices = {"areas": CooperationArea}`). Empty for a field without choices (or no field)."""
    if field is None:
        return {}
    if field.choices:
        return dict(field.flatchoices)
    model_choices = getattr(field.model, "item_choices", {}).get(field.name)
    return dict(model_choices.choices) if model_choices else {}


def label_of(labels: dict, value) -> str:
    return str(labels.get(value, value))


def shown_date(value) -> str:
    """A date or moment (or its ISO text, as the change log keeps it) as the pages write it."""
    if isinstance(value, str):
        value = parse_datetime(value) if "T" in value else parse_date(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime(TIME_FORMAT)
    return value.strftime(DATE_FORMAT)


def shown(field, value) -> str:
    """A value of `field` (None: a field that is gone) as a page shows it; None and empty values as an empty
    text. Links to other records are not resolved here (see changelog.linked_names)."""
    if value is None or value == "" or value == []:
        return ""
    labels = value_labels(field)
    if isinstance(value, list):
        return joined(label_of(labels, item) for item in value)
    if labels:
        return label_of(labels, value)
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(field, models.DateField | models.DateTimeField):
        return shown_date(value)
    return str(value)
