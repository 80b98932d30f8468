from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "liaison.agreements"
    label = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        from . import timeline  # noqa: F401  registers the timeline providers
