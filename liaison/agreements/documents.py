"""Checks on uploaded documents: name, size and content (by its first bytes, not by what its name claims)."""

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 150


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("PDF", "application/pdf", (".pdf",))
DOCX = FileType("Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                (".docx",))
PNG = FileType("PNG", "image/png", (".png",))
JPEG = FileType("JPEG", "image/jpeg", (".jpg", ".jpeg"))
ACCEPTED = (PDF, DOCX, PNG, JPEG)


def max_bytes() -> int:
    return int(getattr(settings, "LIAISON_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def accepted_text() -> str:
    return ", ".join(t.label for t in ACCEPTED)


def clean_name(name: str) -> str:
    """The file's own name, made safe; a name carrying a folder path or nothing usable is refused."""
    raw = name or ""
    if "/" in raw or "\\" in raw or "\x00" in raw or raw.strip() in {"", ".", ".."}:
        raise ValidationError(
            _("The file name “{name}” contains a folder path or is empty: upload the file under its own name.")
            .format(name=raw[:100]), code="file_name",
        )
    stem, suffix = PurePosixPath(raw).stem, PurePosixPath(raw).suffix.lower()
    try:
        safe = get_valid_filename(stem[: MAX_NAME_LENGTH - len(suffix)]) + suffix
    except Exception:  # SuspiciousFileOperation for names like "..": nothing usable is left
        safe = ""
    if not safe or safe.startswith("."):
        raise ValidationError(_("The file name “{name}” cannot be used.").format(name=raw[:100]), code="file_name")
    return safe


def _head(uploaded, count: int = 8) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(count)
    uploaded.seek(0)
    return head


def _is_docx(uploaded) -> bool:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded.seek(0)
    return "word/document.xml" in names and "[Content_Types].xml" in names


def detect(uploaded) -> FileType | None:
    """The accepted type the content really is, or None."""
    head = _head(uploaded)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04") and _is_docx(uploaded):
        return DOCX
    return None


def check(uploaded) -> tuple[str, FileType]:
    """(safe file name, detected type) of an upload, or a ValidationError saying what is wrong with it."""
    if uploaded is None:
        raise ValidationError(_("Choose a file to upload."), code="required")
    name = clean_name(getattr(uploaded, "name", ""))
    limit = max_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("“{name}” is {size}; documents may be at most {limit}.").format(
                name=name, size=filesizeformat(uploaded.size), limit=filesizeformat(limit)),
            code="file_size",
        )
    if uploaded.size == 0:
        raise ValidationError(_("“{name}” is empty.").format(name=name), code="file_empty")
    suffix = PurePosixPath(name).suffix.lower()
    claimed = next((t for t in ACCEPTED if suffix in t.extensions), None)
    if claimed is None:
        raise ValidationError(
            _("“{name}” is not an accepted kind of file. Accepted: {kinds}.").format(name=name,
                                                                                     kinds=accepted_text()),
            code="file_type",
        )
    actual = detect(uploaded)
    if actual is not claimed:
        raise ValidationError(
            _("“{name}” is named as {claimed} but its content is not a {claimed} file. Accepted: {kinds}.").format(
                name=name, claimed=claimed.label, kinds=accepted_text()),
            code="file_content",
        )
    return name, actual
