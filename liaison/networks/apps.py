from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "liaison.networks"
    label = "networks"
    verbose_name = _("Networks")

    def ready(self):
        from . import timeline  # noqa: F401  registers the timeline provider
