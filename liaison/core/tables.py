"""Base table: the first column links to the record."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import display
from .models import Jurisdiction


class LiaisonTable(tables.Table):
    """Tables share one look and an empty-list message in the reader's language."""

    class Meta:
        empty_text = _("Nothing matches.")
        attrs = {"class": "table"}


class BilingualNameColumn(tables.Column):
    """The name in the reader's language, linked, with the other language's name beneath it."""

    def __init__(self, field: str = "name", **kwargs):
        self.field = field
        kwargs.setdefault("verbose_name", _("name"))
        kwargs.setdefault("linkify", True)
        kwargs.setdefault("order_by", (f"{field}_en", f"{field}_zh_hant"))
        kwargs.setdefault("exclude_from_export", True)
        super().__init__(**kwargs)

    def render(self, value, record):
        other = "en" if get_language() == "zh-hant" else "zh_hant"
        secondary = getattr(record, f"{self.field}_{other}")
        if not secondary or secondary == value:
            return value
        return format_html('{} <small class="other-language" lang="{}">{}</small>', value,
                           "en" if other == "en" else "zh-Hant", secondary)


class YesNoColumn(tables.BooleanColumn):
    """A yes/no column whose export says yes/no (是/否) as the pages do, never True/False."""

    def value(self, record, value, bound_column):
        return display.yes_no(self._get_bool_value(record, value, bound_column))


def export_only(verbose_name) -> tables.Column:
    """A column that appears in exports only (e.g. both languages of a name)."""
    return tables.Column(verbose_name=verbose_name, visible=False)


class TagsColumn(tables.ManyToManyColumn):
    """Tags as a comma-separated list (prefetched by the view's queryset)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("tags"))
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)


class JurisdictionTable(LiaisonTable):
    name = BilingualNameColumn()
    name_en = export_only(_("Name (English)"))
    name_zh_hant = export_only(_("Name (Chinese)"))
    code = tables.Column(verbose_name=_("code"))
    region = tables.Column(verbose_name=_("region"))
    sub_region = tables.Column(verbose_name=_("sub-region"))
    tags = TagsColumn()

    class Meta(LiaisonTable.Meta):
        model = Jurisdiction
        fields = ("name", "code", "kind", "region", "sub_region", "tags")
