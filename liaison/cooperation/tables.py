"""Tables of the assistance requests."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from liaison.core.tables import BilingualNameColumn, LiaisonTable, export_only

from .models import AssistanceRequest


class AssistanceRequestTable(LiaisonTable):
    subject = BilingualNameColumn("subject", verbose_name=_("subject"))
    subject_en = export_only(_("Subject (English)"))
    subject_zh_hant = export_only(_("Subject (Chinese)"))
    our_reference = tables.Column(verbose_name=_("our case reference"))
    direction = tables.Column(verbose_name=_("direction"))
    channel = tables.Column(verbose_name=_("channel"))
    request_type = tables.Column(verbose_name=_("type"))
    status = tables.Column(verbose_name=_("status"))
    effective_marking = tables.Column(verbose_name=_("marking"))
    compartment = tables.Column(verbose_name=_("compartment"), order_by=("compartment__name_en",))
    due_on = tables.DateColumn(verbose_name=_("due on"), format="Y-m-d")

    class Meta(LiaisonTable.Meta):
        model = AssistanceRequest
        fields = ("subject", "subject_en", "subject_zh_hant", "our_reference", "direction", "channel",
                  "request_type", "status", "effective_marking", "compartment", "due_on")

    def value_due_on(self, value):
        return value.isoformat() if value else ""
