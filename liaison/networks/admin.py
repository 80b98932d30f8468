from django.contrib import admin

from liaison.core.admin_base import LiaisonAdmin, ReadOnlyAdmin

from .models import Body, BodyMeeting, Membership, MembershipCategory, MembershipPeriod, Network, Term


@admin.register(Network)
class NetworkAdmin(LiaisonAdmin):
    list_display = ("organisation", "founded_year", "secretariat")
    search_fields = ("organisation__name_en", "organisation__name_zh_hant", "organisation__acronym_en")
    autocomplete_fields = ("organisation", "founder", "secretariat")


@admin.register(MembershipCategory)
class MembershipCategoryAdmin(LiaisonAdmin):
    list_display = ("name", "network")


@admin.register(Membership)
class MembershipAdmin(LiaisonAdmin):
    """Details only: a status changes on the membership's page, through the workflow."""

    list_display = ("organisation", "network", "category")
    list_filter = ("network",)
    search_fields = ("organisation__name_en", "organisation__name_zh_hant", "organisation__acronym_en")
    autocomplete_fields = ("organisation", "representative")

    def has_add_permission(self, request):
        return False  # a membership starts with a status: add it on the Memberships page


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


@admin.register(Term)
class TermAdmin(LiaisonAdmin):
    list_display = ("body", "holder", "role_title", "start_date", "end_date")
    list_filter = ("body__network",)
    autocomplete_fields = ("holder", "holder_contact")


@admin.register(BodyMeeting)
class BodyMeetingAdmin(LiaisonAdmin):
    list_display = ("body", "date", "title", "place")
    list_filter = ("body__network",)
