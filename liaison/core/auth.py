"""Authentication: the client's address, the demo password (this machine only) and API tokens.

This module is imported by DRF's and axes' settings before the apps are ready: models are imported late.
"""

import ipaddress

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")
TOKEN_KEYWORD = "Token"


def _address(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The address of the client: the connection's, or behind the TLS proxy the one the proxies recorded.

    Each of the `TRUSTED_PROXY_COUNT` proxies appends the address it was reached from to X-Forwarded-For, so the
    client is that many entries from the right; entries further left are whatever the client sent, and ignored.
    Lockouts, the demo password rule and request ids all use this one notion.
    """
    meta = request.META
    if not settings.BEHIND_TLS_PROXY:
        return _address(meta.get("REMOTE_ADDR"))
    entries = [entry for entry in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if not entries:
        return _address(meta.get("REMOTE_ADDR"))
    return _address(entries[-min(settings.TRUSTED_PROXY_COUNT, len(entries))])


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def from_this_machine(request) -> bool:
    """The client is this machine. Without the proxy setting, a request relayed by some proxy on this machine
    (which would make every client loopback) does not count."""
    if request is None:
        return False
    relayed = not settings.BEHIND_TLS_PROXY and any(request.META.get(h) for h in FORWARDING_HEADERS)
    return is_loopback(client_address(request)) and not relayed


class LiaisonBackend(ModelBackend):
    """Django's backend, refusing the demo password from any client but this machine."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == settings.DEMO_PASSWORD and not from_this_machine(request):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>`: a live, unexpired token of an active user (see core.tokens)."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != TOKEN_KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Give the key after “Token ”, with no spaces in it."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from exc
        from .tokens import find, note_use

        token = find(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.expires is not None and token.expires <= timezone.now():
            raise exceptions.AuthenticationFailed(_("This token has expired: ask for a new one."))
        note_use(token)
        return token.user, token

    def authenticate_header(self, request):
        return TOKEN_KEYWORD
