from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .admin_base import LiaisonAdmin, ReadOnlyAdmin
from .models import ChangeRecord, Jurisdiction, Region, Tag


@admin.register(Tag)
class TagAdmin(LiaisonAdmin):
    list_display = ("slug", "name", "is_complete", "as_of")
    search_fields = ("slug", "name_en", "name_zh_hant")


@admin.register(Jurisdiction)
class JurisdictionAdmin(LiaisonAdmin):
    list_display = ("code", "name", "kind", "region", "sub_region")
    list_filter = ("kind", "region")
    search_fields = ("code", "name_en", "name_zh_hant")
    filter_horizontal = ("tags",)


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "parent")


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ("time", "user_name", "action", "content_type", "object_repr", "source", "request_id")
    list_filter = ("action", "source", "content_type")
    search_fields = ("object_repr", "user_name", "request_id")


admin.site.unregister(User)


@admin.register(User)
class LiaisonUserAdmin(UserAdmin):
    """Administrators manage users and roles; only a superuser can grant superuser or single permissions."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return (*fields, "is_superuser", "user_permissions")
