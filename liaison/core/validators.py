"""Validators shared by every app, and the one check every text field passes (see models.CheckedTextModel)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript:", re.IGNORECASE)
# Never in any text: control characters other than tab and line breaks (C0, DEL, C1), lone surrogates and the
# two non-characters XML refuses, and the bidirectional overrides that make a name read differently than it is.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
# Never in a single-line text (names, titles, codes): tabs and line breaks of any kind.
LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")
# What XML 1.0 (XLSX, SVG) cannot hold at all, nor UTF-8 (ICS); removed there from data stored before the check.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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


def plain_text(value: str, multiline: bool = False) -> None:
    """Text a person typed: no control characters; a single line (and no markup) unless `multiline`."""
    if not value:
        return
    found = CONTROL_CHARACTERS.search(value)
    if found:
        raise ValidationError(
            _("This text holds an invisible control character (U+{code:04X}); remove it.").format(
                code=ord(found.group())),
            code="control_character",
        )
    if multiline:
        return
    if LINE_BREAKS.search(value):
        raise ValidationError(_("This takes a single line: remove the line breaks and tabs."), code="line_break")
    no_markup(value)


def xml_safe(value: str) -> str:
    """`value` without the characters XML or UTF-8 cannot hold, for text written into XLSX, SVG or ICS."""
    return NOT_XML.sub("", value)
