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
# Administrators manage users and who has which role, and can revoke API tokens. They never change what a role
# may do (the groups' permissions follow this module), and never see or make another user's token.
ADMINISTRATOR_EXTRA = {"auth.view_user", "auth.add_user", "auth.change_user", "auth.delete_user", "auth.view_group",
                       "core.view_apitoken", "core.change_apitoken"}
# Records no role writes by hand: the change log is append-only; tokens are made by the `token` command.
NO_ROLE = {"core.add_changerecord", "core.change_changerecord", "core.delete_changerecord",
           "core.add_apitoken", "core.change_apitoken", "core.delete_apitoken", "core.view_apitoken"}


def _is_liaison(app_label: str) -> bool:
    try:
        return global_apps.get_app_config(app_label).name.startswith("liaison.")
    except LookupError:  # permissions of an app that was removed (e.g. DRF's authtoken)
        return False


def _allowed(role: str, permission) -> bool:
    app_label = permission.content_type.app_label
    name = f"{app_label}.{permission.codename}"
    if role == ADMINISTRATOR and name in ADMINISTRATOR_EXTRA:
        return True
    if not _is_liaison(app_label) or name in NO_ROLE:
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
