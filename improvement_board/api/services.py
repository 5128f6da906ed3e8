"""Making and revoking API tokens, and recording each call made with one.

A token is 32 random bytes (URL-safe base64) after a ``board_`` prefix, so a leaked one is easy to
recognise in a log or a repository scan. Only its SHA-256 is stored: a token is far too long to
guess, so a fast hash loses nothing and lets each call find its token with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from improvement_board.accounts.models import Role
from improvement_board.accounts.roles import Refused, has_role
from improvement_board.api.models import Call, Token

PREFIX = "board_"
SHOWN = len(PREFIX) + 8
"""How much of a token is kept in the clear to tell tokens apart: the prefix and 8 characters."""


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Made:
    """A new token and the secret itself, which exists only here: it is shown once."""

    token: Token
    secret: str


def _may_act_for(by: Any, owner: Any, doing: str) -> None:
    """A person manages their own tokens; an administrator manages anyone's."""
    if by is None:
        raise Refused(f"only a named person may {doing}")
    if not by.is_active:
        raise Refused(f"{by.get_username()} is deactivated, so may not {doing}")
    if by.pk != owner.pk and not has_role(by, Role.ADMIN):
        raise Refused(f"only {owner.get_username()} or an administrator may {doing}")


@transaction.atomic
def token_create(
    *, user: Any, name: str, by: Any, read_only: bool = False, days: int | None = None
) -> Made:
    """A new token for ``user``, carrying their roles (only reading, with ``read_only``)."""
    _may_act_for(by, user, f"make an API token for {user.get_username()}")
    if not user.is_active:
        raise Refused(f"{user.get_username()} is deactivated, so can hold no token")
    name = name.strip()
    if not name:
        raise ValueError("say what the token is for (--name), such as 'case management system'")
    lifetime = settings.API_TOKEN_DAYS if days is None else days
    if lifetime < 1:
        raise ValueError(f"a token lasts at least a day, not {lifetime}")
    secret = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = Token.objects.create(
        user=user,
        name=name[:100],
        prefix=secret[:SHOWN],
        digest=digest_of(secret),
        read_only=read_only,
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=lifetime),
    )
    return Made(token, secret)


@transaction.atomic
def token_revoke(*, token: Token, by: Any, reason: str) -> Token:
    """Stop a token working from now on; who did it and why are kept on it."""
    _may_act_for(by, token.user, f"revoke the token {token.prefix}…")
    if not reason.strip():
        raise ValueError("say why the token is revoked (--reason): it is kept with the token")
    if token.revoked_at is not None:
        raise ValueError(f"the token {token.prefix}… was already revoked on {token.revoked_at:%c}")
    token.revoked_at, token.revoked_by, token.revoked_reason = timezone.now(), by, reason.strip()
    token.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    return token


def call_record(
    *,
    token: Token | None,
    username: str,
    method: str,
    path: str,
    programme: str,
    status: int,
    outcome: str,
    address: str | None,
) -> Call:
    """One line of the API's log: written for every call, allowed or refused."""
    return Call.objects.create(
        token=token,
        username=username[:150],
        method=method[:10],
        path=path[:500],
        programme=programme[:60],
        status=status,
        outcome=outcome,
        address=address,
    )
