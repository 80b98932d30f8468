"""List exports: a CSV streams every row; a large XLSX is built by a job its owner alone downloads."""

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from liaison.core.models import Job
from liaison.core.testing import make_user, run_jobs
from liaison.partners.models import Organisation

pytestmark = pytest.mark.django_db


def organisations(count: int, word: str = "Bureau") -> None:
    for number in range(count):
        Organisation.objects.create(name_en=f"{word} {number:03}", name_zh_hant=f"局 {number:03}", kind="aca")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_csv_export_streams_every_row_of_the_filtered_list(settings):
    organisations(30)
    Organisation.objects.create(name_en="=HYPERLINK(1)", kind="aca")
    response = signed_in(make_user("viewer")).get("/partners/organisations/", {"export": "csv", "sort": "name"})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    header, *rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert "Name (English)" in header and len(rows) == 31
    names = [row[header.index("Name (English)")] for row in rows]
    assert names[:2] == ["'=HYPERLINK(1)", "Bureau 000"] and "Bureau 029" in names


def test_a_large_xlsx_export_is_a_job_with_progress_whose_file_only_its_owner_gets(settings):
    settings.LIAISON_EXPORT_DIRECT_ROWS = 10
    organisations(12, "Alpha")
    organisations(13, "Beta")
    owner = make_user("viewer")
    client = signed_in(owner)
    response = client.get("/partners/organisations/", {"export": "xlsx", "q": "Beta"})
    job = Job.objects.get(owner=owner)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == "queued" and "XLSX" in job.title
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("succeeded", 13, 13) and job.message == "13 rows exported."
    download = client.get(job.result_url)
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    column = header.index("Name (English)")
    assert sorted(row[column] for row in rows) == [f"Beta {number:03}" for number in range(13)]
    assert signed_in(make_user("manager")).get(job.result_url).status_code == 404


def test_a_small_xlsx_export_is_answered_at_once(settings):
    organisations(5)
    response = signed_in(make_user("viewer")).get("/partners/organisations/", {"export": "xlsx"})
    assert response.status_code == 200 and not Job.objects.exists()
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 6
