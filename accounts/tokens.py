"""Personal API tokens: shown once, stored as a SHA-256 hash, revocable."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken
from core import audit
from core.tokens import new_token, token_hash

PREFIX = "cnc_"


@transaction.atomic
def token_create(*, by: Any, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``by``; returns the record and the secret (shown once)."""
    secret, _ = new_token()
    secret = PREFIX + secret
    token = ApiToken.objects.create(
        user=by, name=name[:100] or "API token", key_hash=token_hash(secret), prefix=secret[:8]
    )
    audit.record(by=by, verb="API token created", obj=token)
    return token, secret


@transaction.atomic
def token_revoke(*, by: Any, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(by=by, verb="API token revoked", obj=token)
    return token


def user_for_token(secret: str) -> Any:
    """The active user a token belongs to, or None. Records when it was last used."""
    if not secret or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
