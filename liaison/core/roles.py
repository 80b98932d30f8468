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
ADMINISTRATOR_EXTRA_APPS = ("auth", "authtoken")


def app_grants(config, role: str) -> set[str]:
    """The custom permissions an app gives a role: its own and those of the roles below it."""
    below = ROLES[: ROLES.index(role) + 1]
    return {codename for each in below for codename in config.role_permissions.get(each, ())}


def _allowed(role: str, permission) -> bool:
    app_label = permission.content_type.app_label
    if role == ADMINISTRATOR and app_label in ADMINISTRATOR_EXTRA_APPS:
        return True
    config = global_apps.app_configs.get(app_label)  # None for an app no longer installed
    if not isinstance(config, LiaisonAppConfig):
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
