"""The risk log as tables: each risk with its score before mitigation and now, its reviews, and
the exceptions escalated beyond the board.

The score now is the latest review's (residual, after mitigation) once a review has assessed it,
else the plan's (inherent), and is what the board's appetite is measured against, as on the risk
page. Marked for publication, the risk log's own words (cause, effect, mitigation, notes) are
printed only once reviewed for publication; reviews and escalations are the board's working
record (who decided what, and when) and are not published.
"""

from __future__ import annotations

from datetime import date

from improvement_board.core.disclosure import FreeText, published_text
from improvement_board.core.exports.model import Column, Sheet, Value
from improvement_board.exports.selectors import reviewed, username
from improvement_board.plans.models import RiskReview
from improvement_board.programmes.models import Programme


def _text(row: object, text: str, publish: bool) -> str:
    return published_text(FreeText(text, reviewed(row)), publish=publish)


def risks_sheet(*, programme: Programme, today: date, publish: bool) -> Sheet:
    columns = (
        Column("Key"),
        Column("Risk"),
        Column("Owner"),
        Column("Cause"),
        Column("Effect"),
        Column("Inherent likelihood", "integer"),
        Column("Inherent impact", "integer"),
        Column("Inherent score", "integer"),
        Column("Residual likelihood", "integer"),
        Column("Residual impact", "integer"),
        Column("Residual score", "integer"),
        Column("Score now", "integer"),
        Column("Above appetite", "flag"),
        Column("Mitigation"),
        Column("Proximity"),
        Column("Reviews", "integer"),
        Column("Last reviewed", "date"),
        Column("Next review", "date"),
        Column("Review overdue", "flag"),
        Column("Closed", "flag"),
        Column("Notes"),
    )
    appetite = programme.risk_appetite
    rows: list[tuple[Value, ...]] = []
    for r in programme.risks.order_by("closed", "position").prefetch_related("reviews"):
        reviews = list(r.reviews.all())
        residual = None
        if r.residual_likelihood is not None and r.residual_impact is not None:
            residual = r.residual_likelihood * r.residual_impact
        rows.append(
            (
                r.key,
                r.title,
                r.owner,
                _text(r, r.cause, publish),
                _text(r, r.effect, publish),
                r.likelihood,
                r.impact,
                r.inherent_score,
                r.residual_likelihood,
                r.residual_impact,
                residual,
                r.score,
                r.score > appetite,
                _text(r, r.mitigation, publish),
                r.proximity,
                len(reviews),
                max((v.reviewed_on for v in reviews), default=None),
                r.review_date,
                not r.closed and r.review_date is not None and r.review_date < today,
                r.closed,
                _text(r, r.notes, publish),
            )
        )
    note = f"Score is likelihood × impact, each 1 to 5; the board's appetite is {appetite}."
    return Sheet("Risks", f"risk log, as at {today:%d %B %Y}", columns, tuple(rows), note)


def reviews_sheet(*, programme: Programme) -> Sheet:
    columns = (
        Column("Risk key"),
        Column("Risk"),
        Column("Reviewed", "date"),
        Column("Likelihood", "integer"),
        Column("Impact", "integer"),
        Column("Score", "integer"),
        Column("Decided"),
        Column("Next review", "date"),
        Column("By"),
    )
    found = RiskReview.objects.filter(risk__programme=programme).select_related("risk", "reviewer")
    rows = tuple(
        (
            v.risk.key,
            v.risk.title,
            v.reviewed_on,
            v.likelihood,
            v.impact,
            v.likelihood * v.impact,
            v.note,
            v.next_review,
            username(v.reviewer),
        )
        for v in found.order_by("risk__position", "-reviewed_on", "-id")
    )
    return Sheet("Reviews", "reviews of the risk log, newest first", columns, rows)


def escalations_sheet(*, programme: Programme) -> Sheet:
    columns = (
        Column("About"),
        Column("Key"),
        Column("Exception"),
        Column("Escalated", "date"),
        Column("To"),
        Column("Why"),
        Column("Outcome"),
        Column("Resolved", "date"),
        Column("Raised by"),
    )
    found = programme.escalations.select_related("raised_by").order_by("-escalated_on", "-id")
    rows = tuple(
        (
            e.get_kind_display(),
            e.key,
            e.title,
            e.escalated_on,
            e.escalated_to,
            e.reason,
            e.outcome,
            e.resolved_on,
            username(e.raised_by),
        )
        for e in found
    )
    return Sheet("Escalations", "exceptions escalated beyond the board", columns, rows)
