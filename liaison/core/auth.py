"""Authentication: the demo account's published password works from this machine only."""

import ipaddress

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


class LiaisonBackend(ModelBackend):
    """Django's backend, refusing the demo password from any address but loopback."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == settings.DEMO_PASSWORD and not self.from_this_machine(request):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    @staticmethod
    def from_this_machine(request) -> bool:
        """Loopback, and not relayed by a proxy on this machine (which would make every request loopback)."""
        if request is None:
            return False
        meta = request.META
        return is_loopback(meta.get("REMOTE_ADDR")) and not any(meta.get(h) for h in FORWARDING_HEADERS)
