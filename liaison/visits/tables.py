"""Tables of the delegations area (the lists and their XLSX / CSV exports)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from liaison.core.tables import BilingualNameColumn, LiaisonTable, export_only

from .models import Delegation, JointProject, Mission


class IsoDateColumn(tables.DateColumn):
    def __init__(self, **kwargs):
        super().__init__(format="Y-m-d", **kwargs)

    def value(self, value):
        return value.isoformat() if value else ""


class DelegationTable(LiaisonTable):
    title = BilingualNameColumn("title", verbose_name=_("title"))
    title_en = export_only(_("Title (English)"))
    title_zh_hant = export_only(_("Title (Chinese)"))
    jurisdiction = tables.Column(verbose_name=_("jurisdiction"), order_by=("jurisdiction__name_en",))
    category = tables.Column(verbose_name=_("category"))
    size = tables.Column(verbose_name=_("visitors"), accessor="size", order_by=("listed_visitors", "declared_size"))
    start_date = IsoDateColumn(verbose_name=_("visit from"))
    end_date = IsoDateColumn(verbose_name=_("visit until"))
    status = tables.Column(verbose_name=_("status"))
    is_synthetic = tables.BooleanColumn(verbose_name=_("synthetic"))

    class Meta(LiaisonTable.Meta):
        model = Delegation
        fields = ("title", "title_en", "title_zh_hant", "jurisdiction", "category", "size", "start_date", "end_date",
                  "status", "is_synthetic")


class MissionTable(LiaisonTable):
    title = BilingualNameColumn("title", verbose_name=_("title"))
    title_en = export_only(_("Title (English)"))
    title_zh_hant = export_only(_("Title (Chinese)"))
    purpose = tables.Column(verbose_name=_("purpose"))
    city = tables.Column(verbose_name=_("city"), order_by=("city_en",))
    start_date = IsoDateColumn(verbose_name=_("from"))
    end_date = IsoDateColumn(verbose_name=_("until"))
    capacity = tables.Column(verbose_name=_("capacity"))
    leader = tables.Column(verbose_name=_("led by"), order_by=("leader_en",))

    class Meta(LiaisonTable.Meta):
        model = Mission
        fields = ("title", "title_en", "title_zh_hant", "purpose", "city", "start_date", "end_date", "capacity",
                  "leader")


class JointProjectTable(LiaisonTable):
    title = BilingualNameColumn("title", verbose_name=_("title"))
    title_en = export_only(_("Title (English)"))
    title_zh_hant = export_only(_("Title (Chinese)"))
    coordinating_body = tables.Column(verbose_name=_("coordinating body"), order_by=("coordinating_body__name_en",))
    status = tables.Column(verbose_name=_("status"))
    start_date = IsoDateColumn(verbose_name=_("started"))

    class Meta(LiaisonTable.Meta):
        model = JointProject
        fields = ("title", "title_en", "title_zh_hant", "coordinating_body", "status", "start_date")
