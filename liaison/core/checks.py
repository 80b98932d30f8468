"""System checks: the app refuses to run in production with the development secret key.

`liaison check --deploy` always fails while the development key is in use; any command (and gunicorn, see
liaison/wsgi.py) fails when the settings look like production: not DEBUG, and reachable from other machines
(a host name other than this machine's, the TLS proxy, or Secure cookies).
"""

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", "testserver"}


def looks_like_production() -> bool:
    reachable = set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS or settings.BEHIND_TLS_PROXY or settings.SECURE_COOKIES
    return not settings.DEBUG and bool(reachable)


def _development_key_error() -> list:
    if settings.SECRET_KEY != settings.DEVELOPMENT_SECRET_KEY:
        return []
    return [checks.Error(
        _("LIAISON_SECRET_KEY is not set: sessions are signed with the published development key."),
        hint=_("Set LIAISON_SECRET_KEY to a long random value, e.g. the output of "
               "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."),
        id="liaison.E001",
    )]


@checks.register(checks.Tags.security)
def secret_key_in_production(app_configs, **kwargs):
    return _development_key_error() if looks_like_production() else []


@checks.register(checks.Tags.security, deploy=True)
def secret_key_for_deployment(app_configs, **kwargs):
    return _development_key_error()
