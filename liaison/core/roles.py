"""Roles are groups: viewer, officer, manager, administrator. Their permissions follow the models."""

from django.apps import apps as global_apps

VIEWER, OFFICER, MANAGER, ADMINISTRATOR = "viewer", "officer", "manager", "administrator"
ROLES = (VIEWER, OFFICER, MANAGER, ADMINISTRATOR)

# What each role may do with every Liaison model; custom permissions are listed by codename.
ROLE_ACTIONS = {
    VIEWER: {"view"},
    OFFICER: {"view", "add", "change"},
    MANAGER: {"view", "add", "change", "delete", "import_records"},
    ADMINISTRATOR: {"view", "add", "change", "delete", "import_records"},
}
ADMINISTRATOR_EXTRA_APPS = ("auth", "authtoken")


def _is_liaison(app_label: str) -> bool:
    config = global_apps.get_app_config(app_label)
    return config.name.startswith("liaison.")


def _allowed(role: str, permission) -> bool:
    app_label = permission.content_type.app_label
    if role == ADMINISTRATOR and app_label in ADMINISTRATOR_EXTRA_APPS:
        return True
    if not _is_liaison(app_label):
        return False
    action = permission.codename.split("_", 1)[0]
    return permission.codename in ROLE_ACTIONS[role] or action in ROLE_ACTIONS[role]


def sync_roles(sender=None, **kwargs) -> None:
    """Creates the role groups and gives each the permissions of its role (runs after every migrate)."""
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    permissions = list(Permission.objects.using(using).select_related("content_type"))
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set([p for p in permissions if _allowed(role, p)])
