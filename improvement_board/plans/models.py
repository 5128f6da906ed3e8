"""The action plan, its milestones and evidence, the success criteria and the risk log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from improvement_board.programmes.models import Programme
from improvement_board.publication import PublicationReview


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DEFERRED = "deferred", "Deferred"


class Action(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="actions")
    key = models.SlugField(max_length=60)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=400)
    recommendations = models.JSONField(default=list)
    owner = models.CharField(max_length=200, blank=True)
    due = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    completed_on = models.DateField(null=True, blank=True)
    evidence_items = models.JSONField(default=list)
    notes = models.TextField(blank=True)
    status_override = models.BooleanField(default=False)
    """The status is a person's, with a reason, not the one its milestones give."""
    status_reason = models.TextField(blank=True)
    spec = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="unique_action")]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=400)
    due = models.DateField()
    indicator_key = models.CharField(max_length=60, blank=True)
    value = models.FloatField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    spec = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "key"]
        constraints = [models.UniqueConstraint(fields=["action", "key"], name="unique_milestone")]

    def __str__(self) -> str:
        return self.title


class Evidence(PublicationReview, models.Model):
    """What proves a milestone or action achieved: a note, a link or a document."""

    PUBLISHED_TEXT = ("note",)

    milestone = models.ForeignKey(
        Milestone, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    note = models.TextField()
    link = models.URLField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.note[:60]


class EvidenceItem(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="evidence")
    number = models.PositiveIntegerField()
    area = models.CharField(max_length=200)
    title = models.TextField()
    due = models.CharField(max_length=7, blank=True)
    every_meeting = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    spec = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_evidence_item")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class SuccessCriterion(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveIntegerField()
    title = models.TextField()
    evidence_items = models.JSONField(default=list)
    spec = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "success criteria"
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Risk(PublicationReview, models.Model):
    """A risk log entry. ``likelihood`` and ``impact`` are the inherent scores (before
    mitigation, as the plan assessed them); the residual scores are the latest review's, after
    mitigation, and are what the appetite is measured against."""

    PUBLISHED_TEXT = ("mitigation",)

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="risks")
    key = models.SlugField(max_length=60)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=400)
    cause = models.TextField(blank=True)
    effect = models.TextField(blank=True)
    owner = models.CharField(max_length=200, blank=True)
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    mitigation = models.TextField(blank=True)
    proximity = models.CharField(max_length=200, blank=True)
    review_date = models.DateField(null=True, blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True)
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True)
    recommendations = models.JSONField(default=list)
    closed = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    spec = models.JSONField(default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="unique_risk")]

    def __str__(self) -> str:
        return self.title

    @property
    def inherent_score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_assessed(self) -> bool:
        return self.residual_likelihood is not None and self.residual_impact is not None

    @property
    def score(self) -> int:
        """The risk now: its residual score once a review has assessed it, else inherent."""
        if self.residual_likelihood is not None and self.residual_impact is not None:
            return self.residual_likelihood * self.residual_impact
        return self.inherent_score


class RiskReview(models.Model):
    """A review of the risk log entry: the residual scores then (after mitigation), the remedial
    action decided, and when the risk is next to be reviewed."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    next_review = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["reviewed_on"]

    def __str__(self) -> str:
        return f"{self.risk} reviewed {self.reviewed_on}"


class EscalationKind(models.TextChoices):
    INDICATOR = "indicator", "Indicator"
    MILESTONE = "milestone", "Milestone"
    REPORT = "report", "Report"
    RISK = "risk", "Risk"


class Escalation(models.Model):
    """An exception escalated beyond the board (PRINCE2): to whom, when, why, and what came of
    it. It shows beside the exception until it is resolved."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(max_length=10, choices=EscalationKind.choices)
    key = models.CharField(max_length=130)
    title = models.TextField()
    escalated_on = models.DateField()
    escalated_to = models.CharField(max_length=200)
    reason = models.TextField()
    outcome = models.TextField(blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-escalated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} escalated to {self.escalated_to}"
