from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin

from .models import Contact, Organisation, Position


@admin.register(Organisation)
class OrganisationAdmin(LiaisonAdmin):
    list_display = ("name", "acronym", "kind", "jurisdiction", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name_en", "name_zh_hant", "acronym_en", "acronym_zh_hant")
    autocomplete_fields = ("parent",)
    filter_horizontal = ("tags",)


@admin.register(Contact)
class ContactAdmin(LiaisonAdmin):
    list_display = ("name", "honorific")
    search_fields = ("name_en", "name_zh_hant")


@admin.register(Position)
class PositionAdmin(LiaisonAdmin):
    list_display = ("contact", "organisation", "title", "start_date", "end_date")
    autocomplete_fields = ("contact", "organisation")
