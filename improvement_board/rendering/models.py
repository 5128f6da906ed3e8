"""One row per distinct content printed: the claim that makes printing happen once at a time."""

from __future__ import annotations

from django.db import models


class RenderStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RENDERING = "rendering", "Being printed"
    DONE = "done", "Printed"
    FAILED = "failed", "Could not be printed"


class Rendering(models.Model):
    """The PDF of one HTML source, named by the source's SHA-256.

    The key is unique, so however many requests ask for the same content at once, one row is
    made and one task queued; the worker moves the row from queued to rendering with a single
    conditional update, so at most one process prints a key at a time.
    """

    key = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=16, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.key[:12]} {self.status}"
