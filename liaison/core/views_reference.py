"""Pages of the reference data core owns: jurisdictions."""

from .filtersets import JurisdictionFilterSet
from .models import Jurisdiction
from .tables import JurisdictionTable
from .views import ObjectDetailView, ObjectHistoryView, ObjectListView

JURISDICTIONS = Jurisdiction.objects.select_related("region", "sub_region").prefetch_related("tags")


class JurisdictionListView(ObjectListView):
    model = Jurisdiction
    queryset = JURISDICTIONS
    table_class = JurisdictionTable
    filterset_class = JurisdictionFilterSet
    paginate_by = 50


class JurisdictionDetailView(ObjectDetailView):
    model = Jurisdiction
    queryset = JURISDICTIONS


class JurisdictionHistoryView(ObjectHistoryView):
    model = Jurisdiction
