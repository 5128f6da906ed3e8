"""Users of each role, as the board and the council's officers would have them."""

from __future__ import annotations

import factory

from improvement_board.accounts.models import Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.READER
    # Signed in with force_login; a password (slow to hash, on purpose) only where a test needs it.
    password = factory.django.Password(None)
