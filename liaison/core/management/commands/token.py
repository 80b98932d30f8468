"""`liaison token USERNAME [--reset]`: print a user's API token, creating it if needed."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Prints the API token of a user (Authorization: Token <key>), creating it if needed."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="Replace the token; the old one stops working.")

    @transaction.atomic
    def handle(self, *args, username, reset, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as exc:
            raise CommandError(_("There is no user called “{username}”.").format(username=username)) from exc
        if reset:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        if not user.is_active:
            # The key alone goes to stdout so that scripts can capture it; warnings go to stderr.
            self.stderr.write(_("{username} is inactive: the API refuses this token until the account is active.")
                              .format(username=username))
        self.stdout.write(token.key)
