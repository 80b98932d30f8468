"""API tokens: made, replaced and revoked through these services (each logged); stored only as a hash.

A key is 256 random bits, so one SHA-256 digest (no salt, no slow hash) is enough to make the stored value
useless to whoever reads the database, and lets a request find its token with one indexed lookup.
"""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from . import changelog, history
from .choices import ChangeAction
from .models import ApiToken

# How often the time a token was last used is written: often enough to tell, rarely enough to cost nothing.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


def digest(secret: str) -> str:
    """The SHA-256 hex digest a token or calendar secret is stored and looked up by."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def live_token(user) -> ApiToken | None:
    """The user's token that is not revoked (it may have expired), if any."""
    return ApiToken.objects.filter(user=user, revoked__isnull=True).first()


@transaction.atomic
def revoke(acting_user, token: ApiToken) -> ApiToken:
    """Stops a token from working; the row stays, so the log can name it."""
    stored = ApiToken.objects.select_for_update().get(pk=token.pk)
    if stored.revoked is None:
        before = changelog.snapshot(stored)
        stored.revoked = timezone.now()
        stored.save(update_fields=["revoked"])
        changelog.record(acting_user, ChangeAction.UPDATE, stored, before=before, after=changelog.snapshot(stored),
                         related=stored.user, facts=[history.TOKEN_REVOKED()])
    return stored


@transaction.atomic
def revoke_all(acting_user, user) -> int:
    """Revokes every live token of a user; answers how many."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked__isnull=True))
    for token in tokens:
        revoke(acting_user, token)
    return len(tokens)


@transaction.atomic
def issue(acting_user, user, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`, replacing any live one; answers (token, key). The key is never stored or shown again.

    `days` limits its life; None keeps it until it is revoked.
    """
    revoke_all(acting_user, user)
    key = new_secret()
    expires = timezone.now() + datetime.timedelta(days=days) if days else None
    token = ApiToken.objects.create(user=user, key_prefix=key[:8], key_hash=digest(key), expires=expires)
    changelog.record(acting_user, ChangeAction.CREATE, token, after=changelog.snapshot(token), related=user,
                     facts=[history.TOKEN_CREATED()])
    return token, key


def find(key: str) -> ApiToken | None:
    """The live token of an active user that this key opens (it may have expired), if any."""
    return (ApiToken.objects.select_related("user")
            .filter(key_hash=digest(key), revoked__isnull=True, user__is_active=True).first())


def note_use(token: ApiToken) -> None:
    """Records when the token was last used, at most once in LAST_USED_RESOLUTION (not a change of the record)."""
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
