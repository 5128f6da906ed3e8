"""Reads of tokens and of the API's log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from improvement_board.accounts.models import Role
from improvement_board.accounts.roles import has_role
from improvement_board.api.models import Call, Token
from improvement_board.api.services import PREFIX, digest_of


def token_by_secret(secret: str) -> Token | None:
    """The token a caller presented, whether or not it still works; None if there is none."""
    if not secret.startswith(PREFIX):
        return None
    return Token.objects.select_related("user").filter(digest=digest_of(secret)).first()


def token_unusable(token: Token) -> str | None:
    """Why ``token`` no longer works (revoked, expired, its holder deactivated), else None."""
    if token.revoked_at is not None:
        return f"this token was revoked on {token.revoked_at:%d %B %Y}"
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return f"this token expired on {token.expires_at:%d %B %Y}: ask for a new one"
    if not token.user.is_active:
        return f"{token.user.get_username()} is deactivated, so their tokens do not work"
    return None


def _seen_by(user: Any) -> QuerySet[Token]:
    tokens = Token.objects.select_related("user", "created_by", "revoked_by")
    return tokens if has_role(user, Role.ADMIN) else tokens.filter(user=user)


def tokens_seen_by(*, user: Any) -> list[Token]:
    """Every token for an administrator; a person's own tokens for anyone else."""
    return list(_seen_by(user))


def token_get(*, pk: int, user: Any) -> Token:
    """A token by its number, as ``board tokens list`` shows it; another person's only to an
    administrator."""
    found = _seen_by(user).filter(pk=pk).first()
    if found is None:
        raise LookupError(f"no token {pk} of yours (board tokens list shows them)")
    return found


def calls_seen_by(*, user: Any, token: Token | None = None, limit: int = 50) -> list[Call]:
    """The latest calls: every call for an administrator, else those made with one's own tokens;
    only ``token``'s where one is given."""
    calls = Call.objects.select_related("token")
    if not has_role(user, Role.ADMIN):
        calls = calls.filter(token__user=user)
    if token is not None:
        calls = calls.filter(token=token)
    return list(calls[:limit])
