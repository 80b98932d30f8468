from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin

from . import services
from .models import Event, EventSeries, Registration, Session


@admin.register(EventSeries)
class EventSeriesAdmin(LiaisonAdmin):
    list_display = ("name", "first_year")
    search_fields = ("name_en", "name_zh_hant")
    create_service = services.create_series
    update_service = services.update_series
    delete_service = services.delete_series


@admin.register(Event)
class EventAdmin(LiaisonAdmin):
    list_display = ("title", "kind", "our_role", "start_date", "city")
    list_filter = ("kind", "our_role")
    search_fields = ("title_en", "title_zh_hant")
    exclude = ("languages",)
    filter_horizontal = ("organisers", "partners", "agreements", "network_meetings")
    create_service = services.create_event
    update_service = services.update_event
    delete_service = services.delete_event


@admin.register(Session)
class SessionAdmin(LiaisonAdmin):
    list_display = ("title", "event", "start", "room")
    search_fields = ("title_en", "title_zh_hant")
    readonly_fields = ("event",)
    update_service = services.update_session
    delete_service = services.delete_session


@admin.register(Registration)
class RegistrationAdmin(LiaisonAdmin):
    """Details only: a registration's status moves on its page."""

    list_display = ("name", "event", "organisation", "role", "status")
    list_filter = ("role", "status")
    search_fields = ("name_en", "name_zh_hant", "email")
    readonly_fields = ("event", "status")
    update_service = services.update_registration
    delete_service = services.delete_registration
