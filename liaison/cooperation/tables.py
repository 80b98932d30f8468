"""Tables of the assistance requests."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from liaison.core.tables import BilingualNameColumn, LiaisonTable, export_only

from .models import AccessEntry, AssistanceRequest, Compartment


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


class CompartmentTable(LiaisonTable):
    name = BilingualNameColumn("name", verbose_name=_("name"))
    member_count = tables.Column(verbose_name=_("members"), orderable=False)

    class Meta(LiaisonTable.Meta):
        model = Compartment
        fields = ("name", "member_count")


class AccessEntryTable(LiaisonTable):
    time = tables.DateTimeColumn(verbose_name=_("time"), format="Y-m-d H:i:s")
    user_name = tables.Column(verbose_name=_("user"))
    kind = tables.Column(verbose_name=_("access"))
    what = tables.Column(verbose_name=_("record"))
    request_ids = tables.Column(verbose_name=_("requests"), orderable=False)
    address = tables.Column(verbose_name=_("address"))

    class Meta(LiaisonTable.Meta):
        model = AccessEntry
        fields = ("time", "user_name", "kind", "what", "request_ids", "address")

    def render_request_ids(self, value):
        return ", ".join(f"#{pk}" for pk in value)
