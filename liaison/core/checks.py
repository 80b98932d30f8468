"""System checks: the project's own rules that a new app must not be able to forget, and the refusal to run in
production with the development secret key.

`liaison check --deploy` always fails while the development key is in use; any command (and gunicorn, see
liaison/wsgi.py) fails when the settings look like production: not DEBUG, and reachable from other machines
(a host name other than this machine's, the TLS proxy, or Secure cookies).
"""

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _


def unchecked_text(models) -> list[checks.Error]:
    """An error for each of `models` that does not validate its text on every path."""
    from .models import CheckedTextModel

    return [
        checks.Error(
            f"{model._meta.label} does not derive from liaison.core.models.CheckedTextModel, so its text fields "
            "would accept control characters and markup.",
            hint="Derive it from LiaisonModel (or CheckedTextModel for a record without a change log).",
            obj=model, id="liaison.E001",
        )
        for model in models if not issubclass(model, CheckedTextModel)
    ]


@checks.register(checks.Tags.models)
def every_model_checks_its_text(app_configs=None, **kwargs):
    """Every model of Liaison's own apps checks its text (no control characters; no markup in names)."""
    configs = app_configs or apps.get_app_configs()
    return unchecked_text(model for config in configs if config.name.startswith("liaison.")
                          for model in config.get_models())


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
        id="liaison.E002",
    )]


@checks.register(checks.Tags.security)
def secret_key_in_production(app_configs, **kwargs):
    return _development_key_error() if looks_like_production() else []


@checks.register(checks.Tags.security, deploy=True)
def secret_key_for_deployment(app_configs, **kwargs):
    return _development_key_error()
