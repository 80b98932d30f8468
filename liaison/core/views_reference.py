"""Pages of the reference data core owns: jurisdictions."""

from .access import restricted_prefetch
from .filtersets import JurisdictionFilterSet
from .models import Jurisdiction, Tag
from .tables import JurisdictionTable
from .views import ObjectDetailView, ObjectHistoryView, ObjectListView


class JurisdictionViews:
    model = Jurisdiction
    queryset = Jurisdiction.objects.select_related("region", "sub_region")

    def base_queryset(self):
        return super().base_queryset().prefetch_related(
            restricted_prefetch("tags", Tag.objects.all(), self.request.user))


class JurisdictionListView(JurisdictionViews, ObjectListView):
    table_class = JurisdictionTable
    filterset_class = JurisdictionFilterSet
    paginate_by = 50


class JurisdictionDetailView(JurisdictionViews, ObjectDetailView):
    pass


class JurisdictionHistoryView(ObjectHistoryView):
    model = Jurisdiction
