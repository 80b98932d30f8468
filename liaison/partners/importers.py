"""Spreadsheet import of organisations and contacts (being written)."""

from django.views.generic import TemplateView


class OrganisationImportView(TemplateView):
    template_name = "core/home.html"


class ContactImportView(TemplateView):
    template_name = "core/home.html"
