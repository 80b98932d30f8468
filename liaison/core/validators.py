"""Validators shared by every app."""

import re

from django.core.exceptions import ValidationError
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
