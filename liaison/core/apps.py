from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "liaison.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import roles, search_index

        post_migrate.connect(roles.sync_roles, dispatch_uid="liaison.core.roles")
        post_migrate.connect(search_index.ensure_search_indexes, sender=self, dispatch_uid="liaison.core.search")
