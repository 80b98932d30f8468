"""API permissions, kept apart from api.py so DRF's settings can import them early."""

from rest_framework import permissions


class ModelPermissions(permissions.DjangoModelPermissions):
    """Reading needs the view permission too, as on the pages.

    A route on one record of a viewset that follows the access rule (core.api.RecordAccessMixin) is left to it,
    so that a record the user may not see answers 404 and never 403.
    """

    perms_map = {**permissions.DjangoModelPermissions.perms_map, "GET": ["%(app_label)s.view_%(model_name)s"]}
    perms_map["HEAD"] = perms_map["GET"]
    perms_map["OPTIONS"] = perms_map["GET"]

    def has_permission(self, request, view):
        from .api import RecordAccessMixin

        signed_in = bool(request.user and request.user.is_authenticated)
        if signed_in and getattr(view, "detail", False) and isinstance(view, RecordAccessMixin):
            return True
        return super().has_permission(request, view)
