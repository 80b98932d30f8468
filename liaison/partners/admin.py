from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin

from . import services
from .models import Contact, Organisation, Position


@admin.register(Organisation)
class OrganisationAdmin(LiaisonAdmin):
    list_display = ("name", "acronym", "kind", "jurisdiction", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name_en", "name_zh_hant", "acronym_en", "acronym_zh_hant")
    autocomplete_fields = ("parent",)
    filter_horizontal = ("tags",)
    create_service = services.create_organisation
    update_service = services.update_organisation
    delete_service = services.delete_organisation


@admin.register(Contact)
class ContactAdmin(LiaisonAdmin):
    list_display = ("name", "honorific")
    search_fields = ("name_en", "name_zh_hant")
    create_service = services.create_contact
    update_service = services.update_contact
    delete_service = services.delete_contact


@admin.register(Position)
class PositionAdmin(LiaisonAdmin):
    """Edited here; added on the contact's page, which it belongs to."""

    list_display = ("contact", "organisation", "title", "start_date", "end_date")
    autocomplete_fields = ("organisation",)
    readonly_fields = ("contact",)
    update_service = services.update_position
    delete_service = services.remove_position
