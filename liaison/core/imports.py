"""Spreadsheet import, written once: read a file, check every row, flag likely duplicates, write through services.

An app describes one kind of record with an `Importer` (its columns, how a cell becomes a value, which service
writes a row) and routes an `ImportView` subclass; `liaison import <name> FILE` finds it by `Importer.name`.
"""

import csv
import datetime
import io
import re
import secrets
import warnings
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from xml.parsers import expat

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from openpyxl import Workbook
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
from openpyxl.styles import Font
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from rapidfuzz import fuzz, process, utils

from . import jobs, services
from .access import permission_name, restrict
from .changelog import change_context
from .choices import ChangeSource, JobStatus
from .http import content_disposition
from .models import Job
from .search import normalise
from .validators import CONTROL_CHARACTERS
from .views_jobs import job_of

HEADER_ROW = 1
LIST_SEPARATORS = re.compile(r"[;\n]")
TRUE_WORDS = {"yes", "y", "true", "1", "是", "有效"}
FALSE_WORDS = {"no", "n", "false", "0", "否", "無效"}
# Name similarity (0–100) at which two records look like one, and at which a shared place makes them look so.
NAME_SIMILAR = 90
NAME_CLOSE = 80
MATCHES_PER_NAME = 20
NUMBERS = re.compile(r"\d+")


class ImportRefused(Exception):
    """A file or an import that cannot go ahead; the message says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


# --- Columns and importers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of an import template: its header, the data key it fills, and how a cell becomes a value."""

    header: str
    help: str
    required: bool = False
    example: str = ""
    parse: str = ""  # name of the importer method turning the cell's text into a value; plain text if empty
    field: str = ""  # the key in the data a service takes; the header if empty
    codes: type | None = None  # the choices a cell may name, by code or label (listed on the upload page)
    title: str = ""  # the header in the reader's language: an export writes it, an import reads it in any language

    @property
    def key(self) -> str:
        return self.field or self.header

    def names(self) -> set[str]:
        """Every header the column is read under (case ignored): its code, and its title in each language."""
        names = {self.header.casefold()}
        for code, _name in settings.LANGUAGES if self.title else ():
            with translation.override(code):
                names.add(str(self.title).strip().casefold())
        return names

    def code_labels(self) -> list[tuple[str, str]]:
        return list(self.codes.choices) if self.codes else []


@dataclass(frozen=True)
class Identity:
    """What makes two records look like one: names, exact codes (acronyms, e-mails), and a place."""

    names: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    scope: object = None


def identity(names=(), codes=(), scope=None) -> Identity:
    """An identity with names and codes folded (case, width, Traditional/Simplified, punctuation).

    A name's words are sorted once here, so that comparing two names is a plain (fast) ratio.
    """
    folded_names = {" ".join(sorted(utils.default_process(normalise(name)).split())) for name in names if name}
    folded_codes = {"".join(utils.default_process(normalise(code)).split()) for code in codes if code}
    return Identity(tuple(sorted(n for n in folded_names if n)), tuple(sorted(c for c in folded_codes if c)), scope)


class Importer:
    """Imports one kind of record; an app subclasses it, names its columns and says how a row is written."""

    name = ""  # as the command line calls it, e.g. "organisations"
    model = None
    columns: tuple[Column, ...] = ()
    extra_permissions: tuple[str, ...] = ()
    same_code_reason = gettext_lazy("same code")
    same_scope_reason = gettext_lazy("same place")

    def __init__(self, user):
        self.user = user

    @classmethod
    def permissions(cls) -> list[str]:
        """Importing needs the import permission and the right to add the records a row creates."""
        return ["core.import_records", permission_name(cls.model, "add"), *cls.extra_permissions]

    def visible(self, model):
        """The records of a model the importing user may see (lookups and duplicates never reach past them)."""
        return restrict(model.objects.all(), self.user)

    def parse_list(self, text: str) -> list[str]:
        return split_list(text)

    def parse_date(self, text: str) -> datetime.date | None:
        return parse_date(text)

    def finish(self, data: dict, row: "ImportRow") -> None:
        """Checks that span several columns; adds problems to the row."""

    def instances(self, data: dict) -> list[tuple[object, set[str]]]:
        """Unsaved records a row would create, each with the fields full_clean must skip.

        The first is the row's own record; each further one belongs to it, and the fields it skips are its links
        to the first (e.g. a contact's position names the contact), set when the first is written.
        """
        return [(build(self.model, data), set())]

    def many_to_many(self, data: dict) -> dict:
        """The many-to-many values of the row's own record."""
        return {f.name: data[f.name] for f in self.model._meta.many_to_many if f.name in data}

    def related(self, record):
        """The record whose history also shows the creation of the row's record (e.g. a membership's
        organisation); None if none."""
        return None

    def existing(self):
        """Records already stored that a row may duplicate."""
        return self.visible(self.model)

    def row_identity(self, data: dict) -> Identity:
        raise NotImplementedError

    def record_identity(self, record) -> Identity:
        raise NotImplementedError

    def column_for_field(self, name: str) -> str | None:
        """The header to report a model field's error under; None when another column already reports it."""
        if name == NON_FIELD_ERRORS:
            return ""
        for column in self.columns:
            if column.key == name:
                return column.header
        # The untranslated field (e.g. `name`) repeats the error of its language field (`name_en`).
        if any(column.key.startswith(f"{name}_") for column in self.columns):
            return None
        return ""


def build(model, data: dict):
    """An unsaved record of a row's data, without its many-to-many values."""
    m2m = {f.name for f in model._meta.many_to_many}
    return model(**{key: value for key, value in data.items() if key not in m2m})


REGISTRY: dict[str, type[Importer]] = {}


def register(importer_class: type[Importer]) -> type[Importer]:
    """Makes an importer available to `liaison import`."""
    REGISTRY[importer_class.name] = importer_class
    return importer_class


def importers() -> dict[str, type[Importer]]:
    """Every registered importer (each app's `importers` module is imported at start-up, see core.areas)."""
    return REGISTRY


# --- Cell values ------------------------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as the text a user typed, whatever type the spreadsheet stored it as."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def split_list(text: str) -> list[str]:
    """The values of a list cell, separated by semicolons or line breaks."""
    return [item.strip() for item in LIST_SEPARATORS.split(text) if item.strip()]


def parse_bool(text: str, default: bool = True) -> bool:
    """yes/no, true/false, 1/0, 是/否; blank is the default."""
    word = text.strip().casefold()
    if not word:
        return default
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(_("Write yes or no (or true/false, 1/0, 是/否), not “{value}”.").format(value=text))


def parse_date(text: str) -> datetime.date | None:
    """A date written YYYY-MM-DD (a date cell arrives in that form); blank is none."""
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _("Write the date as YYYY-MM-DD (e.g. 2024-03-01), not “{value}”.").format(value=text)
        ) from None


class Lookup:
    """Finds one record by any of its names or codes, folded as search folds them."""

    def __init__(self, records, keys):
        self._index = defaultdict(dict)
        for record in records:
            for key in keys(record):
                if key and key.strip():
                    self._index[normalise(key.strip())][record.pk] = record

    def matches(self, text: str) -> list:
        return list(self._index.get(normalise(text.strip()), {}).values())


# --- Reading a file ---------------------------------------------------------------------------------------------


@dataclass
class Table:
    """The header and the non-blank rows of a spreadsheet, each row with its number as the spreadsheet shows it."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def check_name(filename: str) -> str:
    """The reader's suffix for a file name; refuses other kinds of file."""
    suffix = Path(filename).suffix.lower()
    if suffix not in READERS:
        raise ImportRefused(
            _("“{name}” is not an .xlsx or .csv file. Save the spreadsheet as Excel (.xlsx) or CSV UTF-8 (.csv).")
            .format(name=filename)
        )
    return suffix


def check_size(size: int) -> None:
    """Refuses empty files and files over the configured limit before anything parses them."""
    limit = settings.LIAISON_IMPORT_MAX_BYTES
    if size == 0:
        raise ImportRefused(_("The file is empty."))
    if size > limit:
        raise ImportRefused(
            _("The file is {size}; the limit is {limit}. Split it into smaller files.").format(
                size=filesizeformat(size), limit=filesizeformat(limit)
            )
        )


def _too_many_rows(limit: int) -> ImportRefused:
    return ImportRefused(_("The file has more than {limit} rows. Split it into smaller files.").format(limit=limit))


def _too_many_blank_rows(row: int, limit: int) -> ImportRefused:
    return ImportRefused(_(
        "There are more than {limit} blank rows above row {row}. Delete the blank rows between the rows of data "
        "(and anything left far below them) and upload the file again."
    ).format(limit=limit, row=row))


def _too_many_columns(row: int, limit: int) -> ImportRefused:
    return ImportRefused(_(
        "Row {row} has cells beyond column {column}; an import reads at most {limit} columns. Delete the columns "
        "to the right of the data and upload the file again."
    ).format(row=row, column=get_column_letter(limit), limit=limit))


def _cell_too_long(row: int, column: int, limit: int) -> ImportRefused:
    return ImportRefused(_("Cell {cell} holds more than {limit} characters. Shorten it and upload the file again.")
                         .format(cell=f"{get_column_letter(column)}{row}", limit=limit))


def _collect(numbered_rows) -> Table:
    """The header and non-blank rows; refuses as soon as the rows, blank rows, columns or a cell are too many."""
    limit = settings.LIAISON_IMPORT_MAX_ROWS
    max_blank, max_columns = settings.LIAISON_IMPORT_MAX_BLANK_ROWS, settings.LIAISON_IMPORT_MAX_COLUMNS
    max_chars = settings.LIAISON_IMPORT_MAX_CELL_CHARS
    header, rows, blank = None, [], 0
    for number, values in numbered_rows:
        if len(values) > max_columns and any(values[max_columns:]):
            raise _too_many_columns(number, max_columns)
        texts = [cell_text(value) for value in values[:max_columns]]
        for column, text in enumerate(texts, start=1):
            if len(text) > max_chars:
                raise _cell_too_long(number, column, max_chars)
        if header is None:
            if not any(texts):
                break
            header = texts
            continue
        if not any(texts):
            blank += 1
            continue
        if blank > max_blank:
            raise _too_many_blank_rows(number, max_blank)
        rows.append((number, texts))
        if len(rows) > limit:
            raise _too_many_rows(limit)
    if not header or not any(header):
        raise ImportRefused(_("The first row must hold the column headers of the template."))
    if not rows:
        raise ImportRefused(_("The file has column headers but no rows to import."))
    return Table(header, rows)


def _read_csv(file) -> Table:
    try:
        text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(_("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and upload it again.")) from None
    if "\x00" in text:
        raise ImportRefused(_("The file holds binary data, not text: it is not a CSV file."))
    try:
        return _collect(enumerate(csv.reader(io.StringIO(text, newline="")), start=HEADER_ROW))
    except csv.Error as error:
        # The csv module stops at a cell over its own limit (131 072 characters), far above ours.
        if "field larger than field limit" not in str(error):
            raise
        limit = settings.LIAISON_IMPORT_MAX_CELL_CHARS
        raise ImportRefused(_("A cell holds more than {limit} characters. Shorten it and upload the file again.")
                            .format(limit=limit)) from error


# Parts of a workbook other than its sheets and shared strings (styles, the workbook itself, properties) that
# openpyxl parses whole; real ones are a few kilobytes, a bloated one costs seconds per megabyte.
OTHER_XML_PART = re.compile(r"^(?!xl/worksheets/|xl/sharedStrings\.xml$).*\.(xml|rels|vml)$", re.IGNORECASE)
OTHER_PART_MAX_BYTES = 1024 * 1024


def check_unpacked_size(archive: zipfile.ZipFile) -> None:
    """Refuses a workbook whose parts unpack to more than allowed (a zip bomb), before any part is unpacked.

    The sizes are those the archive declares; reading a part never yields more than its declared size.
    """
    limit = settings.LIAISON_IMPORT_MAX_UNPACKED_BYTES
    members = archive.infolist()
    size = sum(member.file_size for member in members)
    bloated = any(OTHER_XML_PART.match(member.filename) and member.file_size > OTHER_PART_MAX_BYTES
                  for member in members)
    if size > limit or bloated:
        raise ImportRefused(_(
            "The spreadsheet unpacks to {size}; the limit is {limit}. Delete what the import does not need "
            "(other sheets, pictures, formatting of empty cells) or split it into smaller files."
        ).format(size=filesizeformat(size), limit=filesizeformat(limit)))


CELL_REFERENCE = re.compile(r"^([A-Z]{1,3})(\d+)$")
# A value anywhere in a sheet's XML (a <v> or an inline string), whatever namespace prefix the writer chose.
VALUE_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v|is)>")
SCAN_CHUNK = 1024 * 1024


class _DataEnded(Exception):
    """More blank rows in a row than allowed: the data has ended, unless a value follows (see SheetScan.scan)."""


class SheetScan:
    """One cheap pass over a sheet's XML (expat events, no cell objects) before openpyxl reads any of it.

    Refuses too many rows, columns or characters in a cell, as `_collect` would, at a cost that does not depend
    on how far the file inflates them, and finds the last row and column holding a value, so that reading stops
    there. After more blank rows in a row than allowed the data has ended: the rest is only searched (at the speed
    of a byte search) for a value, which is refused rather than silently left out.
    """

    def __init__(self, shared_strings):
        self.shared_strings = shared_strings
        self.max_rows = settings.LIAISON_IMPORT_MAX_ROWS + 1  # and the header
        self.max_blank = settings.LIAISON_IMPORT_MAX_BLANK_ROWS
        self.max_columns = settings.LIAISON_IMPORT_MAX_COLUMNS
        self.max_chars = settings.LIAISON_IMPORT_MAX_CELL_CHARS
        self.last_row = self.last_column = self.rows = self.blank = 0
        self.row = self.column = self.cells = 0
        self.row_has_value = False
        self.cell_type, self.value, self.length, self.inside = None, [], 0, None

    def scan(self, source) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        offset = 0
        while chunk := source.read(SCAN_CHUNK):
            try:
                parser.Parse(chunk, False)
            except _DataEnded:
                self._refuse_any_value(chunk[parser.CurrentByteIndex - offset:], source)
                return
            offset += len(chunk)
        parser.Parse(b"", True)

    def _refuse_any_value(self, rest: bytes, source) -> None:
        tail = b""
        while rest:
            block = tail + rest
            # A plain byte search first: a regular expression over megabytes of blank rows would be slow.
            if (b"v>" in block or b"is>" in block) and VALUE_ELEMENT.search(block):
                raise _too_many_blank_rows(self.last_row + self.max_blank + 1, self.max_blank)
            tail, rest = rest[-16:], source.read(SCAN_CHUNK)

    def start(self, name: str, attributes: dict) -> None:
        name = name.rpartition(" ")[2]
        if name == "row":
            number = int(attributes.get("r") or self.row + 1)
            if number <= self.row:
                raise ValueError(f"row {number} after row {self.row}")
            if number - self.last_row - 1 > self.max_blank:
                raise _DataEnded
            self.row, self.column, self.cells, self.row_has_value = number, 0, 0, False
        elif name == "c":
            self.column = self._column(attributes.get("r"))
            self.cells += 1
            if max(self.column, self.cells) > self.max_columns:
                raise _too_many_columns(self.row, self.max_columns)
            self.cell_type, self.value, self.length = attributes.get("t"), [], 0
        elif name in ("v", "is"):
            self.inside = name

    def _column(self, reference: str | None) -> int:
        if not reference:
            return self.column + 1
        found = CELL_REFERENCE.match(reference)
        if found is None:
            raise ValueError(f"cell reference {reference!r}")
        return column_index_from_string(found.group(1))

    def text(self, data: str) -> None:
        if self.inside is None:
            return
        self.length += len(data)
        if self.length > self.max_chars:
            raise _cell_too_long(self.row, self.column, self.max_chars)
        self.value.append(data)

    def end(self, name: str) -> None:
        name = name.rpartition(" ")[2]
        if name in ("v", "is"):
            self.inside = None
        elif name == "c" and self._cell_text().strip():
            self.row_has_value = True
            self.last_column = max(self.last_column, self.column)
        elif name == "row" and self.row_has_value:
            self._value_row()

    def _cell_text(self) -> str:
        text = "".join(self.value)
        if self.cell_type != "s" or not text:
            return text
        shared = self.shared_strings[int(text)]
        if len(shared) > self.max_chars:
            raise _cell_too_long(self.row, self.column, self.max_chars)
        return shared

    def _value_row(self) -> None:
        self.blank += self.row - self.last_row - 1
        if self.blank > self.max_blank:
            raise _too_many_blank_rows(self.row, self.max_blank)
        self.rows += 1
        if self.rows > self.max_rows:
            raise _too_many_rows(self.max_rows - 1)
        self.last_row = self.row


class SharedStrings:
    """The workbook's shared strings, read with expat and bounded (openpyxl's own reader is slow on millions)."""

    def __init__(self):
        self.strings: list[str] = []
        self.max_count = (settings.LIAISON_IMPORT_MAX_ROWS + 1) * settings.LIAISON_IMPORT_MAX_COLUMNS
        self.max_chars = settings.LIAISON_IMPORT_MAX_CELL_CHARS
        self.path: list[str] = []
        self.parts: list[str] = []
        self.length = 0

    def read(self, source) -> list[str]:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text
        parser.ParseFile(source)
        return self.strings

    def start(self, name: str, attributes: dict) -> None:
        self.path.append(name.rpartition(" ")[2])
        if self.path[-1] == "si":
            self.parts, self.length = [], 0

    def text(self, data: str) -> None:
        # The text of a string is in its <t>, or in the <t> of its formatted runs (<r>); never in phonetic hints.
        if len(self.path) >= 2 and self.path[-1] == "t" and self.path[-2] in ("si", "r"):
            self.length += len(data)
            if self.length > self.max_chars:
                raise ImportRefused(_("A text in the file holds more than {limit} characters. Shorten it and "
                                      "upload the file again.").format(limit=self.max_chars))
            self.parts.append(data)

    def end(self, name: str) -> None:
        if self.path.pop() == "si":
            if len(self.strings) >= self.max_count:
                raise ImportRefused(_("The file holds more texts than {rows} rows of {columns} columns could. "
                                      "Split it into smaller files.").format(
                    rows=settings.LIAISON_IMPORT_MAX_ROWS, columns=settings.LIAISON_IMPORT_MAX_COLUMNS))
            self.strings.append("".join(self.parts).replace("x005F_", ""))  # as openpyxl reads them


class _ScannedSheet(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, sized by the scan (openpyxl would parse a sheet without a size to find it)."""

    def __init__(self, workbook, title, path, shared_strings, scan: SheetScan):
        self.scan = scan
        super().__init__(workbook, title, path, shared_strings)

    def _get_size(self):
        self._max_row, self._max_column = max(self.scan.last_row, 1), max(self.scan.last_column, 1)


class _FirstSheetReader(ExcelReader):
    """openpyxl's reader, opening the first worksheet only, and only after a SheetScan passed it."""

    def read_strings(self):
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = SharedStrings().read(source)

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                scan = SheetScan(self.shared_strings)
                with self.archive.open(rel.target) as source:
                    scan.scan(source)
                self.wb._sheets.append(_ScannedSheet(self.wb, sheet.name, rel.target, self.shared_strings, scan))
                return
        raise ImportRefused(_("The file has no worksheet."))


def _read_xlsx(file) -> Table:
    with zipfile.ZipFile(file) as archive:
        check_unpacked_size(archive)
    file.seek(0)
    with warnings.catch_warnings():
        # openpyxl warns about spreadsheet features it ignores (styles, validation); they do not concern the user.
        warnings.simplefilter("ignore")
        reader = _FirstSheetReader(file, read_only=True, data_only=True)
        reader.read()
        workbook = reader.wb
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            return _collect(enumerate(rows, start=HEADER_ROW))
        finally:
            workbook.close()


READERS = {".xlsx": _read_xlsx, ".csv": _read_csv}


def read_table(file, filename: str) -> Table:
    """The rows of the first sheet of an .xlsx file, or of a UTF-8 .csv file; refuses anything else clearly."""
    reader = READERS[check_name(filename)]
    file.seek(0, io.SEEK_END)
    check_size(file.tell())
    file.seek(0)
    try:
        return reader(file)
    except ImportRefused:
        raise
    except Exception as error:
        # A damaged file can fail anywhere inside the zip, XML or CSV parser; the user needs one clear answer.
        raise ImportRefused(
            _("“{name}” could not be read; it may be damaged or not really a {kind} file. Open it in a "
              "spreadsheet program, save it again as {kind}, and upload it again.").format(
                name=filename, kind=Path(filename).suffix.lower()
            )
        ) from error


# --- Checking rows ----------------------------------------------------------------------------------------------


class Problem(NamedTuple):
    """Why a row (or the header) cannot be imported: row number as the spreadsheet shows it, column, reason."""

    row: int
    column: str
    message: str


class Duplicate(NamedTuple):
    """A row that looks like a stored record or an earlier row of the same file."""

    row: int
    label: str
    match: str
    url: str | None
    match_row: int | None
    reasons: tuple[str, ...]
    likely: bool

    def describe(self) -> str:
        where = (
            _("row {row} of this file").format(row=self.match_row) if self.match_row
            else _("an existing record")
        )
        text = _("Row {row} (“{label}”) may duplicate “{match}” ({where}): {reasons}.")
        return text.format(row=self.row, label=self.label, match=self.match, where=where,
                           reasons="; ".join(self.reasons))


@dataclass
class ImportRow:
    """One spreadsheet row: the data a service takes, and its problems."""

    number: int
    data: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    label: str = ""
    # The unsaved records the row would create, each with the fields its check leaves out (see Importer.instances).
    records: list = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    def add_problem(self, column: str, message) -> None:
        problem = Problem(self.number, column, str(message))
        if problem not in self.problems:
            self.problems.append(problem)

    def failed(self, column: str) -> bool:
        return any(problem.column == column for problem in self.problems)


@dataclass
class ImportResult:
    """The check of a whole file: every row, problems of the header, likely duplicates."""

    rows: list[ImportRow]
    header_problems: list[Problem]
    duplicates: list[Duplicate]

    @property
    def problems(self) -> list[Problem]:
        return [*self.header_problems, *(p for row in self.rows for p in row.problems)]

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.valid]

    @property
    def invalid_count(self) -> int:
        return len(self.rows) - len(self.valid_rows)

    @property
    def all_valid(self) -> bool:
        return bool(self.rows) and not self.problems

    @property
    def any_valid(self) -> bool:
        return not self.header_problems and bool(self.valid_rows)


def match_header(columns, header: list[str]) -> tuple[dict[int, Column], list[Problem]]:
    """Where each column is (case and spaces ignored); problems for unknown, repeated and missing columns."""
    by_name = {name: column for column in columns for name in column.names()}
    known = ", ".join(column.header for column in columns)
    positions, problems = {}, []
    for index, text in enumerate(header):
        if not text.strip():
            continue
        column = by_name.get(text.strip().casefold())
        if column is None:
            problems.append(Problem(HEADER_ROW, text[:100], _("Unknown column. The columns are: {columns}.").format(
                columns=known)))
        elif column in positions.values():
            problems.append(Problem(HEADER_ROW, text, _("This column appears twice.")))
        else:
            positions[index] = column
    for column in columns:
        if column.required and column not in positions.values():
            problems.append(Problem(HEADER_ROW, column.header, _("This required column is missing.")))
    return positions, problems


def _parse_cells(importer: Importer, row: ImportRow, values: list[str], positions: dict[int, Column]) -> dict:
    """The row's data, one column at a time; a cell that cannot be read becomes a problem of its column."""
    cells = {column.header: "" for column in importer.columns}
    for index, text in enumerate(values):
        if index in positions:
            cells[positions[index].header] = text
        elif text:
            row.add_problem(get_column_letter(index + 1), _("This cell has no column header; nothing would keep it. "
                                                            "Add the header or delete the column."))
    data = {}
    for column in importer.columns:
        text = cells[column.header]
        if CONTROL_CHARACTERS.search(text):
            row.add_problem(column.header, _("This cell holds invisible control characters; remove them."))
            continue
        try:
            data[column.key] = getattr(importer, column.parse)(text) if column.parse else text
        except ValidationError as error:
            for message in error.messages:
                row.add_problem(column.header, message)
    return data


def _report(importer: Importer, row: ImportRow, error: ValidationError, failed: dict[str, str]) -> None:
    """A model's validation errors as problems of their columns."""
    for name, texts in error.message_dict.items():
        column = importer.column_for_field(name)
        # A cell already refused (and so missing from the data) is not refused again for being blank.
        for text in texts if column is not None and column not in failed else ():
            row.add_problem(column, text)


def _failed(importer: Importer, row: ImportRow) -> dict[str, str]:
    """{header: data key} of the row's cells already refused."""
    return {column.header: column.key for column in importer.columns if row.failed(column.header)}


def _clean(importer: Importer, row: ImportRow) -> None:
    """The model's own validation (as on pages and in the API), without saving and without a query."""
    failed = _failed(importer, row)
    row.records = importer.instances(row.data)
    for position, (instance, exclude) in enumerate(row.records):
        if position == 0:
            row.label = str(instance)
        try:
            services.clean_new(instance, exclude | set(failed.values()))
        except ValidationError as error:
            _report(importer, row, error, failed)


def _check_unique(importer: Importer, rows: list[ImportRow]) -> None:
    """Rows that repeat a stored record, or an earlier row, where a record must be unique (one query a rule)."""
    by_model = defaultdict(list)
    for row in rows:
        failed = set(_failed(importer, row).values())
        for instance, exclude in row.records:
            by_model[type(instance)].append((row, instance, exclude | failed))
    for entries in by_model.values():
        clashes = services.unique_clashes([(instance, exclude) for _row, instance, exclude in entries])
        for position, error in clashes.items():
            row = entries[position][0]
            _report(importer, row, error, _failed(importer, row))


def check_row(importer: Importer, number: int, values: list[str], positions: dict[int, Column]) -> ImportRow:
    """One row checked as a page would check it: every problem, with its column."""
    row = ImportRow(number)
    row.data = _parse_cells(importer, row, values, positions)
    importer.finish(row.data, row)
    _clean(importer, row)
    return row


def validate(importer: Importer, file, filename: str, progress=None) -> ImportResult:
    """Reads and checks a whole file without writing anything; `progress(done, total)` hears of every row."""
    table = read_table(file, filename)
    positions, header_problems = match_header(importer.columns, table.header)
    if header_problems:
        # Rows read under the wrong headers would only repeat the header's problems.
        return ImportResult([], header_problems, [])
    rows = []
    for number, values in table.rows:
        rows.append(check_row(importer, number, values, positions))
        if progress:
            progress(len(rows), len(table.rows))
    _check_unique(importer, rows)
    return ImportResult(rows, [], find_duplicates(importer, rows))


# --- Likely duplicates ------------------------------------------------------------------------------------------


class Candidate(NamedTuple):
    label: str
    record: object  # the stored record, or None for an earlier row of the file
    row: int | None
    identity: Identity


class DuplicateFinder:
    """Compares rows with stored records and with earlier rows: fuzzy names, exact codes, same place."""

    def __init__(self, importer: Importer):
        self.importer = importer
        # Names by the numbers they hold, then by place: "Region 5 Office" and "Region 6 Office" are close as text
        # but are two offices, and a record elsewhere is never a duplicate; so a name is compared only with the
        # names holding the same numbers in its own place, not with every name.
        self.names: dict[tuple, dict[object, tuple[list[str], list[Candidate]]]] = defaultdict(
            lambda: defaultdict(lambda: ([], []))
        )
        self.by_code: dict[str, list[Candidate]] = defaultdict(list)

    def add(self, candidate: Candidate) -> None:
        for name in candidate.identity.names:
            names, owners = self.names[tuple(NUMBERS.findall(name))][candidate.identity.scope]
            names.append(name)
            owners.append(candidate)
        for code in candidate.identity.codes:
            self.by_code[code].append(candidate)

    def similarities(self, wanted: Identity) -> dict[Candidate, float]:
        found = {}
        for name in wanted.names:
            by_scope = self.names.get(tuple(NUMBERS.findall(name)), {})
            scopes = list(by_scope) if wanted.scope is None else [wanted.scope, None]
            for scope in scopes:
                names, owners = by_scope.get(scope) or ((), ())
                for _match, score, index in process.extract(
                    name, names, scorer=fuzz.ratio, score_cutoff=NAME_CLOSE, limit=MATCHES_PER_NAME
                ):
                    found[owners[index]] = max(found.get(owners[index], 0), score)
        return found

    def matches(self, wanted: Identity) -> list[tuple[Candidate, tuple[str, ...], bool]]:
        """(candidate, reasons, likely) for every candidate that looks like the wanted record."""
        similar = self.similarities(wanted)
        same_code = {c for code in wanted.codes for c in self.by_code.get(code, ())}
        found = []
        for candidate in sorted(similar.keys() | same_code, key=lambda c: -similar.get(c, 0)):
            verdict = self.judge(wanted, candidate, similar.get(candidate, 0), candidate in same_code)
            if verdict:
                found.append((candidate, *verdict))
        return found

    def judge(self, wanted: Identity, candidate: Candidate, similarity: float, same_code: bool):
        """(reasons, likely) when the signals add up to a likely duplicate, else None."""
        theirs = candidate.identity.scope
        same_scope = wanted.scope is not None and wanted.scope == theirs
        # Same name, different places (e.g. two countries' Anti-Corruption Commission): two bodies, not one.
        if wanted.scope is not None and theirs is not None and not same_scope:
            return None
        signals = [similarity >= NAME_SIMILAR, same_code, same_scope]
        if not (signals[0] or same_code or (similarity >= NAME_CLOSE and same_scope)):
            return None
        reasons = []
        if similarity >= NAME_CLOSE:
            reasons.append(_("similar name ({score}%)").format(score=round(similarity)))
        if same_code:
            reasons.append(str(self.importer.same_code_reason))
        if same_scope:
            reasons.append(str(self.importer.same_scope_reason))
        return tuple(reasons), sum(signals) >= 2


def _page_of(record) -> str | None:
    try:
        return record.get_absolute_url()
    except NoReverseMatch:  # a record kept without a page of its own (e.g. a tag)
        return None


def find_duplicates(importer: Importer, rows: list[ImportRow]) -> list[Duplicate]:
    """Valid rows that look like a record the user can see or like an earlier row of the file."""
    finder = DuplicateFinder(importer)
    for record in importer.existing():
        finder.add(Candidate(str(record), record, None, importer.record_identity(record)))
    duplicates = []
    for row in rows:
        if not row.valid:
            continue
        wanted = importer.row_identity(row.data)
        for candidate, reasons, likely in finder.matches(wanted):
            url = _page_of(candidate.record) if candidate.record is not None else None
            duplicates.append(Duplicate(row.number, row.label, candidate.label, url, candidate.row, reasons, likely))
        finder.add(Candidate(row.label, None, row.number, wanted))
    return duplicates


# --- Writing ----------------------------------------------------------------------------------------------------


def run_import(acting_user, importer: Importer, rows: list[ImportRow], valid_only: bool, request_id=None,
               progress=None) -> list:
    """Writes the chosen rows, as checked, in one transaction: all or nothing, logged with source "import".

    `progress(count)` hears of every batch of records written.
    """
    invalid = sum(1 for row in rows if not row.valid)
    if invalid and not valid_only:
        raise ImportRefused(ngettext(
            "Nothing was imported: {count} row has problems. Fix it, or import the valid rows only.",
            "Nothing was imported: {count} rows have problems. Fix them, or import the valid rows only.",
            invalid,
        ).format(count=invalid))
    chosen = [row for row in rows if row.valid]
    if not chosen:
        raise ImportRefused(_("Nothing was imported: there are no valid rows."))
    try:
        with change_context(ChangeSource.IMPORT, request_id), transaction.atomic():
            return _write(acting_user, importer, chosen, progress)
    except (IntegrityError, ValidationError) as error:
        # Someone changed the records the file refers to since the check (e.g. deleted one): undo every row.
        raise ImportRefused(_("Nothing was imported: the records the file refers to changed while it was being "
                              "imported. Check the file again.")) from error


def _write(acting_user, importer: Importer, rows: list[ImportRow], progress) -> list:
    """The rows' own records, then the records that belong to them, each model in bulk."""
    own = [services.NewRecord(row.records[0][0], importer.many_to_many(row.data),
                               importer.related(row.records[0][0])) for row in rows]
    created = services.create_in_bulk(acting_user, own, progress)
    belonging = defaultdict(list)
    for row in rows:
        record = row.records[0][0]
        for instance, links in row.records[1:]:
            for name in links:
                setattr(instance, name, record)
            belonging[type(instance)].append(services.NewRecord(instance, related=record))
    for records in belonging.values():
        services.create_in_bulk(acting_user, records)
    return created


# --- The template ----------------------------------------------------------------------------------------------


def template_workbook(importer_class: type[Importer]) -> bytes:
    """An .xlsx with the header row, and a second sheet explaining each column in English and Chinese."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = importer_class.name[:31]
    sheet.append([column.header for column in importer_class.columns])
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 4)
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("columns")
    guide.append([_("Column"), _("Required"), "English", "中文", _("Example")])
    for column in importer_class.columns:
        guide.append([column.header, _("yes") if column.required else _("no"), _in_language(column.help, "en"),
                      _in_language(column.help, "zh-hant"), column.example])
    for cell in guide[HEADER_ROW]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (18, 10, 70, 50, 30), strict=True):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _in_language(text, language: str) -> str:
    with translation.override(language):
        return str(text)


# --- Pages ------------------------------------------------------------------------------------------------------

UPLOAD_DIR = "imports"
STORED_NAME = re.compile(rf"^{UPLOAD_DIR}/[0-9a-f]{{32}}\.(xlsx|csv)$")
STALE_AFTER = datetime.timedelta(days=1)


class ImportUploadForm(forms.Form):
    """Step 1: the spreadsheet."""

    file = forms.FileField(label=gettext_lazy("Spreadsheet (.xlsx or .csv)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_name(upload.name)
            check_size(upload.size)
        except ImportRefused as refusal:
            raise ValidationError(refusal.message) from refusal
        return upload


def store_upload(upload) -> str:
    """Keeps an upload between steps under a random name; the client never names a stored file."""
    purge_stale_uploads()
    return default_storage.save(f"{UPLOAD_DIR}/{secrets.token_hex(16)}{check_name(upload.name)}", upload)


def discard_upload(name: str) -> None:
    if STORED_NAME.match(name or ""):
        default_storage.delete(name)


def purge_stale_uploads() -> None:
    """Removes uploads abandoned before the import step (a closed tab leaves its file behind)."""
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - STALE_AFTER
    for name in files:
        path = f"{UPLOAD_DIR}/{name}"
        if STORED_NAME.match(path) and default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


# --- The import as a job -----------------------------------------------------------------------------------------


def list_url(importer_class: type[Importer]) -> str:
    meta = importer_class.model._meta
    return reverse(f"{meta.app_label}:{meta.model_name}_list")


def summary(result: ImportResult) -> dict:
    """What a check found, as kept with its job for the check's page: counts, problems, likely duplicates."""
    return {
        "rows": len(result.rows), "valid": len(result.valid_rows), "invalid": result.invalid_count,
        "all_valid": result.all_valid, "any_valid": result.any_valid,
        "problems": [problem._asdict() for problem in result.problems],
        "duplicates": [duplicate._asdict() for duplicate in result.duplicates],
    }


def counts_message(result: ImportResult) -> str:
    total = len(result.rows)
    return ngettext(
        "{total} row: {valid} valid, {invalid} with problems.",
        "{total} rows: {valid} valid, {invalid} with problems.", total,
    ).format(total=total, valid=len(result.valid_rows), invalid=result.invalid_count)


@jobs.job
def import_file(run: jobs.Run, importer: str, path: str, filename: str, mode: str, page: str = "",
                checked: int | None = None) -> jobs.Outcome:
    """Checks a stored spreadsheet (mode "check"), or checks it and writes "all" its rows or the "valid" ones.

    Checking and writing are one pass: the rows are written as this job checked them, in one transaction.
    """
    user = run.job.owner
    importer_class = importers()[importer]
    check_page = f"{page}?job={checked or run.job.pk}" if page else ""
    if user is None or not user.is_active or not user.has_perms(importer_class.permissions()):
        kind = importer_class.model._meta.verbose_name_plural
        raise jobs.JobFailed(_("You may not import {kind}.").format(kind=kind))
    if not STORED_NAME.match(path) or not default_storage.exists(path):
        raise jobs.JobFailed(_("There is no checked file any more: upload it again."), url=page)
    checker = importer_class(user)
    run.progress(0, 0, _("Checking the rows."))
    try:
        with default_storage.open(path, "rb") as file:
            result = validate(checker, file, filename, progress=run.progress)
    except ImportRefused as refusal:
        discard_upload(path)
        raise jobs.JobFailed(refusal.message, url=page) from refusal
    found = summary(result)
    if mode == "check":
        return jobs.Outcome(counts_message(result), check_page, found)
    rows = len(result.valid_rows) if mode == "valid" else len(result.rows)
    run.progress(0, rows, _("Writing the rows."))
    try:
        created = run_import(user, checker, result.rows, valid_only=mode == "valid",
                             request_id=run.job.request_id, progress=lambda count: run.progress(
                                 min(run.job.done + count, rows), rows))
    except ImportRefused as refusal:
        raise jobs.JobFailed(refusal.message, found, check_page) from refusal
    discard_upload(path)
    message = created_message(checker.model, len(created))
    if mode == "valid" and result.invalid_count:
        message = f"{message} {left_out_message(result.invalid_count)}"
    return jobs.Outcome(message, list_url(importer_class) if page else "", found)


class ImportView(PermissionRequiredMixin, TemplateView):
    """Upload → check (problems and likely duplicates) → import, the check and the import each as a job."""

    importer_class: type[Importer] = None
    upload_limit_setting = "LIAISON_IMPORT_MAX_BYTES"  # a larger body is refused unread (RequestSizeMiddleware)

    def get_permission_required(self):
        return self.importer_class.permissions()

    def get(self, request, *args, **kwargs):
        if "template" in request.GET:
            return template_response(self.importer_class)
        if "job" in request.GET:
            return self.preview()
        return self.upload_page(ImportUploadForm())

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action in ("import_all", "import_valid", "cancel"):
            check = self.check_job(request.POST.get("job"))
            if action == "cancel":
                discard_upload(check.params["path"])
                return redirect(list_url(self.importer_class))
            earlier = Job.objects.filter(owner=self.request.user, kind=check.kind, params__checked=check.pk).exclude(
                status=JobStatus.FAILED).first()
            if earlier is not None:  # a second click, or a second tab: the file is imported once
                return redirect(earlier)
            return self.start(check.params["path"], check.params["filename"],
                              "valid" if action == "import_valid" else "all", checked=check.pk)
        return self.upload()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.importer_class.model._meta
        context.update(
            kind=meta.verbose_name_plural, columns=self.importer_class.columns, list_url=list_url(self.importer_class),
            max_rows=settings.LIAISON_IMPORT_MAX_ROWS,
            max_size=filesizeformat(settings.LIAISON_IMPORT_MAX_BYTES),
        )
        return context

    def upload_page(self, form):
        self.template_name = "core/import_upload.html"
        return self.render_to_response(self.get_context_data(form=form))

    def upload(self):
        form = ImportUploadForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            return self.upload_page(form)
        upload = form.cleaned_data["file"]
        return self.start(store_upload(upload), upload.name[:200], "check")

    def start(self, path: str, filename: str, mode: str, checked: int | None = None):
        """Queues the check or the import and shows its progress."""
        kind = self.importer_class.model._meta.verbose_name_plural
        title = (_("Check of “{file}” ({kind})") if mode == "check" else _("Import of “{file}” ({kind})")).format(
            file=filename, kind=kind)
        params = {"importer": self.importer_class.name, "path": path, "filename": filename, "mode": mode,
                  "page": self.request.path, "checked": checked}
        started = jobs.start(self.request.user, import_file, title, params, getattr(self.request, "id", ""))
        return redirect(started)

    def check_job(self, pk) -> Job:
        """The user's own finished check of a file for this importer, or 404."""
        check = job_of(self.request.user, pk, kind=jobs.kind_of(import_file), params__importer=self.importer_class.name)
        if check.params.get("mode") != "check" or check.status != JobStatus.SUCCEEDED:
            raise Http404
        return check

    def preview(self):
        check = self.check_job(self.request.GET.get("job"))
        self.template_name = "core/import_preview.html"
        return self.render_to_response(self.get_context_data(
            check=check, result=check.result, filename=check.params["filename"],
            stored=STORED_NAME.match(check.params["path"]) and default_storage.exists(check.params["path"])))


def created_message(model, count: int) -> str:
    meta = model._meta
    kind = meta.verbose_name if count == 1 else meta.verbose_name_plural
    return _("Imported {count} {kind}.").format(count=count, kind=kind)


def left_out_message(count: int) -> str:
    return ngettext(
        "{count} row with problems was left out.", "{count} rows with problems were left out.", count
    ).format(count=count)


def template_response(importer_class: type[Importer]) -> HttpResponse:
    response = HttpResponse(
        template_workbook(importer_class),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition(f"{importer_class.name}-template.xlsx")
    return response
