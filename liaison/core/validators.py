"""Validators shared by every app."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:", re.IGNORECASE)


def require_one_language(record, field: str, message) -> None:
    """A bilingual content field (`<field>_en`, `<field>_zh_hant`) given in at least one of the two languages."""
    if not any((getattr(record, f"{field}_{language}") or "").strip() for language in ("en", "zh_hant")):
        raise ValidationError({f"{field}_en": message}, code="required")


def no_markup(value: str) -> None:
    """Names and titles are plain text: refuse HTML or script."""
    if value and MARKUP.search(value):
        raise ValidationError(_("HTML or script is not allowed here."), code="markup")


def validate_each(values, validators) -> None:
    """A list of strings, each passing every validator; the error names the value at fault."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError(_("Give a list of values."), code="list")
    for value in values:
        for validator in validators:
            try:
                validator(value)
            except ValidationError as error:
                # A code of its own: JSONField would replace an "invalid" message with its own JSON message.
                raise ValidationError(
                    _("“{value}”: {reason}").format(value=value, reason=" ".join(error.messages)), code="item"
                ) from error


def validate_short_list(values) -> None:
    """A list of short plain-text values (phones, languages, other names)."""
    validate_each(values, [MaxLengthValidator(100), no_markup])


MAX_ALIASES = 20


def validate_aliases(values) -> None:
    """A record's other names: a few short plain-text values."""
    validate_short_list(values)
    if len(values) > MAX_ALIASES:
        raise ValidationError(_("Give at most {limit} other names.").format(limit=MAX_ALIASES), code="max_items")
