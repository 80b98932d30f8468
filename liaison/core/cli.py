"""What the project's own commands share."""

from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.utils.translation import gettext as _


def acting_user(username: str | None):
    """The user a command acts as and the change log names: `--user`, or the first superuser."""
    users = get_user_model().objects.filter(is_active=True)
    found = users.filter(username=username).first() if username else (
        users.filter(is_superuser=True).order_by("pk").first()
    )
    if found is None:
        raise CommandError(
            _("No active user “{user}”.").format(user=username) if username
            else _("No superuser to act as: create one, or name a user with --user.")
        )
    return found
