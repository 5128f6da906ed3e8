"""Reads from the programme store, as the core's own types so judgement stays in the core."""

from __future__ import annotations

from typing import Any

from improvement_board.core import programme as core
from improvement_board.core.judge import Observation
from improvement_board.core.markers import stored_marker
from improvement_board.core.periods import Cadence, Period
from improvement_board.meetings.models import Meeting
from improvement_board.programmes.models import Indicator, Measurement, Programme


def programme_get(*, key: str | None = None) -> Programme:
    """The programme named, or the only one; a clear error when that is ambiguous."""
    if key:
        found = Programme.objects.filter(key=key).first()
        if found is None:
            raise LookupError(f"no programme {key!r} is loaded (board programme load FILE)")
        return found
    programmes = list(Programme.objects.order_by("key")[:2])
    if not programmes:
        raise LookupError("no programme is loaded yet: run `board programme load FILE`")
    if len(programmes) > 1:
        raise LookupError("several programmes are loaded: name one with --programme KEY")
    return programmes[0]


def programme_model(*, programme: Programme) -> core.Programme:
    """The programme as it stands in the store, rebuilt and validated as the core model."""
    info = {
        name: getattr(programme, name)
        for name in core.ProgrammeInfo.model_fields
        if name not in {"key"}
    }
    info["key"] = programme.key
    info["population"] = {int(k): v for k, v in programme.population.items()}
    data: dict[str, Any] = {
        "programme": _clean(info),
        "reporting": programme.reporting,
        "recommendations": [
            {"number": r.number, "title": r.title} for r in programme.recs.order_by("id")
        ],
        "indicators": [_indicator(i) for i in programme.indicators.all()],
        "actions": [_action(a) for a in programme.actions.prefetch_related("milestones")],
        "evidence_items": [_fields(e, core.EvidenceItem) for e in programme.evidence.all()],
        "success_criteria": [_fields(c, core.SuccessCriterion) for c in programme.criteria.all()],
        "meetings": [_meeting(m) for m in programme.meetings.prefetch_related("reports")],
        "standing_reports": programme.standing_reports,
        "risks": [_fields(r, core.Risk) for r in programme.risks.all()],
    }
    return core.Programme.model_validate(data)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Empty text back to absent, as the file would have it."""
    return {k: (None if v == "" else v) for k, v in values.items()}


def _fields(row: Any, model: Any, **extra: Any) -> dict[str, Any]:
    names = [n for n in model.model_fields if n not in extra]
    return _clean({**{n: getattr(row, n) for n in names}, **extra})


def _indicator(row: Indicator) -> dict[str, Any]:
    return _fields(row, core.Indicator)


def _action(row: Any) -> dict[str, Any]:
    milestones = [
        _fields(m, core.ActionMilestone, indicator=m.indicator_key or None)
        for m in row.milestones.all()
    ]
    return _fields(row, core.Action, milestones=milestones)


def _meeting(row: Meeting) -> dict[str, Any]:
    reports = [_fields(r, core.ReportDue, starts=None) for r in row.reports.all() if not r.standing]
    return _fields(row, core.Meeting, reports=reports)


def measurements_for(*, programme: Programme) -> dict[str, list[Measurement]]:
    """Every current measurement, by indicator key, in period order."""
    series: dict[str, list[Measurement]] = {i.key: [] for i in programme.indicators.all()}
    rows = Measurement.objects.filter(indicator__programme=programme).select_related("indicator")
    for row in rows.order_by("period"):
        series[row.indicator.key].append(row)
    return series


def programme_indicator_cadence(indicator: Indicator) -> Cadence:
    """What the indicator's figures refer to (its frequency and reference date)."""
    return Cadence(
        indicator.frequency,  # type: ignore[arg-type]
        indicator.reference_month or 3,
        indicator.reference,  # type: ignore[arg-type]
    )


def observations_for(*, programme: Programme) -> dict[str, list[Observation]]:
    """Every current figure as the core reads it, by indicator key: values, counts, any DfE
    marker and the note the return gave with it."""
    return {
        key: [
            Observation(
                Period.parse(m.period),
                m.value,
                m.numerator,
                m.denominator,
                stored_marker(m.marker),
                m.note,
                m.status != "validated",
            )
            for m in rows
        ]
        for key, rows in measurements_for(programme=programme).items()
    }


def measurement_versions(*, indicator: Indicator, period: str) -> list[Any]:
    """Every version of one figure, newest first, with who, when and why."""
    current = Measurement.objects.filter(indicator=indicator, period=period).first()
    if current is None:
        return []
    versions = current.history.select_related("history_user")
    return list(versions.order_by("-revision", "-history_date"))


def measurement_histories(*, indicator: Indicator) -> dict[str, list[Any]]:
    """Every version of each of the indicator's current figures, by period (latest period
    first), newest version first, with who, when and why: two queries however many months and
    versions there are."""
    periods = dict(
        Measurement.objects.filter(indicator=indicator)
        .order_by("-period")
        .values_list("pk", "period")
    )
    found: dict[str, list[Any]] = {period: [] for period in periods.values()}
    versions = Measurement.history.filter(id__in=list(periods)).select_related("history_user")
    for version in versions.order_by("-revision", "-history_date", "-history_id"):
        found[periods[version.id]].append(version)
    return found


def indicator_find(*, programme: Programme, text: str) -> Indicator:
    """An indicator by key or code, the code matched ignoring case, spaces and slashes."""

    def norm(value: str) -> str:
        return "".join(ch for ch in value.lower() if ch.isalnum())

    for indicator in programme.indicators.all():
        if text == indicator.key or (indicator.code and norm(text) == norm(indicator.code)):
            return indicator
    raise LookupError(f"no indicator {text!r} in programme {programme.key}")


def programme_file_model(*, programme: Programme, user: Any) -> core.Programme:
    """The programme as stored (with every edit made in the app), for writing back as a
    programme file: the core model, checked by the file's own rules across sections, so that
    what is written loads again. ``user`` must be able to read the programme; a store that the
    file's rules would refuse raises ProblemsFound naming each place."""
    from pydantic import ValidationError

    from improvement_board.accounts.roles import require_role
    from improvement_board.core.problems import Problem, ProblemsFound

    require_role(user, "reader", "export the programme file", programme)
    where = f"programme {programme.key} as stored"
    try:
        model = programme_model(programme=programme)
    except ValidationError as error:
        raise ProblemsFound(
            [Problem(where, None, ".".join(map(str, d["loc"])), d["msg"]) for d in error.errors()]
        ) from None
    found = core.cross_check(model)
    if found:
        raise ProblemsFound(
            [Problem(where, None, ".".join(map(str, path)), text) for path, text in found]
        )
    return model
