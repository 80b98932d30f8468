"""The import framework with real files: reading, refusing, checking rows, duplicates, all-or-nothing writes."""

import csv
import io
import os

import pytest
from django.utils import translation
from django.utils.translation import trans_real
from openpyxl import Workbook, load_workbook

from liaison.core import imports, services
from liaison.core.imports import Column, ImportRefused, identity
from liaison.core.models import ChangeRecord, Tag
from liaison.core.testing import make_user

pytestmark = pytest.mark.django_db


class TagImporter(imports.Importer):
    """A small importer of core's own tags, so the framework is tested without any app."""

    name = "tags"
    model = Tag
    same_code_reason = "same slug"
    columns = (
        Column("slug", "Slug.", required=True),
        Column("name_en", "Name in English.", required=True),
        Column("name_zh_hant", "Name in Chinese."),
    )

    def create(self, acting_user, data):
        return services.create_object(acting_user, Tag, data)

    def row_identity(self, data):
        return identity((data["name_en"], data["name_zh_hant"]), (data["slug"],))

    def record_identity(self, record):
        return identity((record.name_en, record.name_zh_hant), (record.slug,))


def write_xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def write_csv(path, rows, encoding="utf-8-sig"):
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle).writerows(rows)
    return path


def check(path, user=None):
    importer = TagImporter(user or make_user("manager"))
    with path.open("rb") as handle:
        return importer, imports.validate(importer, handle, path.name)


def refusal(path) -> str:
    with pytest.raises(ImportRefused) as caught:
        check(path)
    return caught.value.message


HEADER = ["slug", "name_en", "name_zh_hant"]


def test_xlsx_rows_keep_the_numbers_the_spreadsheet_shows(tmp_path):
    path = write_xlsx(tmp_path / "tags.xlsx", [HEADER, ["a-tag", "A tag", "甲"], [], ["b-tag", "<b>B</b>", ""]])
    _importer, result = check(path)
    assert [row.number for row in result.rows] == [2, 4]
    assert result.problems == [imports.Problem(4, "name_en", "HTML or script is not allowed here.")]


def test_csv_with_byte_order_mark_and_line_breaks_in_a_cell(tmp_path):
    path = write_csv(tmp_path / "tags.csv", [HEADER, ["a-tag", "A tag", "甲\n乙"]])
    _importer, result = check(path)
    assert result.rows[0].data["name_zh_hant"] == "甲\n乙"
    # A name is a single line (issue 7): the line break read from the cell is the row's only problem.
    assert result.problems == [imports.Problem(2, "name_zh_hant",
                                               "This takes a single line: remove the line breaks and tabs.")]


def test_headers_match_whatever_their_case_and_spaces(tmp_path):
    path = write_csv(tmp_path / "tags.csv", [[" SLUG ", "Name_EN", "name_zh_hant"], ["a-tag", "A tag", ""]])
    assert check(path)[1].all_valid


def test_unknown_repeated_and_missing_columns_are_reported_on_the_header_row(tmp_path):
    path = write_xlsx(tmp_path / "tags.xlsx", [["slug", "slug", "colour"], ["a-tag", "a-tag", "red"]])
    _importer, result = check(path)
    problems = {(p.row, p.column): p.message for p in result.problems}
    assert problems[(1, "colour")].startswith("Unknown column. The columns are: slug, name_en")
    assert problems[(1, "slug")] == "This column appears twice."
    assert problems[(1, "name_en")] == "This required column is missing."
    assert result.rows == [] and not result.any_valid


def test_a_cell_without_a_header_is_not_silently_dropped(tmp_path):
    path = write_xlsx(tmp_path / "tags.xlsx", [HEADER, ["a-tag", "A tag", "甲", "forgotten"]])
    assert check(path)[1].problems[0][:2] == (2, "D")


def test_control_characters_are_a_problem_of_their_cell(tmp_path):
    path = write_csv(tmp_path / "tags.csv", [HEADER, ["a-tag", "A\x07tag", ""]])
    assert check(path)[1].problems[0][:2] == (2, "name_en")


@pytest.mark.parametrize("name", ["tags.xls", "tags.txt", "tags"])
def test_other_kinds_of_file_are_refused(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"slug\nx\n")
    assert "is not an .xlsx or .csv file" in refusal(path)


def test_a_corrupt_xlsx_is_refused_with_a_message(tmp_path):
    path = tmp_path / "tags.xlsx"
    path.write_bytes(os.urandom(4096))
    assert "could not be read; it may be damaged" in refusal(path)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path, settings):
    settings.LIAISON_IMPORT_MAX_BYTES = 1024
    path = write_csv(tmp_path / "tags.csv", [HEADER, *[[f"tag-{n}", "x" * 50, ""] for n in range(50)]])
    assert "the limit is" in refusal(path)


def test_too_many_rows_are_refused(tmp_path, settings):
    settings.LIAISON_IMPORT_MAX_ROWS = 3
    path = write_xlsx(tmp_path / "tags.xlsx", [HEADER, *[[f"tag-{n}", "Tag", ""] for n in range(4)]])
    assert "more than 3 rows" in refusal(path)


def test_a_csv_not_in_utf8_is_refused(tmp_path):
    path = write_csv(tmp_path / "tags.csv", [HEADER, ["a-tag", "標籤", ""]], encoding="big5")
    assert "not in UTF-8" in refusal(path)


def test_empty_and_header_only_files_are_refused(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert refusal(empty) == "The file is empty."
    assert "no rows to import" in refusal(write_csv(tmp_path / "header.csv", [HEADER]))


def test_one_bad_row_means_nothing_is_written(tmp_path):
    path = write_xlsx(tmp_path / "tags.xlsx", [HEADER, ["a-tag", "A tag", ""], ["b-tag", "", "乙"]])
    importer, result = check(path)
    assert result.problems[0][:2] == (3, "name_en")
    with pytest.raises(ImportRefused, match="1 row has problems"):
        imports.run_import(importer.user, importer, result.rows, valid_only=False)
    assert not Tag.objects.filter(slug__in=["a-tag", "b-tag"]).exists()


def test_valid_only_writes_exactly_the_valid_rows_logged_as_one_import(tmp_path):
    path = write_xlsx(tmp_path / "tags.xlsx", [HEADER, ["a-tag", "A tag", ""], ["b tag", "B", ""], ["c-tag", "C", ""]])
    importer, result = check(path)
    assert [(p.row, p.column) for p in result.problems] == [(3, "slug")]
    created = imports.run_import(importer.user, importer, result.rows, valid_only=True)
    assert sorted(tag.slug for tag in created) == ["a-tag", "c-tag"]
    assert not Tag.objects.filter(slug="b tag").exists()
    changes = ChangeRecord.objects.filter(object_id__in=[tag.pk for tag in created], content_type__model="tag")
    assert {(c.source, c.action, c.user) for c in changes} == {("import", "create", importer.user)}
    assert changes.count() == 2 and len({c.request_id for c in changes}) == 1


def test_a_clash_written_after_the_check_undoes_every_row(tmp_path):
    path = write_csv(tmp_path / "tags.csv", [HEADER, ["a-tag", "A tag", ""], ["b-tag", "B tag", ""]])
    importer, result = check(path)
    assert result.all_valid
    services.create_object(None, Tag, {"slug": "b-tag", "name_en": "Written meanwhile"})
    with pytest.raises(ImportRefused, match="changed while it was being imported"):
        imports.run_import(importer.user, importer, result.rows, valid_only=False)
    assert not Tag.objects.filter(slug="a-tag").exists()
    assert not ChangeRecord.objects.filter(source="import").exists()


def test_a_value_that_must_be_unique_is_a_problem_when_stored_or_repeated_in_the_file(tmp_path):
    services.create_object(None, Tag, {"slug": "stored", "name_en": "Stored"})
    path = write_csv(tmp_path / "tags.csv", [HEADER, ["stored", "One", ""], ["twice", "Two", ""],
                                             ["twice", "Three", ""], ["fine", "Four", ""]])
    _importer, result = check(path)
    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (2, "slug", "Tag with this Slug already exists."), (4, "slug", "Tag with this Slug already exists.")]
    assert [row.number for row in result.valid_rows] == [3, 5]


def test_duplicates_are_warnings_against_stored_records_and_earlier_rows(tmp_path):
    manager = make_user("manager")
    services.create_object(manager, Tag, {"slug": "anti-graft", "name_en": "Anti-graft", "name_zh_hant": "反貪污"})
    path = write_xlsx(tmp_path / "tags.xlsx", [
        HEADER, ["graft", "Anti graft", ""], ["other", "Something else", "反贪污"], ["another", "Something else", ""],
    ])
    _importer, result = check(path, manager)
    assert result.all_valid
    found = {(d.row, d.match, d.match_row) for d in result.duplicates}
    assert (2, "Anti-graft", None) in found  # fuzzy English name
    assert (3, "Anti-graft", None) in found  # Simplified Chinese of a Traditional name
    assert (4, "Something else", 3) in found  # the same name as an earlier row
    assert len(found) == 3


def test_duplicates_look_only_at_records_the_user_can_see(tmp_path):
    services.create_object(None, Tag, {"slug": "anti-graft", "name_en": "Anti-graft"})
    path = write_csv(tmp_path / "tags.csv", [HEADER, ["anti-graft", "Anti-graft", ""]])
    assert check(path, make_user("none"))[1].duplicates == []


def test_a_same_name_in_another_place_is_not_a_duplicate():
    finder = imports.DuplicateFinder(TagImporter(None))
    finder.add(imports.Candidate("ACC", None, 2, identity(["Anti-Corruption Commission"], ["ACC"], scope=1)))
    assert finder.matches(identity(["Anti-Corruption Commission"], ["ACC"], scope=2)) == []
    [(_candidate, reasons, likely)] = finder.matches(identity(["Anti Corruption Commission"], ["A.C.C."], scope=1))
    assert likely and reasons[1:] == ("same slug", "same place")
    [(_candidate, _reasons, likely)] = finder.matches(identity(["anti-corruption commission"]))
    assert not likely


def test_template_has_the_header_row_and_explains_each_column_in_both_languages():
    workbook = load_workbook(io.BytesIO(imports.template_workbook(TagImporter)), read_only=True)
    data, guide = workbook.worksheets
    assert next(data.iter_rows(values_only=True)) == tuple(HEADER)
    rows = list(guide.iter_rows(values_only=True))
    assert rows[0][2:4] == ("English", "中文")
    assert [row[0] for row in rows[1:]] == HEADER


def test_messages_are_in_the_users_language(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "tags.csv", [HEADER, ["a-tag", "x" * 101, ""], ["b-tag", "B", ""], ["c-tag", "B", ""]])
    english = "Ensure this value has at most 100 characters (it has 101)."
    ours = "Nothing was imported: {count} row has problems. Fix it, or import the valid rows only."
    catalogue = trans_real.translation("zh-hant")._catalog._catalogs[0]
    # Our own messages may not be translated yet: a stand-in translation shows they go through gettext.
    monkeypatch.setitem(catalogue, (ours, 0), "未有匯入：{count} 行有問題。")
    with translation.override("zh-hant"):
        importer, result = check(path)
        with pytest.raises(ImportRefused) as caught:
            imports.run_import(importer.user, importer, result.rows, valid_only=False)
    assert result.problems[0][:2] == (2, "name_en")
    assert result.problems[0].message != english and "100" in result.problems[0].message
    assert caught.value.message == "未有匯入：1 行有問題。"


def test_stale_uploads_are_purged(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "imports").mkdir()
    stale, fresh = tmp_path / "imports" / ("a" * 32 + ".csv"), tmp_path / "imports" / ("b" * 32 + ".csv")
    stale.write_text("x")
    fresh.write_text("x")
    os.utime(stale, (0, 0))
    imports.purge_stale_uploads()
    assert not stale.exists() and fresh.exists()


def test_a_refused_cell_is_reported_once(tmp_path):
    path = write_csv(tmp_path / "tags.csv", [HEADER, ["a-tag", "A\x01tag", ""]])
    assert [p[:2] for p in check(path)[1].problems] == [(2, "name_en")]
