"""Roles are groups: viewer, officer, manager, administrator. Their permissions follow the models."""

from django.apps import apps as global_apps

from .areas import LiaisonAppConfig

VIEWER, OFFICER, MANAGER, ADMINISTRATOR = "viewer", "officer", "manager", "administrator"
ROLES = (VIEWER, OFFICER, MANAGER, ADMINISTRATOR)  # each role may do what the roles before it may

# The standard table: what each role may do with every model of a Liaison app. An app adds custom permissions
# per role in its `role_permissions` (see core.areas.LiaisonAppConfig).
ROLE_ACTIONS = {
    VIEWER: {"view"},
    OFFICER: {"view", "add", "change"},
    MANAGER: {"view", "add", "change", "delete"},
    ADMINISTRATOR: {"view", "add", "change", "delete"},
}
# Administrators manage users and who has which role, and can revoke API tokens. They never change what a role
# may do (the groups' permissions follow this module), and never see or make another user's token.
ADMINISTRATOR_EXTRA = {"auth.view_user", "auth.add_user", "auth.change_user", "auth.delete_user", "auth.view_group",
                       "core.view_apitoken", "core.change_apitoken"}
# Records no role writes by hand: the change log is append-only; tokens are made by the `token` command.
NO_ROLE = {"core.add_changerecord", "core.change_changerecord", "core.delete_changerecord",
           "core.add_apitoken", "core.change_apitoken", "core.delete_apitoken", "core.view_apitoken"}


def app_grants(config, role: str) -> set[str]:
    """The custom permissions an app gives a role: its own and those of the roles below it."""
    below = ROLES[: ROLES.index(role) + 1]
    return {codename for each in below for codename in config.role_permissions.get(each, ())}


def _allowed(role: str, permission) -> bool:
    app_label = permission.content_type.app_label
    name = f"{app_label}.{permission.codename}"
    if role == ADMINISTRATOR and name in ADMINISTRATOR_EXTRA:
        return True
    config = global_apps.app_configs.get(app_label)  # None for an app no longer installed (e.g. DRF's authtoken)
    if not isinstance(config, LiaisonAppConfig) or name in NO_ROLE:
        return False
    action = permission.codename.split("_", 1)[0]
    return action in ROLE_ACTIONS[role] or permission.codename in app_grants(config, role)


def sync_roles(sender=None, **kwargs) -> None:
    """Creates the role groups and gives each the permissions of its role (runs after every migrate)."""
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    permissions = list(Permission.objects.using(using).select_related("content_type"))
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set([p for p in permissions if _allowed(role, p)])
