"""Authentication: the demo account's published password works from this machine only."""

import ipaddress

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


class LiaisonBackend(ModelBackend):
    """Django's backend, refusing the demo password from any address but loopback."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == settings.DEMO_PASSWORD:
            remote = request.META.get("REMOTE_ADDR") if request is not None else None
            if not is_loopback(remote):
                return None
        return super().authenticate(request, username=username, password=password, **kwargs)
