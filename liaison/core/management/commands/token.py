"""`liaison token USERNAME [--reset] [--revoke] [--days N]`: make, replace or revoke a user's API token."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaison.core import tokens
from liaison.core.changelog import change_context
from liaison.core.choices import ChangeSource


class Command(BaseCommand):
    help = ("Makes a user's API token (Authorization: Token <key>) and prints its key, once: only a hash is kept. "
            "Each token made, replaced or revoked is recorded in the change log.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--reset", action="store_true", help="Replace the token; the old one stops working.")
        group.add_argument("--revoke", action="store_true", help="Revoke the token; the user has none after.")
        parser.add_argument("--days", type=int, help="The new token expires after this many days (default: never).")

    def handle(self, *args, username, reset, revoke, days, **options):
        if days is not None and not 1 <= days <= 3650:
            raise CommandError(_("Give --days between 1 and 3650."))
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as exc:
            raise CommandError(_("There is no user called “{username}”.").format(username=username)) from exc
        with change_context(ChangeSource.CLI):
            if revoke:
                count = tokens.revoke_all(None, user)
                message = ngettext("{count} token of {username} revoked.", "{count} tokens of {username} revoked.",
                                   count)
                self.stdout.write(message.format(count=count, username=username))
                return
            live = tokens.live_token(user)
            if live is not None and not reset:
                raise CommandError(_(
                    "{username} already has a token (beginning {prefix}, made {created}); its key cannot be shown "
                    "again. Use --reset to replace it."
                ).format(username=username, prefix=live.key_prefix,
                         created=formats.date_format(timezone.localtime(live.created), "SHORT_DATETIME_FORMAT")))
            _token, key = tokens.issue(None, user, days=days)
        if not user.is_active:
            # The key alone goes to stdout so that scripts can capture it; warnings go to stderr.
            self.stderr.write(_("{username} is inactive: the API refuses this token until the account is active.")
                              .format(username=username))
        self.stdout.write(key)
