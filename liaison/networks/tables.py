"""Tables of the network and membership lists."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from liaison.core.tables import BilingualNameColumn, LiaisonTable

from .choices import MembershipStatus
from .importers import MembershipImporter
from .models import Membership, Network, Term


class OrganisationNameColumn(BilingualNameColumn):
    """The name of the record's organisation in the reader's language, linked to the record itself."""

    def __init__(self, **kwargs):
        kwargs.setdefault("accessor", "organisation__name")
        kwargs.setdefault("order_by", ("organisation__name_en", "organisation__name_zh_hant"))
        super().__init__(**kwargs)

    def render(self, value, record):
        return super().render(value, record.organisation)


class NetworkTable(LiaisonTable):
    name = OrganisationNameColumn()
    name_en = tables.Column(verbose_name=_("Name (English)"), visible=False, accessor="organisation__name_en")
    name_zh_hant = tables.Column(verbose_name=_("Name (Chinese)"), visible=False, accessor="organisation__name_zh_hant")
    acronym = tables.Column(verbose_name=_("acronym"), accessor="organisation__acronym",
                            order_by=("organisation__acronym_en",))
    founded_year = tables.Column(verbose_name=_("founded in"))
    secretariat = tables.Column(verbose_name=_("secretariat hosted by"), order_by=("secretariat__name_en",))
    members_now = tables.Column(verbose_name=_("members today"))
    ours = tables.Column(verbose_name=_("our status"), accessor="pk", orderable=False)

    class Meta(LiaisonTable.Meta):
        model = Network
        fields = ("name", "name_en", "name_zh_hant", "acronym", "founded_year", "secretariat", "members_now",
                  "ours")

    def render_ours(self, record):
        own = getattr(record, "own_memberships", [])
        return own[0].get_status_display() if own else "—"

    def value_ours(self, record):
        return self.render_ours(record)


class MembershipTable(LiaisonTable):
    organisation = OrganisationNameColumn(verbose_name=_("organisation"))
    organisation_en = tables.Column(verbose_name=_("Organisation (English)"), visible=False,
                                    accessor="organisation__name_en")
    organisation_zh_hant = tables.Column(verbose_name=_("Organisation (Chinese)"), visible=False,
                                         accessor="organisation__name_zh_hant")
    network = tables.Column(verbose_name=_("network"), accessor="network__organisation__acronym",
                            order_by=("network__organisation__acronym_en",))
    status = tables.Column(verbose_name=_("status"), accessor="pk", orderable=False)
    since = tables.Column(verbose_name=_("since"), accessor="pk", orderable=False)
    jurisdiction = tables.Column(verbose_name=_("jurisdiction"), accessor="organisation__jurisdiction",
                                 order_by=("organisation__jurisdiction__name_en",))
    region = tables.Column(verbose_name=_("region"), accessor="organisation__jurisdiction__region",
                           orderable=False)
    category = tables.Column(verbose_name=_("category"))
    capacity = tables.Column(verbose_name=_("capacity"), orderable=False)

    class Meta(LiaisonTable.Meta):
        model = Membership
        fields = ("organisation", "organisation_en", "organisation_zh_hant", "network", "status", "since",
                  "jurisdiction", "region", "category", "capacity")

    def render_status(self, record):
        return record.get_status_display()

    def value_status(self, record):
        return record.get_status_display()

    def render_since(self, record):
        period = record.current_period()
        return period.start_date.isoformat() if period else "—"

    def value_since(self, record):
        return self.render_since(record)


def _import_title(header: str):
    """The header the membership import reads a column under, in the reader's language."""
    column = next(column for column in MembershipImporter.columns if column.header == header)
    return column.title or column.header


class MemberExportTable(tables.Table):
    """A network's members on a date (`period_status`, `period_start` annotated), in the columns and under the
    headers the membership import reads back."""

    network = tables.Column(verbose_name=_import_title("network"), accessor="network__organisation")
    organisation = tables.Column(verbose_name=_import_title("organisation"))
    jurisdiction = tables.Column(verbose_name=_import_title("jurisdiction"), accessor="organisation__jurisdiction")
    status = tables.Column(verbose_name=_import_title("status"), accessor="period_status")
    start_date = tables.Column(verbose_name=_import_title("start_date"), accessor="period_start")
    category = tables.Column(verbose_name=_import_title("category"))
    capacity_en = tables.Column(verbose_name=_import_title("capacity_en"))
    capacity_zh_hant = tables.Column(verbose_name=_import_title("capacity_zh_hant"))
    notes = tables.Column(verbose_name=_import_title("notes"))

    class Meta:
        orderable = False

    def value_network(self, value):
        return value.acronym_en or value.name_en

    def value_organisation(self, value):
        return value.name_en or value.name_zh_hant

    def value_jurisdiction(self, value):
        return value.code if value else ""

    def value_status(self, value):
        return MembershipStatus(value).label

    def value_start_date(self, value):
        return value.isoformat()


class TermTable(LiaisonTable):
    """Seats and offices in networks' governing bodies: who held which, when (the roles-held indicator's list)."""

    role_title = tables.Column(verbose_name=_("role"), linkify=True, order_by=("role_title_en",))
    body = tables.Column(verbose_name=_("body"), orderable=False)
    network = tables.Column(verbose_name=_("network"), accessor="body__network__organisation__acronym",
                            order_by=("body__network__organisation__acronym_en",))
    holder = tables.Column(verbose_name=_("held by (organisation)"), order_by=("holder__name_en",))
    start_date = tables.Column(verbose_name=_("from"))
    end_date = tables.Column(verbose_name=_("until"))

    class Meta(LiaisonTable.Meta):
        model = Term
        fields = ("role_title", "body", "network", "holder", "start_date", "end_date")

    def render_role_title(self, value, record):
        return value or str(record.body)
