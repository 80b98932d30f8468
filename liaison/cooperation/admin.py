from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin

from . import services
from .models import Compartment


@admin.register(Compartment)
class CompartmentAdmin(LiaisonAdmin):
    """Administrators manage the case teams here: who is a member. Requests have no admin page: they are seen
    only on the area's pages, by members, with the second factor and the access log."""

    list_display = ("name",)
    search_fields = ("name_en", "name_zh_hant")
    filter_horizontal = ("members",)
    create_service = services.create_compartment
    update_service = services.update_compartment
    delete_service = services.delete_compartment

