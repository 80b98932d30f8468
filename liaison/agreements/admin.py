from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin

from . import services
from .models import Agreement, FollowUpAction


@admin.register(Agreement)
class AgreementAdmin(LiaisonAdmin):
    """Details only: parties, status moves and documents are managed on the agreement's page."""

    list_display = ("title", "kind", "status", "signed_date", "expiry_date")
    list_filter = ("kind", "status")
    search_fields = ("title_en", "title_zh_hant")
    exclude = ("areas",)
    autocomplete_fields = ("witness_contact",)
    readonly_fields = ("status", "previous_version")

    def has_add_permission(self, request):
        return False  # an agreement needs its parties: add it on the agreements pages

    def save_model(self, request, obj, form, change):
        names = {f.name for f in obj._meta.get_fields() if getattr(f, "editable", False)}
        data = {name: value for name, value in form.cleaned_data.items() if name in names and name != "parties"}
        services.update_agreement(request.user, obj, data)

    def delete_model(self, request, obj):
        services.delete_agreement(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_agreement(request.user, obj)


@admin.register(FollowUpAction)
class FollowUpActionAdmin(LiaisonAdmin):
    list_display = ("title", "agreement", "owner", "due_date", "status")
    list_filter = ("status",)
    autocomplete_fields = ("agreement",)
    search_fields = ("title_en", "title_zh_hant")
