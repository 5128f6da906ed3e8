"""Users and their roles: officers enter figures and commentary, board members read."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    READER = "reader", "Board member (reads)"
    OFFICER = "officer", "Officer (enters figures and commentary)"
    APPROVER = "approver", "Approver (signs off returns and packs)"
    ADMIN = "admin", "Administrator"


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.READER)
