"""Validators shared by every app."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:", re.IGNORECASE)


def no_markup(value: str) -> None:
    """Names and titles are plain text: refuse HTML or script."""
    if value and MARKUP.search(value):
        raise ValidationError(_("HTML or script is not allowed here."), code="markup")
