"""The reports' API under /api/reports/: each year's chapter contents."""

from rest_framework.routers import DefaultRouter

from liaison.core.api import LiaisonSerializer, LiaisonViewSet

from . import services
from .filtersets import ReportYearFilterSet
from .models import ReportYear


class ReportYearSerializer(LiaisonSerializer):
    class Meta:
        model = ReportYear
        fields = ["id", "web_url", "version", "year", "title_en", "title_zh_hant", "strategies_en",
                  "strategies_zh_hant", "introduction_en", "introduction_zh_hant", "sections", "created", "updated"]
        read_only_fields = ["created", "updated"]


class ReportYearViewSet(LiaisonViewSet):
    queryset = ReportYear.objects.all()
    serializer_class = ReportYearSerializer
    filterset_class = ReportYearFilterSet
    create_service = services.create_report_year
    update_service = services.update_report_year
    delete_service = services.delete_report_year


router = DefaultRouter()
router.register("contents", ReportYearViewSet)
