from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin

from . import services
from .models import Agreement, FollowUpAction


@admin.register(Agreement)
class AgreementAdmin(LiaisonAdmin):
    """Details only: an agreement is added (with its parties), moved, and given documents on its pages."""

    list_display = ("title", "kind", "status", "signed_date", "expiry_date")
    list_filter = ("kind", "status")
    search_fields = ("title_en", "title_zh_hant")
    exclude = ("areas",)
    autocomplete_fields = ("witness_contact",)
    readonly_fields = ("status", "previous_version")
    update_service = services.update_agreement
    delete_service = services.delete_agreement


@admin.register(FollowUpAction)
class FollowUpActionAdmin(LiaisonAdmin):
    """Edited here; added on the agreement's page, which it belongs to."""

    list_display = ("title", "agreement", "owner", "due_date", "status")
    list_filter = ("status",)
    readonly_fields = ("agreement",)
    search_fields = ("title_en", "title_zh_hant")
    update_service = services.update_action
    delete_service = services.remove_action
