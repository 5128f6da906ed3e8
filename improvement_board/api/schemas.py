"""What the API answers and accepts, as typed models: the OpenAPI schema is made from these."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, Field, StrictFloat, StrictInt, StrictStr
from pydantic_core import PydanticCustomError


def _cell(value: Any) -> Any:
    """One clear refusal for anything a return's cell cannot hold (true, a list, an object)."""
    if value is None or (isinstance(value, int | float | str) and not isinstance(value, bool)):
        return value
    raise PydanticCustomError(
        "cell", "expected a number, text as a return's cell holds it (89.5%, 19/20, u) or null"
    )


Cell = Annotated[StrictInt | StrictFloat | StrictStr | None, BeforeValidator(_cell)]


class Message(Schema):
    detail: str = Field(description="What went wrong, in words a person can act on.")


class ProblemOut(Schema):
    file: str = Field(description="The file, or for JSON rows the return's source name.")
    row: int | None = Field(
        description="The row, as in Excel (row 1 is the header of a return sent as JSON rows, "
        "so rows[0] is row 2)."
    )
    column: str | None = Field(description="The column: Excel's letter and its header, or a field.")
    message: str
    item: int | None = Field(
        None, description="For JSON rows: the index in ``rows`` (from 0) of the row at fault."
    )


class ProblemsOut(Schema):
    detail: str
    problems: list[ProblemOut]


class ProgrammeOut(Schema):
    key: str
    name: str
    council: str
    council_code: str
    role: str = Field(description="The role this token carries in the programme.")
    baseline_date: dt.date
    target_date: dt.date
    first_period: str
    last_period: str
    synthetic: bool


class IndicatorOut(Schema):
    key: str
    code: str
    title: str
    unit: str
    polarity: str
    decimals: int
    owner: str
    frequency: str
    reference: str
    reference_month: int | None
    baseline: dict[str, Any]
    target: dict[str, Any] | None
    tolerance: dict[str, Any] | None
    milestones: list[dict[str, Any]]
    recommendations: list[str]
    definition: str
    source: str
    measure: str


class MarkerOut(Schema):
    symbol: str = Field(description="DfE's symbol: c, x, z, u, k, low, :, .. or range.")
    meaning: str
    stored: str = Field(description="As the store keeps it: the symbol, or range:<as written>.")


class VersionOut(Schema):
    revision: int
    value: float | None
    numerator: float | None
    denominator: float | None
    marker: MarkerOut | None
    status: str
    note: str
    source: str
    when: dt.datetime
    who: str
    why: str


class FigureOut(Schema):
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    marker: MarkerOut | None
    status: str = Field(description="provisional or validated.")
    note: str
    source: str
    revision: int
    recorded_at: dt.datetime
    recorded_by: str
    versions: list[VersionOut] = Field(description="Every version, newest first.")


class StatusWords(Schema):
    latest: str
    counts: str
    planned: str
    status: str
    direction: str
    forecast: str
    spc: str
    benchmark: str


class StatusOut(Schema):
    key: str
    code: str
    title: str
    period: str = Field(description="The period judged (the indicator's latest due by the month).")
    period_label: str
    value: float | None
    numerator: float | None
    denominator: float | None
    marker: MarkerOut | None
    planned: float | None
    target: float | None
    status: str = Field(description="red, amber, green, no data or not applicable.")
    reason: str
    shortfall: float | None
    direction: str
    direction_year_ago: str
    forecast: str
    spc_variation: str
    spc_assurance: str
    words: StatusWords = Field(description="The pack's words for each, as the board reads them.")


class StatusesOut(Schema):
    programme: str
    month: str = Field(description="The month judged.")
    meeting: str = Field(description="The meeting whose pack judges it so (the month after).")
    as_at: dt.date
    synthetic: bool
    indicators: list[StatusOut]


class ExceptionOut(Schema):
    kind: str = Field(description="indicator, milestone, report or risk.")
    key: str
    title: str
    reasons: list[str]
    owner: str | None
    escalated: str


class ExceptionsOut(Schema):
    programme: str
    month: str
    meeting: str
    as_at: dt.date
    items: list[ExceptionOut]


class EvidenceOut(Schema):
    note: str
    link: str
    added_at: dt.datetime
    added_by: str


class MilestoneOut(Schema):
    key: str
    title: str
    due: dt.date
    completed_on: dt.date | None
    indicator: str
    threshold: float | None
    evidence: list[EvidenceOut]


class ActionOut(Schema):
    key: str
    title: str
    owner: str
    due: dt.date | None
    recommendations: list[str]
    status: str = Field(description="not_started, in_progress, done or deferred, as at ``on``.")
    status_word: str
    status_basis: str = Field(description="From the milestones, or set by hand and why.")
    evidence: list[EvidenceOut]
    milestones: list[MilestoneOut]


class ReviewOut(Schema):
    reviewed_on: dt.date
    likelihood: int
    impact: int
    next_review: dt.date | None
    note: str
    reviewer: str


class RiskOut(Schema):
    key: str
    title: str
    cause: str
    effect: str
    owner: str
    likelihood: int
    impact: int
    inherent_score: int
    residual_likelihood: int | None
    residual_impact: int | None
    score: int = Field(description="The risk now: residual once reviewed, else inherent.")
    mitigation: str
    proximity: str
    review_date: dt.date | None
    closed: bool
    recommendations: list[str]
    reviews: list[ReviewOut]


class ReportOut(Schema):
    key: str
    title: str
    owner: str
    status: str
    received_on: dt.date | None
    standing: bool
    recommendations: list[str]


class IssuedOut(Schema):
    version: int
    kind: str
    sha256: str
    issued_at: dt.datetime
    issued_by: str


class MeetingOut(Schema):
    period: str
    date: dt.date | None
    notes: str
    reports: list[ReportOut]
    issued: list[IssuedOut]


class ReturnRowIn(Schema):
    indicator: StrictStr = Field(description="The indicator's key, code or title.")
    period: StrictStr = Field(description="The month, such as 2006-10.")
    value: Cell = Field(
        None, description="A number, or as a return's cell has it: 89.5%, 19/20, a DfE marker."
    )
    numerator: Cell = None
    denominator: Cell = None
    note: StrictStr | None = Field(None, description="Why a figure is restated, or any note.")


class ReturnIn(Schema):
    rows: list[ReturnRowIn]
    reason: str = Field("", description="Why figures are restated, for the whole return.")
    dry_run: bool = Field(False, description="Check and say what would change; store nothing.")
    source: str = Field(
        "", max_length=120, description="A name for the return, kept as each figure's source."
    )


class LoadOut(Schema):
    source: str
    dry_run: bool
    stored: bool
    new: list[str]
    restated: list[str]
    noted: list[str]
    unchanged: int
