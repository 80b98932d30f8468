from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin, ReadOnlyAdmin

from . import services
from .models import Body, BodyMeeting, Membership, MembershipCategory, MembershipPeriod, Network, Term


@admin.register(Network)
class NetworkAdmin(LiaisonAdmin):
    list_display = ("organisation", "founded_year", "secretariat")
    search_fields = ("organisation__name_en", "organisation__name_zh_hant", "organisation__acronym_en")
    autocomplete_fields = ("organisation", "founder", "secretariat")
    create_service = services.create_network
    update_service = services.update_network
    delete_service = services.delete_network


@admin.register(MembershipCategory)
class MembershipCategoryAdmin(LiaisonAdmin):
    """Categories are added on the network's page."""

    list_display = ("name", "network")
    delete_service = services.delete_category


@admin.register(Membership)
class MembershipAdmin(LiaisonAdmin):
    """Details only: a membership starts, and its status changes, on the membership's page, through the workflow."""

    list_display = ("organisation", "network", "category")
    list_filter = ("network",)
    search_fields = ("organisation__name_en", "organisation__name_zh_hant", "organisation__acronym_en")
    autocomplete_fields = ("representative",)
    readonly_fields = ("network", "organisation")
    update_service = services.update_membership
    delete_service = services.delete_membership


@admin.register(MembershipPeriod)
class MembershipPeriodAdmin(ReadOnlyAdmin):
    """The history of statuses: read here, changed through the workflow."""

    list_display = ("membership", "status", "start_date", "end_date")
    list_filter = ("status", "membership__network")


@admin.register(Body)
class BodyAdmin(LiaisonAdmin):
    list_display = ("__str__", "network", "kind", "order")
    list_filter = ("network", "kind")
    search_fields = ("name_en", "name_zh_hant")
    create_service = services.create_body
    update_service = services.update_body
    delete_service = services.delete_body


@admin.register(Term)
class TermAdmin(LiaisonAdmin):
    list_display = ("body", "holder", "role_title", "start_date", "end_date")
    list_filter = ("body__network",)
    autocomplete_fields = ("holder", "holder_contact")
    create_service = services.create_term
    update_service = services.update_term
    delete_service = services.delete_term


@admin.register(BodyMeeting)
class BodyMeetingAdmin(LiaisonAdmin):
    list_display = ("body", "date", "title", "place")
    list_filter = ("body__network",)
    create_service = services.create_meeting
    update_service = services.update_meeting
    delete_service = services.delete_meeting
