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
