"""Tables of the partner lists."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from liaison.core.tables import BilingualNameColumn, LiaisonTable, TagsColumn, YesNoColumn, export_only

from .models import Contact, Organisation


class OrganisationTable(LiaisonTable):
    name = BilingualNameColumn()
    name_en = export_only(_("Name (English)"))
    name_zh_hant = export_only(_("Name (Chinese)"))
    acronym = tables.Column(verbose_name=_("acronym"), order_by=("acronym_en",))
    kind = tables.Column(verbose_name=_("kind"))
    jurisdiction = tables.Column(verbose_name=_("jurisdiction"), order_by=("jurisdiction__name_en",))
    is_active = YesNoColumn(verbose_name=_("active"))
    tags = TagsColumn()

    class Meta(LiaisonTable.Meta):
        model = Organisation
        fields = ("name", "name_en", "name_zh_hant", "acronym", "kind", "jurisdiction", "is_active", "tags")


class ContactTable(LiaisonTable):
    name = BilingualNameColumn()
    name_en = export_only(_("Name (English)"))
    name_zh_hant = export_only(_("Name (Chinese)"))
    honorific = tables.Column(verbose_name=_("honorific"), orderable=False)
    emails = tables.Column(verbose_name=_("e-mails"), orderable=False)
    current = tables.Column(verbose_name=_("current positions"), accessor="pk", orderable=False)

    class Meta(LiaisonTable.Meta):
        model = Contact
        fields = ("name", "name_en", "name_zh_hant", "honorific", "emails", "current")

    def render_emails(self, value):
        return ", ".join(value)

    def value_emails(self, value):
        return ", ".join(value)

    def render_current(self, record):
        return "; ".join(str(position) for position in record.current_positions)

    def value_current(self, record):
        return self.render_current(record)
