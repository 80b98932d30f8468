"""Tables of the reports."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from liaison.core.tables import LiaisonTable

from .models import ReportYear


class ReportYearTable(LiaisonTable):
    year = tables.Column(verbose_name=_("year"), linkify=True)
    title = tables.Column(verbose_name=_("title"))

    class Meta(LiaisonTable.Meta):
        model = ReportYear
        fields = ("year", "title")
