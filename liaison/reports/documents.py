"""The chapter as a file: HTML (with a print stylesheet, every figure linked to its records), PDF (WeasyPrint, the
CJK font embedded and subset) and DOCX (python-docx, with an East Asian font so Chinese shows in Word). The PDF and
DOCX end with an appendix of every figure and its definition. A section's charts are drawn as SVG in HTML and PDF
and as PNG in DOCX, each followed by its data as a table."""

import io

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from weasyprint import HTML

from liaison.core import reporting

from .chapter import Chapter

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EAST_ASIAN_FONT = "Noto Sans CJK TC"  # installed with the app (scripts/bootstrap.sh); Word falls back to its own
LATIN_FONT = "Calibri"
CHART_WIDTH = Cm(15)


def _parts(paragraph: list) -> list[dict]:
    return [{"is_figure": True, "text": part.text, "url": part.url, "definition": part.definition}
            if isinstance(part, reporting.Figure) else {"is_figure": False, "text": str(part)} for part in paragraph]


def _written(language: str, written) -> dict:
    with translation.override(language):
        return {"key": written.key, "language": language, "title": written.title,
                "paragraphs": [_parts(paragraph) for paragraph in written.section.paragraphs],
                "items": written.section.items, "captions": written.section.captions,
                "charts": [{"chart": chart, "series": list(chart.series), "rows": chart.rows}
                           for chart in written.charts]}


def _headings(language: str) -> dict:
    with translation.override(language):
        return {"strategies_heading": _("Strategies"), "review_heading": _("Review of work")}


def context(chapter: Chapter) -> dict:
    """What the templates and the DOCX writer read: plain values, each language's text in its own language."""
    parts = [{"language": part.language, "title": part.title, "strategies": part.strategies,
              "introduction": part.introduction, **_headings(part.language)} for part in chapter.parts]
    rows = [[_written(part.language, written) for part, written in zip(chapter.parts, row, strict=True)]
            for row in chapter.by_section()]
    appendix = []
    for part in chapter.parts:
        with translation.override(part.language):  # each figure phrased in the language of its part
            appendix += [{"section": written.title, "text": figure.text, "value": figure.value,
                          "definition": figure.definition, "url": figure.url}
                         for written in part.sections for figure in written.section.figures]
    return {"chapter": {"parts": parts}, "rows": rows, "appendix_lines": appendix,
            "lang_attr": chapter.parts[0].language if len(chapter.parts) == 1 else "zh-Hant"}


def html(chapter: Chapter, appendix: bool = False, links: bool = True) -> str:
    values = context(chapter)
    return render_to_string("reports/chapter_document.html", {
        **values, "links": links, "appendix": values["appendix_lines"] if appendix else [],
        "appendix_heading": _("Appendix: the figures and what they count"),
        "appendix_columns": (_("Section"), _("As printed"), _("Count"), _("Definition and records")),
    })


def pdf(chapter: Chapter, base_url: str = "") -> bytes:
    """The chapter as PDF; WeasyPrint embeds the fonts it uses, subset to the characters printed."""
    return HTML(string=html(chapter, appendix=True, links=bool(base_url)), base_url=base_url or None).write_pdf()


def docx(chapter: Chapter) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = LATIN_FONT
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    values = context(chapter)
    for part in values["chapter"]["parts"]:
        document.add_heading(part["title"], level=1)
        if part["strategies"]:
            document.add_heading(part["strategies_heading"], level=2)
            for line in part["strategies"]:
                document.add_paragraph(line, style="List Bullet")
        if part["introduction"]:
            document.add_heading(part["review_heading"], level=2)
            for text in part["introduction"].split("\n\n"):
                document.add_paragraph(text)
    for row in values["rows"]:
        for written in row:
            document.add_heading(written["title"], level=3)
            for paragraph in written["paragraphs"]:
                line = document.add_paragraph()
                for part in paragraph:
                    line.add_run(part["text"]).bold = part["is_figure"]
            for item in written["items"]:
                document.add_paragraph(item, style="List Bullet")
            for caption in written["captions"]:
                document.add_paragraph(caption).runs[0].italic = True
            for drawn in written["charts"]:
                _chart(document, drawn)
    _appendix(document, values["appendix_lines"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _chart(document, drawn: dict) -> None:
    """The chart as a picture in the text, its title as caption, and its data as a table (the text alternative)."""
    document.add_picture(io.BytesIO(drawn["chart"].png()), width=CHART_WIDTH)
    document.add_paragraph(drawn["chart"].title).runs[0].italic = True
    table = document.add_table(rows=1, cols=len(drawn["series"]) + 1)
    for cell, heading in zip(table.rows[0].cells, ["", *drawn["series"]], strict=True):
        cell.text = heading
    for label, values in drawn["rows"]:
        cells = table.add_row().cells
        cells[0].text = str(label)
        for cell, value in zip(cells[1:], values, strict=True):
            cell.text = str(value)


def _appendix(document, lines: list[dict]) -> None:
    document.add_heading(_("Appendix: the figures and what they count"), level=2)
    table = document.add_table(rows=1, cols=4)
    for cell, heading in zip(table.rows[0].cells, (_("Section"), _("As printed"), _("Count"),
                                                   _("Definition and records")), strict=True):
        cell.text = str(heading)
    for line in lines:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(line["section"]), line["text"], str(line["value"])
        cells[3].text = f"{line['definition']} {line['url']}".strip()


def render(chapter: Chapter, file_format: str, base_url: str = "") -> bytes:
    """The chapter in `file_format` ("html", "docx" or "pdf")."""
    if file_format == "pdf":
        return pdf(chapter, base_url)
    if file_format == "docx":
        return docx(chapter)
    return html(chapter).encode()
