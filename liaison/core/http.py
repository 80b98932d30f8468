"""HTTP details done once: the file name of a download, and where `next` may send the user."""

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote

from django.utils.http import url_has_allowed_host_and_scheme

from .validators import CONTROL_CHARACTERS, LINE_BREAKS

NOT_IN_FILE_NAMES = re.compile(r'[/\\:*?"<>|;]+')
NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME_LENGTH = 150


def file_name(name: str) -> str:
    """A name a file can be saved under on any system: no control characters, separators or quotes."""
    name = CONTROL_CHARACTERS.sub("", LINE_BREAKS.sub(" ", name))
    name = NOT_IN_FILE_NAMES.sub("-", " ".join(name.split())).strip(" .-")
    suffix = PurePosixPath(name).suffix
    if len(name) > MAX_NAME_LENGTH:
        name = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return name or "download"


def content_disposition(name: str, attachment: bool = True) -> str:
    """A Content-Disposition value naming the file in any language (RFC 6266 and 5987).

    Browsers take `filename*` (UTF-8, percent-encoded, so nothing in the name can end the header or add a
    parameter); older clients take `filename`, an ASCII rendering of the same name.
    """
    name = file_name(name)
    suffix = PurePosixPath(name).suffix
    ascii_name = NOT_ASCII_SAFE.sub("-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode())
    ascii_name = ascii_name.strip(".-")
    if not ascii_name or ascii_name == suffix.lstrip("."):
        ascii_name = f"download{suffix}"
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def safe_next(request, fallback: str) -> str:
    """The `next` the form posted when it stays on this site, else `fallback`."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return fallback

