"""Hostile spreadsheets, at the sizes seen in issue 7 but built in a moment: each is refused (or read) at once,
with a message saying what to change, instead of keeping the server busy for minutes."""

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook

from liaison.core import imports
from liaison.core.imports import ImportRefused

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SHEET_START = b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + NS + b"><sheetData>"
SHEET_END = b"</sheetData></worksheet>"
SHARED_STRINGS_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                       b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def row(number: int, *texts: str) -> bytes:
    cells = b"".join(b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (bytes([65 + i]), number, text.encode())
                     for i, text in enumerate(texts))
    return b'<row r="%d">%s</row>' % (number, cells)


def workbook(sheet_parts, shared_parts=None) -> io.BytesIO:
    """A real workbook (written by openpyxl) whose sheet XML (and shared strings) are streamed in as given, so a
    part of many megabytes costs a moment to build and a few kilobytes to keep."""
    written = io.BytesIO()
    Workbook().save(written)
    out = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zip_:
        for member in source.infolist():
            if member.filename == "xl/worksheets/sheet1.xml":
                continue
            data = source.read(member)
            if member.filename == "[Content_Types].xml" and shared_parts is not None:
                data = data.replace(b"</Types>", SHARED_STRINGS_TYPE)
            zip_.writestr(member.filename, data)
        for name, parts in (("xl/worksheets/sheet1.xml", sheet_parts), ("xl/sharedStrings.xml", shared_parts)):
            if parts is not None:
                with zip_.open(name, "w", force_zip64=True) as part:
                    for chunk in parts:
                        part.write(chunk)
    out.seek(0)
    return out


def read(file, name="tags.xlsx") -> imports.Table:
    return imports.read_table(file, name)


def refusal(file, name="tags.xlsx") -> str:
    with pytest.raises(ImportRefused) as caught:
        read(file, name)
    return caught.value.message


HEADER = row(1, "slug", "name_en")
DATA = row(2, "a-tag", "A tag")


def test_a_row_ten_million_rows_down_is_refused_without_reading_the_rows_between():
    file = workbook([SHEET_START, HEADER, DATA, row(10_000_000, "late"), SHEET_END])
    assert "There are more than 1000 blank rows above row 1003" in refusal(file)


def test_ten_million_declared_empty_rows_after_the_data_are_not_read():
    file = workbook([b'<?xml version="1.0"?><worksheet ' + NS + b'><dimension ref="A1:B10000000"/><sheetData>',
                     HEADER, DATA, b'<row r="10000000"/>', SHEET_END])
    assert read(file).rows == [(2, ["a-tag", "A tag"])]


def test_ten_million_written_blank_rows_are_refused_unopened(settings):
    # The file of issue 7: ten million <row/>, a small upload that inflates to 60 MB of XML.
    file = workbook([SHEET_START, HEADER, DATA, *[b"<row/>" * 1_000_000] * 10, SHEET_END])
    assert len(file.getvalue()) < settings.LIAISON_IMPORT_MAX_BYTES
    assert "The spreadsheet unpacks to 57.2\xa0MB; the limit is 50.0\xa0MB" in refusal(file)


def test_blank_rows_after_the_data_end_it_and_a_value_far_below_is_refused(settings):
    settings.LIAISON_IMPORT_MAX_BLANK_ROWS = 10
    trailing = workbook([SHEET_START, HEADER, DATA, *[b"<row/>" * 1000] * 100, SHEET_END])
    assert [number for number, _values in read(trailing).rows] == [2]
    hidden = workbook([SHEET_START, HEADER, DATA, *[b"<row/>" * 1000] * 100, b"<row><c><v>1</v></c></row>",
                       SHEET_END])
    assert "more than 10 blank rows above row 13" in refusal(hidden)


def test_blank_rows_scattered_through_the_data_add_up(settings):
    settings.LIAISON_IMPORT_MAX_BLANK_ROWS = 10
    rows = [row(n * 4, f"tag-{n}", "Tag") for n in range(1, 5)]  # three blank rows before each
    assert "more than 10 blank rows above row 16" in refusal(workbook([SHEET_START, HEADER, *rows, SHEET_END]))


def test_a_row_of_two_million_cells_is_refused_at_its_thirty_first():
    file = workbook([SHEET_START, HEADER, b'<row r="2">', *[b"<c><v>1</v></c>" * 100_000] * 20, b"</row>",
                     SHEET_END])
    assert refusal(file) == ("Row 2 has cells beyond column AD; an import reads at most 30 columns. Delete the "
                             "columns to the right of the data and upload the file again.")


def test_a_cell_far_to_the_right_is_refused():
    assert "Row 3 has cells beyond column AD" in refusal(workbook([SHEET_START, HEADER, row(2, "a"),
                                                                   b'<row r="3"><c r="XFD3"><v>1</v></c></row>',
                                                                   SHEET_END]))


def test_a_300_mb_cell_is_refused_unopened():
    file = workbook([SHEET_START, HEADER, b'<row r="2"><c r="A2" t="inlineStr"><is><t>',
                     *[b"a" * 1_000_000] * 300, b"</t></is></c></row>", SHEET_END])
    assert "The spreadsheet unpacks to 286.1\xa0MB" in refusal(file)


def test_a_cell_over_excels_own_limit_is_refused_with_its_place():
    file = workbook([SHEET_START, HEADER, b'<row r="2"><c r="B2" t="inlineStr"><is><t>', b"a" * 40_000,
                     b"</t></is></c></row>", SHEET_END])
    assert refusal(file) == "Cell B2 holds more than 32767 characters. Shorten it and upload the file again."


def test_a_long_shared_string_is_refused():
    file = workbook([SHEET_START, HEADER, b'<row r="2"><c r="B2" t="s"><v>0</v></c></row>', SHEET_END],
                    [b"<sst " + NS + b"><si><t>", b"a" * 40_000, b"</t></si></sst>"])
    assert "holds more than 32767 characters" in refusal(file)


def test_shared_strings_are_read_and_bounded(settings):
    shared = [b"<sst " + NS + b"><si><t>slug</t></si><si><r><t>name</t></r><r><t>_en</t></r></si>",
              b"<si><t>a-tag</t><rPh><t>phonetic</t></rPh></si></sst>"]
    sheet = [SHEET_START, b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
             b'<row r="2"><c r="A2" t="s"><v>2</v></c></row>', SHEET_END]
    table = read(workbook(sheet, shared))
    assert table.header == ["slug", "name_en"] and table.rows == [(2, ["a-tag", ""])]
    settings.LIAISON_IMPORT_MAX_ROWS, settings.LIAISON_IMPORT_MAX_COLUMNS = 1, 1
    assert "more texts than 1 rows of 1 columns" in refusal(workbook(sheet, shared))


def test_a_bloated_style_part_is_refused_unopened():
    written = io.BytesIO()
    Workbook().save(written)
    out = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zip_:
        for member in source.infolist():
            data = source.read(member)
            zip_.writestr(member.filename, data + b" " * 2_000_000 if member.filename == "xl/styles.xml" else data)
    assert "The spreadsheet unpacks to" in refusal(io.BytesIO(out.getvalue()))


def test_a_csv_row_of_two_million_cells_is_refused():
    file = io.BytesIO(b"slug,name_en\n" + b"a," * 2_000_000 + b"a\n")
    assert "Row 2 has cells beyond column AD" in refusal(file, "tags.csv")


def test_a_csv_with_empty_cells_beyond_the_last_column_is_read():
    file = io.BytesIO(b"slug,name_en" + b"," * 100 + b"\na-tag,A tag\n")
    assert read(file, "tags.csv").rows == [(2, ["a-tag", "A tag"])]


@pytest.mark.parametrize("length", [40_000, 4_000_000])
def test_a_long_csv_cell_is_refused_clearly(length):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["slug", "name_en"], ["a-tag", "x" * length]])
    message = refusal(io.BytesIO(buffer.getvalue().encode()), "tags.csv")
    assert "more than 32767 characters" in message


def test_a_csv_of_blank_lines_then_a_row_is_refused(settings):
    settings.LIAISON_IMPORT_MAX_BLANK_ROWS = 10
    assert read(io.BytesIO(b"slug,name_en\na,A\n" + b"\n" * 100_000), "tags.csv").rows == [(2, ["a", "A"])]
    file = io.BytesIO(b"slug,name_en\na,A\n" + b"\n" * 100_000 + b"b,B\n")
    assert "more than 10 blank rows above row 100003" in refusal(file, "tags.csv")
