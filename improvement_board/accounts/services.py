"""Who is acting, and managing the people who sign in: add, change role, deactivate or reactivate,
reset a password. The console and the web pages call these same functions, so the rules are
one: only an administrator changes users (until a store has its first administrator, when the
console may add people to start it), a change needs a reason, a password must pass Django's
validators, and no change may leave the store without an active administrator.

Each change is saved once, with its reason and who made it, into the user's history.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from improvement_board.accounts.models import Role, User
from improvement_board.accounts.roles import Refused, require_role, role_name
from improvement_board.audit import audited_save


def operator_get_or_create(*, username: str) -> User:
    """The user a console command acts as; created as an officer without a password (cannot
    sign in to the web app) if not yet known; refused if deactivated."""
    user, created = User.objects.get_or_create(username=username, defaults={"role": Role.OFFICER})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif not user.is_active:
        raise Refused(f"{username} is deactivated, so may not act here")
    return user


def administrators() -> Any:
    """The active administrators (a superuser counts as one)."""
    return User.objects.filter(is_active=True).filter(Q(role=Role.ADMIN) | Q(is_superuser=True))


def require_user_manager(by: Any, doing: str) -> None:
    """Refuse anyone but an administrator, once the store has one."""
    if administrators().exists():
        require_role(by, Role.ADMIN, doing)


def user_create(
    *,
    username: str,
    role: str,
    password: str,
    by: Any = None,
    reason: str = "",
    programmes: list[Any] | None = None,
) -> User:
    """A person who signs in to the web app, with a role; Django's password validators apply.

    Only an administrator adds people, except while the store has no active administrator, when
    the console may add them (that is how the first administrator is made). They hold their role
    in each of ``programmes`` (by default, the store's only programme, when it has one); an
    administrator belongs to every programme without joining any.
    """
    require_user_manager(by, "add a user")
    _known_role(role)
    username = username.strip()
    if not username:
        raise ValueError("a user needs a sign-in name")
    if User.objects.filter(username=username).exists():
        raise ValueError(f"a user {username!r} already exists")
    user = User(username=username, role=role)
    validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    audited_save(user, user=by, reason=reason.strip())  # no reason typed: none is made up
    if role != Role.ADMIN:
        from improvement_board.programmes.members import default_programmes, memberships_create

        chosen = default_programmes() if programmes is None else programmes
        memberships_create(user=user, programmes=chosen, by=by, reason=reason.strip())
    return user


def user_role_set(*, user: User, role: str, by: Any, reason: str) -> User:
    """Give ``user`` another role; an administrator is Django staff and no one else is."""
    require_role(by, Role.ADMIN, "change a user's role")
    _known_role(role)
    why = _reason(reason, "changing a role")
    if user.role == role:
        raise ValueError(f"{user.username} is already {role_name(role)}")
    with transaction.atomic():
        if user.role == Role.ADMIN and role != Role.ADMIN:
            _keep_an_administrator(user, "stop being an administrator")
        user.role = role
        audited_save(user, user=by, reason=why)
        for membership in user.memberships.all():  # the same role in each programme they are in
            membership.role = role
            audited_save(membership, user=by, reason=why)
    return user


def user_posts_set(*, user: User, posts: list[str], by: Any, reason: str) -> User:
    """The posts a person holds, as programme files name owners: what those posts owe the board
    is due from them, and they are reminded of it."""
    require_role(by, Role.ADMIN, "change the posts a user holds")
    why = _reason(reason, "changing the posts a user holds")
    cleaned: list[str] = []
    for post in posts:
        text = " ".join(post.split())
        if not text:
            continue
        if len(text) > 200 or not text.isprintable():
            raise ValueError(f"a post is one line of at most 200 characters, not {text[:40]!r}")
        if text.casefold() not in {c.casefold() for c in cleaned}:
            cleaned.append(text)
    user.posts = cleaned
    audited_save(user, user=by, reason=why)
    return user


def user_active_set(*, user: User, active: bool, by: Any, reason: str) -> User:
    """Deactivate a user (they can no longer sign in or act, and keep their history), or bring
    one back."""
    doing = "deactivate a user" if not active else "reactivate a user"
    require_role(by, Role.ADMIN, doing)
    why = _reason(reason, "deactivating a user" if not active else "reactivating a user")
    if user.is_active == active:
        state = "active" if active else "deactivated"
        raise ValueError(f"{user.username} is already {state}")
    if not active and by is not None and user.pk == by.pk:
        raise Refused("no one may deactivate themselves: another administrator must")
    with transaction.atomic():
        if not active:
            _keep_an_administrator(user, "be deactivated")
        user.is_active = active
        audited_save(user, user=by, reason=why)
    return user


def user_password_set(*, user: User, password: str, by: Any, reason: str) -> User:
    """Reset a user's password (checked by Django's validators); the history records that it
    changed, when, by whom and why, never the password or its hash."""
    require_role(by, Role.ADMIN, "reset a password")
    why = _reason(reason, "resetting a password")
    validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    audited_save(user, user=by, reason=why)
    return user


def _known_role(role: str) -> None:
    if role not in Role.values:
        raise ValueError(f"role must be one of {', '.join(Role.values)}, not {role!r}")


def _reason(reason: str, doing: str) -> str:
    why = reason.strip()
    if not why:
        raise ValueError(f"give a reason for {doing}: it is kept in the user's history")
    return why


def _keep_an_administrator(user: User, change: str) -> None:
    """Refuse a change that would leave no active administrator."""
    others = administrators().exclude(pk=user.pk).select_for_update()
    if (user.role == Role.ADMIN or user.is_superuser) and not others.exists():
        raise Refused(
            f"{user.username} is the only active administrator, so may not {change}: "
            "make someone else an administrator first"
        )
