from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "liaison.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from . import timeline  # noqa: F401  registers the timeline providers
