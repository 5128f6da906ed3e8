"""Users and their roles: officers enter figures and commentary, approvers sign off, board members
read, administrators manage users. Every change to a user is kept in its history with who made
it, when and why; the password hash is never copied into history, only the time it changed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    READER = "reader", "Board member (reads)"
    OFFICER = "officer", "Officer (enters figures and commentary)"
    APPROVER = "approver", "Approver (signs off returns and packs)"
    ADMIN = "admin", "Administrator"


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.READER)
    password_changed_at = models.DateTimeField(null=True, blank=True)
    posts = models.JSONField(default=list, blank=True)
    """The posts this person holds, as programme files name owners ("Head of Safeguarding"):
    what those posts owe the board is due from them."""
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    def save(self, *args: Any, **kwargs: Any) -> None:
        """An administrator is Django staff, and only an administrator (or a superuser) is."""
        staff = self.role == Role.ADMIN or self.is_superuser
        if self.is_staff != staff:
            self.is_staff = staff
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "is_staff"}
        super().save(*args, **kwargs)


class SentReminder(models.Model):
    """A reminder e-mailed to a person before a meeting: sent once per person, meeting and day,
    however often the schedule runs."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reminders")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="reminders_sent"
    )
    sent_on = models.DateField()
    sent_at = models.DateTimeField()
    items = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "meeting", "sent_on"], name="one_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"reminder to {self.user} for {self.meeting} on {self.sent_on}"
