"""API permissions, kept apart from api.py so DRF's settings can import them early."""

from rest_framework import permissions


class ModelPermissions(permissions.DjangoModelPermissions):
    """Reading needs the view permission too, as on the pages."""

    perms_map = {**permissions.DjangoModelPermissions.perms_map, "GET": ["%(app_label)s.view_%(model_name)s"]}
    perms_map["HEAD"] = perms_map["GET"]
    perms_map["OPTIONS"] = perms_map["GET"]
