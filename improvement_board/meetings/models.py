"""Board meetings, the reports due at each, and the packs issued to the board for them (frozen)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from improvement_board.programmes.models import Programme
from improvement_board.publication import PublicationReview


class Meeting(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="meetings")
    period = models.CharField(max_length=7)
    date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    spec = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "period"], name="one_meeting_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.programme} meeting {self.period}"


class ReportStatus(models.TextChoices):
    DUE = "due", "Due"
    RECEIVED = "received", "Received"
    LATE = "late", "Late"
    DEFERRED = "deferred", "Deferred"


class ReportItem(PublicationReview, models.Model):
    """A report the board expects at a meeting; standing items recur at every meeting."""

    PUBLISHED_TEXT = ("notes",)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reports")
    key = models.SlugField(max_length=60)
    position = models.PositiveIntegerField(default=0)
    title = models.TextField()
    recommendations = models.JSONField(default=list)
    evidence_item = models.PositiveIntegerField(null=True, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    standing = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.DUE)
    received_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    spec = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["standing", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "key"], name="unique_report")]

    def __str__(self) -> str:
        return self.title


class PackSignOff(models.Model):
    """A meeting's pack prepared for issue by one person and approved by another.

    Preparing records the SHA-256 of the pack's HTML as it stood; approving is refused to the
    person who prepared it, and refused if the pack has changed since it was prepared; issuing is
    refused unless the pack's HTML still has the SHA-256 that was approved. So what is issued is
    exactly what a second person approved, and any edit to the figures, commentary, plan or
    schedule after approval sends the pack back to be prepared and approved again. Each approval
    is used for one issue; the latest preparation of a meeting's pack is the one that counts.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="sign_offs")
    content_sha256 = models.CharField(max_length=64)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True)
                | ~models.Q(approved_by=models.F("prepared_by")),
                name="approved_by_someone_else",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} pack {self.content_sha256[:12]}"


class IssuedPack(models.Model):
    """A pack as issued: its bytes' SHA-256 is kept so it can be shown never to have changed.

    Each issue of a meeting's pack is the next version; its files are written once and
    never replaced. ``path`` is relative to BOARD_HOME, so a store moved or restored to another
    folder still finds its packs.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="packs")
    version = models.PositiveIntegerField(default=1)
    kind = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    sign_off = models.ForeignKey(
        PackSignOff, null=True, blank=True, on_delete=models.PROTECT, related_name="issues"
    )
    sha256 = models.CharField(max_length=64)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["meeting", "-version", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version", "kind"], name="one_file_of_a_kind_a_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} {self.kind} {self.sha256[:12]}"

    @property
    def file(self) -> Path:
        """Where the issued file is now: ``path`` under BOARD_HOME."""
        return Path(settings.BOARD_HOME) / self.path


class MinisterSignOff(models.Model):
    """A quarter's report to the Minister prepared for issue by one person and approved by another.

    The report has two variants, the internal one (every count, as a pack) and the one marked for
    publication (small numbers suppressed, free text only once reviewed); both go out together.
    Preparing records one SHA-256 over both variants' HTML as they stood; approving is refused to
    the person who prepared it and refused if either variant has changed since; issuing is refused
    unless both still give that SHA-256. Each approval is used for one issue; the latest
    preparation of a quarter's report is the one that counts.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="minister_sign_offs"
    )
    quarter_end = models.CharField(max_length=7)
    content_sha256 = models.CharField(max_length=64)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "quarter_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True)
                | ~models.Q(approved_by=models.F("prepared_by")),
                name="minister_report_approved_by_someone_else",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} Minister's report {self.quarter_end} {self.content_sha256[:12]}"


class IssuedMinisterReport(models.Model):
    """A file of a Minister's report as issued: the internal or the publishable variant, as HTML
    or PDF. Each issue of a quarter's report is the next version; its files are written once and
    never replaced, and each file's SHA-256 is kept. ``path`` is relative to BOARD_HOME."""

    class Variant(models.TextChoices):
        INTERNAL = "internal", "Internal, not for publication"
        PUBLICATION = "for-publication", "Marked for publication"

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="minister_reports"
    )
    quarter_end = models.CharField(max_length=7)
    version = models.PositiveIntegerField()
    variant = models.CharField(max_length=16, choices=Variant.choices)
    kind = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    sign_off = models.ForeignKey(MinisterSignOff, on_delete=models.PROTECT, related_name="issues")
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["programme", "quarter_end", "-version", "variant", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "quarter_end", "version", "variant", "kind"],
                name="one_minister_report_file_of_a_kind_a_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.quarter_end} v{self.version} {self.variant} {self.kind}"

    @property
    def file(self) -> Path:
        """Where the issued file is now: ``path`` under BOARD_HOME."""
        return Path(settings.BOARD_HOME) / self.path
