"""The charts the areas register, drawn the same in the dashboard and every format of the chapter, each with its
data as a table: SVG in HTML and PDF, PNG in DOCX (on the reference data: the association's 122 → 180 members,
the seven agreements of 2024)."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from liaison.agreements import reference as agreements_reference
from liaison.core import reporting
from liaison.core.testing import make_user
from liaison.networks import reference as networks_reference
from liaison.partners import reference as partners_reference
from liaison.reports import chapter, documents

pytestmark = pytest.mark.django_db

MEMBERS_EN = "Members of IAACA at the end of each year"
MEMBERS_ZH = "聯合會於各年年底的會員機構"


@pytest.fixture
def written():
    partners_reference.load(None)
    networks_reference.load(None)
    agreements_reference.load(None)
    return chapter.write(make_user("viewer"), 2024, "both")


def test_html_has_each_chart_as_svg_with_its_title_and_data_table_in_both_languages(written):
    html = documents.html(written)
    assert html.count("<svg") == 4  # the association's members and the agreements, in each language
    assert f"<title>{MEMBERS_EN}</title>" in html and f"<title>{MEMBERS_ZH}</title>" in html
    assert "<title>Agreements signed, 2019 to 2024</title>" in html
    members = html.split(f"<figcaption>{MEMBERS_EN}</figcaption>")[1].split("</table>")[0]
    assert '<th scope="col">Member</th>' in members
    assert '<tr><th scope="row">2022</th><td>' in members
    assert '<tr><th scope="row">2024</th><td>180</td></tr>' in members
    assert "<script" not in html


def test_docx_has_each_chart_as_an_inline_picture_followed_by_its_data(written):
    document = Document(io.BytesIO(documents.docx(written)))
    assert len(document.inline_shapes) == 4
    picture = document.inline_shapes[0]
    assert picture.width > 0 and picture.height > 0
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    assert ["2024", "180"] in next(table for table in tables if table[0] == ["", "Member"])
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert MEMBERS_EN in text and MEMBERS_ZH in text


def test_pdf_renders_the_charts_with_their_text(written):
    reader = PdfReader(io.BytesIO(documents.pdf(written)))
    assert len(reader.pages) >= 2
    text = "".join(page.extract_text() for page in reader.pages)
    assert MEMBERS_EN in text and "Agreements signed, 2019 to 2024" in text


def test_the_png_is_a_picture_of_the_chart(written):
    members = reporting.chart_named("networks.association_members")(make_user("viewer"), 2024)
    assert members.png().startswith(b"\x89PNG") and members.rows[-1] == ("2024", [180])


def test_dashboard_draws_the_strategy_s_charts_with_their_tables(written, client_as):
    response = client_as("viewer").get(reverse("reports:dashboard"), {"strategy": 2, "year": 2024})
    page = response.content.decode()
    assert response.status_code == 200 and 'src="data:image/svg+xml;base64,' in page
    assert f'alt="{MEMBERS_EN}' in page and '<th scope="row">2024</th><td>180</td>' in page
