"""Users of each role, as the board and the council's officers would have them.

A test user is a member, with their role, of every programme in the store when they are made,
unless ``member_of`` names the programmes (keys) they belong to.
"""

from __future__ import annotations

import factory

from improvement_board.accounts.models import Role, User
from improvement_board.programmes.models import Membership, Programme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.READER
    # Signed in with force_login; a password (slow to hash, on purpose) only where a test needs it.
    password = factory.django.Password(None)

    @factory.post_generation
    def member_of(obj: User, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create or obj.role == Role.ADMIN or obj.is_superuser:
            return
        programmes = Programme.objects.all()
        if extracted is not None:
            programmes = programmes.filter(key__in=extracted)
        for programme in programmes:
            Membership.objects.create(user=obj, programme=programme, role=obj.role)
