"""Export of a list to XLSX or CSV, with spreadsheet formulas neutralised.

A CSV streams (rows read from the database a chunk at a time, constant memory, whatever the list's size). An XLSX
is one file built whole: a small list is answered at once, a larger one is built by a background job that shows
its progress and hands the file to its owner (`export_list`).
"""

import csv
import re
import secrets
import tempfile

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tables2.rows import BoundRow
from openpyxl import Workbook

from . import display, jobs
from .http import content_disposition
from .validators import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_DIR = "exports"
# The files a job keeps for its owner, by kind: a list's XLSX, a document's PDF.
CONTENT_TYPES = {"xlsx": XLSX_TYPE, "pdf": "application/pdf"}
STORED_EXPORT = re.compile(rf"^{EXPORT_DIR}/[0-9a-f]{{32}}\.({'|'.join(CONTENT_TYPES)})$")
# What a spreadsheet refuses in a sheet's name (a basename may come from the data, e.g. a network's acronym).
SHEET_TITLE_REFUSES = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# Records read from the database at a time: bounds the memory of an export of any size.
CHUNK = 1000


def neutralise(value) -> object:
    """A cell value a spreadsheet will show as text, never run as a formula, and that XLSX (XML) can hold."""
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value) -> object:
    """A value as the page shows it, in the reader's language (yes/no, a list joined), formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return display.yes_no(value)
    if isinstance(value, list | tuple):
        return neutralise(display.joined(value))
    return neutralise(str(force_str(value, strings_only=True)))


def _columns(table) -> list:
    return [column for column in table.columns.iterall() if not column.column.exclude_from_export]


def header(table) -> list:
    return [_cell(column.header) for column in _columns(table)]


def rows(table):
    """Every row of the table (not one page), its records read `CHUNK` at a time."""
    names = [column.name for column in _columns(table)]
    data = table.data.data
    records = data.iterator(chunk_size=CHUNK) if hasattr(data, "iterator") else iter(data)
    for record in records:
        row = BoundRow(record, table=table)
        yield [_cell(row.get_cell_value(name)) for name in names]


def filename(basename: str, file_format: str) -> str:
    return f"{basename}-{timezone.localtime().strftime('%Y%m%d-%H%M')}.{file_format}"


class _Echo:
    """A file that hands back what is written to it, for csv.writer to format one row at a time."""

    def write(self, value: str) -> str:
        return value


def csv_response(table, basename: str) -> StreamingHttpResponse:
    """The whole table as a CSV, streamed row by row in the language of the request."""
    language = translation.get_language()
    first = header(table)

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(first)
        with translation.override(language):
            for row in rows(table):
                yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename(basename, "csv"))
    return response


def write_xlsx(table, basename: str, target, progress=None, total: int = 0) -> int:
    """Writes the table as an XLSX to `target` (a file); `progress(done, total)` hears every CHUNK rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE_REFUSES.sub(" ", basename)[:31])
    sheet.append(header(table))
    done = 0
    for done, row in enumerate(rows(table), start=1):
        sheet.append(row)
        if progress and done % CHUNK == 0:
            progress(done, total)
    workbook.save(target)
    return done


def xlsx_response(table, basename: str) -> HttpResponse:
    response = HttpResponse(content_type=XLSX_TYPE)
    write_xlsx(table, basename, response)
    response["Content-Disposition"] = content_disposition(filename(basename, "xlsx"))
    return response


def basename_of(view) -> str:
    """The name of a view's export file: its own `export_basename()`, or the plural of its records."""
    own = getattr(view, "export_basename", None)
    return own() if own else str(view.model._meta.verbose_name_plural)


def export_response(view, file_format: str) -> HttpResponse:
    """The table of `view` (an ObjectListView, or a view with `build_table` like it) as a download, or, for an
    XLSX of more than LIAISON_EXPORT_DIRECT_ROWS rows, the page of the job that builds it."""
    basename = basename_of(view)
    if file_format == "csv":
        return csv_response(view.table, basename)
    if len(view.table.data) <= settings.LIAISON_EXPORT_DIRECT_ROWS:
        return xlsx_response(view.table, basename)
    request = view.request
    query = request.GET.copy()
    query.pop("page", None)
    title = _("Export of {kind} (XLSX)").format(kind=basename)
    started = jobs.start(request.user, export_list, title, {"path": request.path, "query": query.urlencode()},
                         getattr(request, "id", ""))
    return redirect(started)


def list_view_for(user, path: str, query: str):
    """The list view at `path` with the filters of `query`, as `user` would see it, its table built."""
    match = resolve(path)
    request = HttpRequest()
    request.method, request.path, request.user = "GET", path, user
    request.GET = QueryDict(query)
    request.htmx = False
    view = match.func.view_class(**match.func.view_initkwargs)
    view.setup(request, *match.args, **match.kwargs)
    view.build_table()
    return view


@jobs.job
def export_list(run: jobs.Run, path: str, query: str) -> jobs.Outcome:
    """Builds the XLSX of a list as its owner sees it now, and keeps it for the owner to download."""
    user = run.job.owner
    if user is None or not user.is_active:
        raise jobs.JobFailed(_("You may not export this list."))
    view = list_view_for(user, path, query)
    if not view.can("view"):
        raise jobs.JobFailed(_("You may not export this list."))
    basename = basename_of(view)
    total = len(view.table.data)
    run.progress(0, total, _("Writing the rows."))
    with tempfile.TemporaryFile() as target:
        written = write_xlsx(view.table, basename, target, run.progress, total)
        target.seek(0)
        run.job.result = keep_file(File(target), "xlsx", filename(basename, "xlsx"))
    run.progress(written, max(written, 1))
    message = ngettext("{count} row exported.", "{count} rows exported.", written).format(count=written)
    return jobs.Outcome(message, reverse("core:job_file", args=[run.job.pk]), run.job.result)


def keep_file(content: File, file_format: str, download_name: str) -> dict:
    """Stores a file a job made under a random name; its result for `job_file_response`."""
    name = default_storage.save(f"{EXPORT_DIR}/{secrets.token_hex(16)}.{file_format}", content)
    return {"file": name, "filename": download_name}


def job_file_response(job) -> FileResponse:
    """The file a finished job kept (an export, a document), for its owner."""
    stored = (job.result or {}).get("file", "") if isinstance(job.result, dict) else ""
    found = STORED_EXPORT.match(stored)
    if not found or not default_storage.exists(stored):
        raise Http404
    file_format = found.group(1)
    return FileResponse(default_storage.open(stored, "rb"), as_attachment=True,
                        filename=job.result.get("filename", f"export.{file_format}"),
                        content_type=CONTENT_TYPES[file_format])
