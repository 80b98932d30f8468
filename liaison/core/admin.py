from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import changelog, history, services, tokens
from .admin_base import LiaisonAdmin, ReadOnlyAdmin
from .choices import ChangeAction
from .models import ApiToken, ChangeRecord, Jurisdiction, Region, Tag
from .roles import ADMINISTRATOR


@admin.register(Tag)
class TagAdmin(LiaisonAdmin):
    list_display = ("slug", "name", "is_complete", "as_of")
    search_fields = ("slug", "name_en", "name_zh_hant")
    create_service = services.create_tag
    update_service = services.update_tag
    delete_service = services.delete_tag


@admin.register(Jurisdiction)
class JurisdictionAdmin(LiaisonAdmin):
    """Tags only: names, codes and regions are re-synced from the reference sources (`liaison jurisdictions`)."""

    list_display = ("code", "name", "kind", "region", "sub_region")
    list_filter = ("kind", "region")
    search_fields = ("code", "name_en", "name_zh_hant")
    filter_horizontal = ("tags",)
    readonly_fields = ("code", "alpha3", "numeric", "name_en", "name_zh_hant", "kind", "region", "sub_region")
    fields = (*readonly_fields, "tags")
    update_service = services.tag_jurisdiction


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "parent")


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ("time", "user_name", "action", "content_type", "object_repr", "source", "request_id")
    list_filter = ("action", "source", "content_type")
    search_fields = ("object_repr", "user_name", "request_id")


def is_privileged(user) -> bool:
    """A superuser or an administrator: managed by a superuser only."""
    return user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists()


def may_manage(acting_user, user) -> bool:
    """Whether `acting_user` may change (or act on) `user`: a superuser anyone, an administrator only users who
    are neither superusers nor other administrators."""
    return acting_user.is_superuser or user is None or user.pk == acting_user.pk or not is_privileged(user)


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class LiaisonUserAdmin(UserAdmin):
    """Administrators manage users and their roles; only a superuser can grant superuser or single permissions,
    or change a superuser or another administrator (their password included). Every change is logged."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return (*fields, "is_superuser", "user_permissions")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_manage(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj) and may_manage(request.user, obj)
        return allowed and (obj is None or obj.pk != request.user.pk)

    def get_object(self, request, object_id, from_field=None):
        user = super().get_object(request, object_id, from_field)
        if user is not None:
            user._logged_before = changelog.snapshot(user)
            user._password_before = user.password
        return user

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():  # the new password and its change record together
            return super().user_change_password(request, id, form_url)

    def log_addition(self, request, obj, message):
        changelog.record(request.user, ChangeAction.CREATE, obj, after=changelog.snapshot(obj))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        password_set = obj.password != getattr(obj, "_password_before", obj.password)
        changelog.record(request.user, ChangeAction.UPDATE, obj, before=getattr(obj, "_logged_before", None),
                         after=changelog.snapshot(obj), facts=[history.PASSWORD_CHANGED()] if password_set else ())
        return super().log_change(request, obj, message)

    def delete_model(self, request, obj):
        services.delete_object(request.user, obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            services.delete_object(request.user, user)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """The roles: their permissions follow the code (liaison.core.roles), so nobody edits them here."""

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens by their first characters, never their keys (only hashes are kept). Administrators revoke them;
    tokens are made with `liaison token USER`, which shows the key once."""

    list_display = ("key_prefix", "user", "created", "last_used", "expires", "revoked")
    list_filter = ("revoked",)
    search_fields = ("user__username", "key_prefix")
    fields = list_display
    readonly_fields = list_display
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)  # revoking, from the list; a token is shown only

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        allowed = [token for token in queryset.select_related("user") if may_manage(request.user, token.user)]
        for token in allowed:
            tokens.revoke(request.user, token)
        revoked = ngettext("{count} token revoked.", "{count} tokens revoked.", len(allowed))
        self.message_user(request, revoked.format(count=len(allowed)), messages.SUCCESS)
        if len(allowed) < len(queryset):
            self.message_user(request, _("Tokens of superusers and other administrators were left as they are."),
                              messages.WARNING)
