"""Who is acting: the console names its operator so every change records who made it."""

from __future__ import annotations

from improvement_board.accounts.models import Role, User


def operator_get_or_create(*, username: str) -> User:
    """The user a console command acts as; created without a password (cannot log in)."""
    user, created = User.objects.get_or_create(username=username, defaults={"role": Role.OFFICER})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def user_create(*, username: str, role: str, password: str) -> User:
    """A person who signs in to the web app; Django's password validators apply."""
    from django.contrib.auth.password_validation import validate_password

    if role not in Role.values:
        raise ValueError(f"role must be one of {', '.join(Role.values)}, not {role!r}")
    if User.objects.filter(username=username).exists():
        raise ValueError(f"a user {username!r} already exists")
    user = User(username=username, role=role)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    return user
