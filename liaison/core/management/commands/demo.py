"""`liaison demo`: migrate, load the reference data, set up the demo account, and serve on this machine with a
worker for background jobs beside the server."""

import os
import subprocess
import sys
from pathlib import Path

from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation
from django.utils.translation import gettext as _

from liaison.core.areas import reference_loaders
from liaison.core.roles import ADMINISTRATOR

# The database worker of `liaison db_worker`, checking for new jobs every second.
WORKER_COMMAND = [sys.executable, "-m", "liaison", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "1"]
# POSIX order of precedence for the language of messages.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def terminal_language(environ=os.environ) -> str:
    """The supported language closest to the terminal's locale (zh_HK.UTF-8 → zh-hant); the default otherwise."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "").split(":")[0].split(".")[0].split("@")[0]
        if not value:
            continue
        if value in {"C", "POSIX"}:
            break
        try:
            return translation.get_supported_language_variant(translation.to_language(value))
        except LookupError:
            break
    return settings.LANGUAGE_CODE


class Command(BaseCommand):
    help = "Prepares the demo (migrations, reference data, the demo account) and serves it on this machine."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (default 8000).")
        parser.add_argument("--no-serve", action="store_true", help="Prepare everything but do not serve.")

    def handle(self, *args, port, no_serve, **options):
        with translation.override(terminal_language()):
            self._make_database_directory()
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
            self._load_reference_data()
            self._set_up_demo_user()
            self._announce(port, no_serve)
        if not no_serve:
            self._serve(port)

    def _serve(self, port: int):
        """The server, and a worker for background jobs that stops with it."""
        worker = subprocess.Popen(WORKER_COMMAND) if settings.JOBS_BACKEND == "database" else None
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)

    def _make_database_directory(self):
        """SQLite creates the file but not its directory (var/ on a fresh checkout)."""
        database = connections[DEFAULT_DB_ALIAS].settings_dict
        name = str(database.get("NAME") or "")
        if database["ENGINE"].endswith("sqlite3") and name and ":memory:" not in name and "mode=memory" not in name:
            Path(name).parent.mkdir(parents=True, exist_ok=True)

    def _load_reference_data(self):
        for label, load in reference_loaders():
            try:
                created = load(None)
            except ImproperlyConfigured as exc:
                raise CommandError(str(exc)) from exc
            if isinstance(created, int):
                message = _("Reference data of {app}: {count} records created.")
                self.stdout.write(message.format(app=label, count=created))

    def _set_up_demo_user(self):
        """The published demo account: an administrator (and staff, for the admin) with the documented password."""
        User = get_user_model()
        user, _created = User.objects.get_or_create(**{User.USERNAME_FIELD: settings.DEMO_USERNAME})
        # The password validators would refuse this password on a form; it is the documented demo password,
        # accepted from the loopback address only (liaison.core.auth).
        if not user.check_password(settings.DEMO_PASSWORD):
            user.set_password(settings.DEMO_PASSWORD)
        user.is_active = True
        user.is_staff = True
        user.save()
        try:
            user.groups.add(Group.objects.get(name=ADMINISTRATOR))
        except Group.DoesNotExist as exc:
            message = _("The “{role}” role is missing: run “liaison migrate”.")
            raise CommandError(message.format(role=ADMINISTRATOR)) from exc
        # Earlier failed sign-ins must not keep the demo account locked.
        reset_lockouts(username=settings.DEMO_USERNAME)

    def _announce(self, port: int, no_serve: bool):
        url = f"http://127.0.0.1:{port}/"
        lines = [
            "",
            _("Liaison demo: {url}").format(url=url),
            _("User name: {username}").format(username=settings.DEMO_USERNAME),
            _("Password:  {password}").format(password=settings.DEMO_PASSWORD),
            _("This password is accepted from this machine only."),
            "",
        ]
        if no_serve:
            lines.insert(-1, _("Not serving (--no-serve). To serve: liaison demo --port {port}").format(port=port))
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
