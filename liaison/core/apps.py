from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from . import roles
from .areas import HomeFigure, LiaisonAppConfig, MenuEntry


class CoreConfig(LiaisonAppConfig):
    name = "liaison.core"
    label = "core"
    verbose_name = _("Core")
    menu = (MenuEntry(_("Jurisdictions"), "core:jurisdiction_list", "core.view_jurisdiction", order=900,
                      group=_("Reference data")),)
    home = (HomeFigure("core.Jurisdiction", "core:jurisdiction_list", order=900),)
    role_permissions = {roles.MANAGER: {"import_records"}}

    def ready(self):
        from . import checks, schema, search_index  # noqa: F401 (they register themselves)

        super().ready()
        post_migrate.connect(roles.sync_roles, dispatch_uid="liaison.core.roles")
        post_migrate.connect(search_index.ensure_search_indexes, sender=self, dispatch_uid="liaison.core.search")
