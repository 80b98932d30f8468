"""Base table: the first column links to the record."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Jurisdiction


class LiaisonTable(tables.Table):
    """Tables share one look and an empty-list message in the reader's language."""

    class Meta:
        empty_text = _("Nothing matches.")
        attrs = {"class": "table"}


class TagsColumn(tables.ManyToManyColumn):
    """Tags as a comma-separated list (prefetched by the view's queryset)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", _("tags"))
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)


class JurisdictionTable(LiaisonTable):
    name = tables.Column(linkify=True, verbose_name=_("name"), order_by=("name_en",))
    code = tables.Column(verbose_name=_("code"))
    region = tables.Column(verbose_name=_("region"))
    sub_region = tables.Column(verbose_name=_("sub-region"))
    tags = TagsColumn()

    class Meta(LiaisonTable.Meta):
        model = Jurisdiction
        fields = ("name", "code", "kind", "region", "sub_region", "tags")
