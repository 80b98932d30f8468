from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin

from . import services
from .models import ReportYear


@admin.register(ReportYear)
class ReportYearAdmin(LiaisonAdmin):
    list_display = ("year", "title")
    search_fields = ("title_en", "title_zh_hant")
    create_service = services.create_report_year
    update_service = services.update_report_year
    delete_service = services.delete_report_year
