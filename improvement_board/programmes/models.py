"""The programme, its indicators and their monthly measurements, with every earlier version kept.

Each row that a programme file defines keeps ``spec``: what the file last said of it. A reload
applies only what the file changed since, so edits made in the app are not undone by loading the
same file again, and loading the same file twice changes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from improvement_board.accounts.models import Role
from improvement_board.publication import PublicationReview


class Programme(models.Model):
    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=300)
    council = models.CharField(max_length=200)
    council_code = models.CharField(max_length=20, blank=True)
    inspection = models.CharField(max_length=200, blank=True)
    baseline_date = models.DateField()
    target_date = models.DateField()
    first_period = models.CharField(max_length=7)
    last_period = models.CharField(max_length=7)
    population = models.JSONField(default=dict)
    population_source = models.TextField(blank=True)
    default_tolerance = models.JSONField(default=dict)
    risk_appetite = models.PositiveSmallIntegerField(default=12)
    review_days = models.PositiveIntegerField(default=92)
    reporting = models.JSONField(default=list)
    comparators = models.JSONField(null=True, blank=True)
    reminders = models.JSONField(null=True, blank=True)
    """When owners are reminded of what they owe the next meeting; none when the file sets none."""
    neighbours = models.JSONField(default=dict, blank=True)
    """A model-based comparator group as resolved from DfE's neighbour file: model, members,
    the file read."""
    standing_reports = models.JSONField(default=list)
    synthetic = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    spec = models.JSONField(default=dict)
    file_sha256 = models.CharField(max_length=64, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in one programme. A user sees a programme only as its member (or as an
    administrator), so one council's officer sees nothing of another council's programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "user"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="one_role_a_programme")
        ]

    def __str__(self) -> str:
        return f"{self.user} is {self.role} in {self.programme}"


class Recommendation(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="recs")
    number = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    spec = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_recommendation")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Indicator(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    key = models.SlugField(max_length=60)
    position = models.PositiveIntegerField(default=0)
    code = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=400)
    unit = models.CharField(max_length=20)
    polarity = models.CharField(max_length=10)
    baseline = models.JSONField(default=dict)
    target = models.JSONField(null=True, blank=True)
    tolerance = models.JSONField(null=True, blank=True)
    recommendations = models.JSONField(default=list)
    owner = models.CharField(max_length=200, blank=True)
    frequency = models.CharField(max_length=20, default="monthly")
    reference = models.CharField(max_length=10, default="period")
    reference_month = models.PositiveSmallIntegerField(null=True, blank=True)
    definition = models.TextField(blank=True)
    source = models.TextField(blank=True)
    measure = models.CharField(max_length=80, blank=True)
    milestones = models.JSONField(default=list)
    spc_rebase = models.JSONField(default=list)
    decimals = models.PositiveSmallIntegerField(default=1)
    notes = models.TextField(blank=True)
    spec = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="unique_indicator_key")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}" if self.code else self.title


class MeasurementStatus(models.TextChoices):
    """A figure is a draft (provisional) until a second person, an approver who did not record
    it, validates it; a restatement makes it a draft again."""

    PROVISIONAL = "provisional", "Draft"
    VALIDATED = "validated", "Validated"


class Measurement(models.Model):
    """An indicator's figure for one period; a changed figure is a new revision, never lost.

    ``period`` is the month of the figure's reference date (the indicator's cadence says what it
    means). A figure published as a DfE marker keeps the marker (``u``, ``c``, ``range:1 to 5``)
    and no value.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period = models.CharField(max_length=7)
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    marker = models.CharField(max_length=40, blank=True)
    status = models.CharField(
        max_length=12, choices=MeasurementStatus.choices, default=MeasurementStatus.PROVISIONAL
    )
    source = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    validated_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__position", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_figure_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"


class Commentary(PublicationReview, models.Model):
    """Analysis of the figures and corrective action taken or planned, per indicator per month."""

    PUBLISHED_TEXT = ("analysis", "action")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="commentary")
    period = models.CharField(max_length=7)
    analysis = models.TextField(blank=True)
    action = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "commentary"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_commentary_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}"


class ComparatorValue(models.Model):
    """One area's published (or supplied) comparator figure for an indicator and period.

    ``period`` is the month of the figure's reference date: ``2025-03`` for DfE's year to 31 March
    2025 or a count at that date, ``2024-09`` for the workforce census as at 30 September 2024.
    ``published`` is when the figure became public (DfE's release date, or the documented
    default where the source gives none, ``published_known`` false): a pack for a meeting uses
    only figures published by the meeting. ``area`` is a council's DfE number, a region's or
    England's ONS code. A figure withheld by its publisher keeps the publisher's marker and no
    value; ``own`` marks a figure the board calculated from published counts.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparators")
    council = models.CharField(max_length=20)
    council_name = models.CharField(max_length=200, blank=True)
    level = models.CharField(max_length=10, default="council")
    region = models.CharField(max_length=20, blank=True)
    period = models.CharField(max_length=7)
    published = models.DateField(null=True, blank=True)
    published_known = models.BooleanField(default=False)
    value = models.FloatField(null=True, blank=True)
    marker = models.CharField(max_length=40, blank=True)
    decimals = models.PositiveSmallIntegerField(default=1)
    own = models.BooleanField(default=False)
    count = models.FloatField(null=True, blank=True)
    measure = models.CharField(max_length=60, blank=True)
    source = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period", "council"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "council", "period"], name="one_comparator_figure_a_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.council} {self.period}: {self.value}"
