"""Query parameters read outside a filterset, parsed with bounds: bad input is None, never an exception."""

import re

# The largest primary key the database stores (a 64-bit signed integer).
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_int(text, low: int, high: int) -> int | None:
    """A whole number from ASCII digits between `low` and `high`, or None."""
    text = (text or "").strip() if isinstance(text, str) else ""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_id(text) -> int | None:
    """A record's primary key, or None when the text cannot be one."""
    return parse_int(text, 1, MAX_ID)
