"""System checks: the project's own rules that a new app must not be able to forget."""

from django.apps import apps
from django.core import checks


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
