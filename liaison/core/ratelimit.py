"""A limit on how often one client address may do something (e.g. send a public form), counted in the cache.

The cache is shared by every app process when it is Redis (production); with the in-process default each
process counts on its own, which still stops a flood at one process.
"""

from django.core.cache import cache

from .auth import client_address


def allow(request, action: str, limit: int, seconds: int) -> bool:
    """Counts one more `action` from the request's address; False once it has done it `limit` times within the
    window of `seconds` that began with its first."""
    key = f"ratelimit:{action}:{client_address(request) or 'unknown'}"
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=seconds)
        return True
    return count <= limit
