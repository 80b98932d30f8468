"""Printable documents: a template rendered to PDF by WeasyPrint with Debian's Noto CJK fonts (fonts-noto-cjk),
which WeasyPrint embeds as subsets of the characters printed, so Chinese prints on any machine."""

from django.template.loader import render_to_string

CONTENT_TYPE = "application/pdf"


def render(template_name: str, context: dict, base_url: str | None = None) -> bytes:
    """The template as a PDF; a template's style includes "core/includes/pdf_fonts.css" for its fonts."""
    from weasyprint import HTML  # loaded on use: it brings Pango, which only documents need

    return HTML(string=render_to_string(template_name, context), base_url=base_url).write_pdf()
