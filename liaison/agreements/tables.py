"""Tables of the agreements register."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from liaison.core.tables import BilingualNameColumn, LiaisonTable, export_only

from .models import Agreement, FollowUpAction


class PartiesColumn(tables.Column):
    """The parties, from the prefetched party rows."""

    def __init__(self, **kwargs):
        super().__init__(accessor="pk", orderable=False, verbose_name=_("parties"), **kwargs)

    def render(self, record):
        return "; ".join(str(row.organisation) for row in record.party_rows.all())

    def value(self, record):
        return self.render(record)


class AgreementTable(LiaisonTable):
    title = BilingualNameColumn("title", verbose_name=_("title"))
    title_en = export_only(_("Title (English)"))
    title_zh_hant = export_only(_("Title (Chinese)"))
    kind = tables.Column(verbose_name=_("kind"))
    status = tables.Column(verbose_name=_("status"))
    parties = PartiesColumn()
    signed_date = tables.DateColumn(verbose_name=_("signed on"), format="Y-m-d")
    occasion_en = export_only(_("Occasion (English)"))
    occasion_zh_hant = export_only(_("Occasion (Chinese)"))
    expiry_date = tables.DateColumn(verbose_name=_("expires on"), format="Y-m-d")
    responsible_officer = tables.Column(verbose_name=_("responsible officer"),
                                        order_by=("responsible_officer__username",))

    class Meta(LiaisonTable.Meta):
        model = Agreement
        fields = ("title", "title_en", "title_zh_hant", "kind", "status", "parties", "signed_date", "occasion_en",
                  "occasion_zh_hant", "expiry_date", "responsible_officer")

    def value_signed_date(self, value):
        return value.isoformat() if value else ""

    def value_expiry_date(self, value):
        return value.isoformat() if value else ""


class ActionTable(LiaisonTable):
    title = BilingualNameColumn("title", verbose_name=_("title"))
    agreement = tables.Column(verbose_name=_("agreement"), linkify=True, order_by=("agreement__title_en",))
    owner = tables.Column(verbose_name=_("owner"), order_by=("owner__username",))
    due_date = tables.DateColumn(verbose_name=_("due on"), format="Y-m-d")
    status = tables.Column(verbose_name=_("status"))

    class Meta(LiaisonTable.Meta):
        model = FollowUpAction
        fields = ("title", "agreement", "owner", "due_date", "status")
