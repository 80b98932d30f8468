"""The chapter as files: PDF with the CJK font embedded, DOCX with its East Asian font, both with an appendix of
figures; the report page writes it as a job and offers the file to its owner alone."""

import datetime
import io
import re
import zlib

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from liaison.agreements.choices import AgreementStatus
from liaison.agreements.tests.factories import AgreementFactory
from liaison.core import jobs
from liaison.core.models import Job
from liaison.core.testing import make_user
from liaison.reports import chapter, documents
from liaison.reports.jobs import write_chapter

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements():
    for month in (3, 6, 9):
        AgreementFactory(status=AgreementStatus.SIGNED, signed_date=datetime.date(2027, month, 1),
                         title_en=f"MoU {month}", title_zh_hant=f"備忘錄{month}")


def pdf_text(data: bytes) -> bytes:
    """The PDF's objects with every compressed stream inflated, to look for font names and files."""
    found = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            found.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(found)


def test_pdf_embeds_a_subset_of_the_cjk_font(agreements):
    data = documents.pdf(chapter.write(make_user("viewer"), 2027, "both"))
    assert data.startswith(b"%PDF")
    objects = pdf_text(data)
    cjk = re.findall(rb"/BaseFont\s*/([A-Z]{6}\+[^\s/]*CJK[^\s/]*)", objects)
    assert cjk, "no subset CJK font"
    assert re.search(rb"/FontFile[23]?\s", objects), "the font is not embedded"


def test_docx_opens_with_the_east_asian_font_and_the_appendix(agreements):
    data = documents.docx(chapter.write(make_user("viewer"), 2027, "both"))
    document = Document(io.BytesIO(data))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "Noto Sans CJK TC"
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "二零二七年共簽署3 份協議" in text and "In 2027, 3 agreements were signed" in text
    appendix = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]  # after the charts' data
    assert appendix[0] == ["Section", "As printed", "Count", "Definition and records"]
    assert any(row[1] == "3 份" and "/agreements/agreements/?year=2027" in row[3] for row in appendix)


def test_report_page_writes_the_chapter_as_a_job_for_its_owner_alone(agreements, client_as):
    viewer = make_user("viewer")
    client = Client()
    client.force_login(viewer)
    response = client.post(reverse("reports:chapter"), {"year": 2027, "lang": "en", "format": "html"})
    job = Job.objects.get(owner=viewer)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    jobs.run_here(job)
    job.refresh_from_db()
    assert job.status == "succeeded" and job.result_url == reverse("reports:chapter_file", args=[job.pk])
    page = client.get(job.result_url)
    html = b"".join(page.streaming_content).decode()
    assert page["Content-Type"].startswith("text/html") and ">3</a> agreements were signed" in html
    assert page["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'" and "<svg" in html
    assert client_as("viewer").get(job.result_url).status_code == 404  # someone else's job


def test_bad_year_is_refused_with_a_message_and_nothing_started(client_as):
    client = client_as("viewer")
    response = client.post(reverse("reports:chapter"), {"year": "20x7", "lang": "en", "format": "html"})
    assert response.status_code == 200 and "Enter a whole number." in response.content.decode()
    assert not Job.objects.exists()


def test_the_job_refuses_a_user_without_the_permission(agreements):
    job = jobs.create(make_user("none"), write_chapter, "Chapter", {"year": 2027, "lang": "en", "file_format": "pdf"})
    jobs.run_here(job)
    job.refresh_from_db()
    assert job.status == "failed" and job.message == "You may not write the chapter."
