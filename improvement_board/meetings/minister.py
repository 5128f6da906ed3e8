"""Writing the three-monthly report to the Minister from the store.

The report for a quarter is gathered exactly as the pack for the month after the quarter is
(``pack_inputs`` for that month), so the report and that pack read the same figures, plan,
schedule and risks. Its free text (commentary, evidence notes, report notes, risk mitigations) is
gathered again with whether a person reviewed it for publication. Internal and published versions
are written to different files, each with its protective marking, so one is never mistaken for
the other.

A quarter's report goes out as a pack does (``meetings.services``): an officer prepares it
(``minister_report_prepare``), an approver who did not prepare it approves it
(``minister_report_approve``), and an approver issues it (``minister_report_issue``), which
writes both variants, as HTML and PDF, once under ``reports/<programme>/issued/`` as the next
version, never replaced, each file's SHA-256 recorded with who issued it and the approval it went
out under. The approval covers both variants: one SHA-256 over the two HTML files, so an edit
that changes either sends the report back to be prepared and approved again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from improvement_board.accounts.models import Role
from improvement_board.accounts.roles import Refused, require_role
from improvement_board.core.disclosure import FreeText
from improvement_board.core.packs.minister import MinisterReport, build_minister_report
from improvement_board.core.packs.minister_texts import Commentary, MinisterTexts
from improvement_board.core.packs.render import render_pdf
from improvement_board.core.packs.render_minister import render_minister_html
from improvement_board.core.periods import Period
from improvement_board.meetings.marking import marking_for
from improvement_board.meetings.models import IssuedMinisterReport, MinisterSignOff, ReportItem
from improvement_board.meetings.selectors import Kept, pack_inputs
from improvement_board.meetings.services import WrittenPack, write_atomic, write_once
from improvement_board.plans.models import Evidence, Risk
from improvement_board.programmes.models import Commentary as CommentaryRow
from improvement_board.programmes.models import Programme


def minister_report_write(
    *,
    programme: Programme,
    quarter_end: str,
    folder: Path | None = None,
    pdf: bool = False,
    publish: bool = False,
) -> WrittenPack:
    """Build the report for the quarter ending ``quarter_end`` and write it as HTML (and PDF)."""
    end = Period.parse(quarter_end)
    html = minister_report_html(programme=programme, quarter_end=str(end), publish=publish)
    folder = folder or Path(settings.BOARD_HOME) / "reports" / programme.key
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"minister-report-{end}-{variant_of(publish=publish)}"
    html_path = write_atomic(folder / f"{stem}.html", html.encode("utf-8"))
    pdf_path = write_atomic(folder / f"{stem}.pdf", render_pdf(html)) if pdf else None
    return WrittenPack(html_path, pdf_path)


def _reviewed(row: Any) -> bool:
    """Whether a person marked the row reviewed for publication (not reviewed where the store
    keeps no such mark)."""
    return bool(getattr(row, "reviewed_for_publication", False))


def minister_texts(*, programme: Programme, reporting: Period) -> MinisterTexts:
    """Every free text the report may carry, each with whether it was reviewed for publication."""
    commentary = CommentaryRow.objects.filter(
        indicator__programme=programme, period=str(reporting)
    ).select_related("indicator")
    evidence: dict[str, list[FreeText]] = {}
    rows = Evidence.objects.filter(milestone__action__programme=programme).select_related(
        "milestone__action"
    )
    for row in rows.order_by("pk"):
        if row.milestone is None:
            continue
        key = f"{row.milestone.action.key}/{row.milestone.key}"
        evidence.setdefault(key, []).append(FreeText(row.note, _reviewed(row)))
    notes: dict[str, dict[str, FreeText]] = {}
    items = ReportItem.objects.filter(meeting__programme=programme).select_related("meeting")
    for item in items:
        notes.setdefault(item.meeting.period, {})[item.key] = FreeText(item.notes, _reviewed(item))
    return MinisterTexts(
        commentary={
            c.indicator.key: Commentary(c.analysis, c.action, _reviewed(c)) for c in commentary
        },
        evidence={key: tuple(found) for key, found in evidence.items()},
        report_notes=notes,
        mitigations={
            r.key: FreeText(r.mitigation, _reviewed(r))
            for r in Risk.objects.filter(programme=programme)
        },
    )


INTERNAL = IssuedMinisterReport.Variant.INTERNAL
PUBLICATION = IssuedMinisterReport.Variant.PUBLICATION
VARIANTS: tuple[tuple[str, bool], ...] = ((INTERNAL.value, False), (PUBLICATION.value, True))
"""Each variant's name (as in file names) and whether it is marked for publication."""


def variant_of(*, publish: bool) -> str:
    return PUBLICATION.value if publish else INTERNAL.value


def minister_report_build(
    *, programme: Programme, quarter_end: str, publish: bool
) -> MinisterReport:
    """The report for the quarter ending ``quarter_end``, from the next month's pack inputs."""
    end = minister_quarter(programme=programme, quarter_end=quarter_end)
    meeting_period = end.shift(1)
    meeting = programme.meetings.filter(period=str(meeting_period)).first()
    inputs = pack_inputs(programme=programme, period=meeting_period, meeting=meeting, charts=True)
    texts = minister_texts(programme=programme, reporting=end)
    return build_minister_report(inputs, end, publish=publish, texts=texts)


def minister_report_html(*, programme: Programme, quarter_end: str, publish: bool) -> str:
    """The report as it stands now, as the HTML that would be issued, with its marking."""
    report = minister_report_build(programme=programme, quarter_end=quarter_end, publish=publish)
    return render_minister_html(report, marking=marking_for(publish=publish))


def minister_quarter(*, programme: Programme, quarter_end: str) -> Period:
    """The quarter's last month, checked: the last month of a quarter (June, September, December,
    March). A month that ends no quarter is a ValueError that says so."""
    end = Period.parse(quarter_end)
    if end.month % 3:
        raise ValueError(
            f"{end} is not the last month of a quarter (June, September, December, March)"
        )
    return end


def minister_quarters(*, programme: Programme) -> list[Period]:
    """The last month of each quarter the programme runs through, first to last."""
    first, last = Period.parse(programme.first_period), Period.parse(programme.last_period)
    month, found = first, []
    while month <= last:
        if month.month % 3 == 0:
            found.append(month)
        month = month.shift(1)
    return found


def minister_quarter_known(*, programme: Programme, quarter_end: str) -> Period:
    """A quarter of the programme's, or a LookupError naming the ones it has (a page's 404)."""
    try:
        end = Period.parse(quarter_end)
    except ValueError as error:
        raise LookupError(str(error)) from None
    quarters = minister_quarters(programme=programme)
    if end not in quarters:
        known = ", ".join(str(q) for q in quarters) or "none"
        raise LookupError(f"the programme has no quarter ending {end} (its quarters end {known})")
    return end


def minister_content_sha256(
    *, programme: Programme, quarter_end: str
) -> tuple[str, dict[str, str]]:
    """One SHA-256 over both variants' HTML as they stand now, and the HTML of each."""
    htmls = {
        name: minister_report_html(programme=programme, quarter_end=quarter_end, publish=publish)
        for name, publish in VARIANTS
    }
    digest = hashlib.sha256()
    for name, _ in VARIANTS:
        part = htmls[name].encode("utf-8")
        digest.update(f"{name}:{len(part)}:".encode())
        digest.update(part)
    return digest.hexdigest(), htmls


def minister_sign_off_current(*, programme: Programme, quarter_end: str) -> MinisterSignOff | None:
    """The quarter's latest preparation of its report, while it has not yet been issued."""
    latest = (
        MinisterSignOff.objects.filter(programme=programme, quarter_end=str(quarter_end))
        .select_related("prepared_by", "approved_by")
        .prefetch_related("issues")
        .first()
    )
    if latest is None or latest.issues.all():
        return None
    return latest


def minister_issued(*, programme: Programme, quarter_end: str) -> list[IssuedMinisterReport]:
    """The quarter's issued files, newest version first."""
    return list(
        IssuedMinisterReport.objects.filter(
            programme=programme, quarter_end=str(quarter_end)
        ).select_related("issued_by", "sign_off__prepared_by", "sign_off__approved_by")
    )


def minister_issued_read(*, report: IssuedMinisterReport) -> tuple[Kept, bytes | None]:
    """An issued file's bytes, read once, with whether they are the ones issued; the bytes only
    when they are."""
    try:
        data = report.file.read_bytes()
    except OSError:
        return "missing", None
    if hashlib.sha256(data).hexdigest() != report.sha256:
        return "changed", None
    return "unchanged", data


@dataclass(frozen=True)
class QuarterState:
    """Where a quarter's report stands: its latest preparation, if not yet issued, and the
    latest version issued."""

    quarter_end: Period
    sign_off: MinisterSignOff | None
    issued_version: int | None
    issued_at: datetime | None

    @property
    def state(self) -> str:
        if self.sign_off is not None and self.sign_off.approved_by_id is not None:
            return "Approved, not yet issued"
        if self.sign_off is not None:
            return "Prepared, waiting for approval"
        if self.issued_version is not None:
            return f"Version {self.issued_version} issued"
        return "Draft"


def minister_quarter_states(*, programme: Programme) -> list[QuarterState]:
    """Each of the programme's quarters with where its report stands."""
    latest: dict[str, dict[str, Any]] = {
        row["quarter_end"]: dict(row)
        for row in IssuedMinisterReport.objects.filter(programme=programme)
        .values("quarter_end")
        .annotate(version=Max("version"), at=Max("issued_at"))
    }
    states = []
    for quarter in minister_quarters(programme=programme):
        issued = latest.get(str(quarter), {})
        states.append(
            QuarterState(
                quarter,
                minister_sign_off_current(programme=programme, quarter_end=str(quarter)),
                issued.get("version"),
                issued.get("at"),
            )
        )
    return states


def minister_report_prepare(
    *, programme: Programme, quarter_end: str, user: Any
) -> MinisterSignOff:
    """Put the quarter's report, both variants as they stand now, forward for approval; a later
    preparation takes the place of an earlier one (and of its approval)."""
    require_role(user, Role.OFFICER, "prepare a Minister's report for approval", programme)
    end = str(minister_quarter(programme=programme, quarter_end=quarter_end))
    digest, _ = minister_content_sha256(programme=programme, quarter_end=end)
    with transaction.atomic():
        Programme.objects.select_for_update().get(pk=programme.pk)
        return MinisterSignOff.objects.create(
            programme=programme, quarter_end=end, content_sha256=digest, prepared_by=user
        )


def minister_report_approve(
    *, programme: Programme, quarter_end: str, user: Any
) -> MinisterSignOff:
    """Approve the prepared report: by an approver who did not prepare it, and only while both
    variants are as they were prepared."""
    require_role(user, Role.APPROVER, "approve a Minister's report", programme)
    end = str(minister_quarter(programme=programme, quarter_end=quarter_end))
    sign_off = _prepared(programme, end)
    if sign_off.approved_by_id is not None:
        raise Refused(
            f"{_who_when(sign_off.approved_by, sign_off.approved_at)} already approved it"
        )
    if sign_off.prepared_by_id == user.pk:
        raise Refused(
            f"{user.get_username()} prepared this report, so someone else must approve it "
            "(a second pair of eyes)"
        )
    digest, _ = minister_content_sha256(programme=programme, quarter_end=end)
    if digest != sign_off.content_sha256:
        raise Refused(
            f"the report has changed since {_who_when(sign_off.prepared_by, sign_off.prepared_at)} "
            "prepared it: it must be prepared again before it is approved"
        )
    with transaction.atomic():
        Programme.objects.select_for_update().get(pk=programme.pk)
        if minister_sign_off_current(programme=programme, quarter_end=end) != sign_off:
            raise Refused("the report was prepared again meanwhile: approve the new preparation")
        updated = MinisterSignOff.objects.filter(pk=sign_off.pk, approved_by__isnull=True).update(
            approved_by=user, approved_at=timezone.now()
        )
        if not updated:
            raise Refused("someone else approved it meanwhile")
    sign_off.refresh_from_db()
    return sign_off


def minister_report_issue(
    *, programme: Programme, quarter_end: str, user: Any, pdf: bool = True
) -> list[IssuedMinisterReport]:
    """Issue the quarter's approved report: both variants, as HTML (and PDF), the next version,
    each file written once and never replaced.

    Refused unless an approver issues it, a second person approved it, and both variants still
    give the SHA-256 approved. The files are made first, outside any transaction; a version whose
    file name is taken (an issue that failed after writing) is passed over; a file that cannot be
    written leaves no record.
    """
    require_role(user, Role.APPROVER, "issue a Minister's report", programme)
    end = str(minister_quarter(programme=programme, quarter_end=quarter_end))
    sign_off = _prepared(programme, end)
    if sign_off.approved_by_id is None:
        raise Refused(
            f"the report {_who_when(sign_off.prepared_by, sign_off.prepared_at)} prepared has not "
            "been approved: an approver who did not prepare it must approve it first"
        )
    digest, htmls = minister_content_sha256(programme=programme, quarter_end=end)
    if digest != sign_off.content_sha256:
        raise Refused(
            f"the report has changed since {_who_when(sign_off.approved_by, sign_off.approved_at)} "
            "approved it: it must be prepared and approved again before it is issued"
        )
    contents: dict[tuple[str, str], bytes] = {}
    for name, _ in VARIANTS:
        contents[(name, "html")] = htmls[name].encode("utf-8")
        if pdf:
            contents[(name, "pdf")] = render_pdf(htmls[name])
    return _record_issue(programme, end, sign_off, contents, user)


@transaction.atomic
def _record_issue(
    programme: Programme,
    quarter_end: str,
    sign_off: MinisterSignOff,
    contents: dict[tuple[str, str], bytes],
    user: Any,
) -> list[IssuedMinisterReport]:
    Programme.objects.select_for_update().get(pk=programme.pk)
    if minister_sign_off_current(programme=programme, quarter_end=quarter_end) != sign_off:
        raise Refused("the approved report was issued or prepared again meanwhile")
    earlier = IssuedMinisterReport.objects.filter(programme=programme, quarter_end=quarter_end)
    version = (earlier.aggregate(last=Max("version"))["last"] or 0) + 1
    home = Path(settings.BOARD_HOME)
    folder = home / "reports" / programme.key / "issued"
    folder.mkdir(parents=True, exist_ok=True)
    while any((folder / issued_name(quarter_end, version, *key)).exists() for key in contents):
        version += 1  # files left by an issue that never committed: never reused
    issued: list[IssuedMinisterReport] = []
    written: list[Path] = []
    try:
        for (variant, kind), data in contents.items():
            path = write_once(folder / issued_name(quarter_end, version, variant, kind), data)
            written.append(path)
            issued.append(
                IssuedMinisterReport.objects.create(
                    programme=programme,
                    quarter_end=quarter_end,
                    version=version,
                    variant=variant,
                    kind=kind,
                    path=str(path.relative_to(home)),
                    sha256=hashlib.sha256(data).hexdigest(),
                    sign_off=sign_off,
                    issued_by=user,
                )
            )
    except BaseException:
        for path in written:  # not recorded: the transaction is rolled back
            path.unlink(missing_ok=True)
        raise
    return issued


def issued_name(quarter_end: str, version: int, variant: str, kind: str) -> str:
    return f"minister-report-{quarter_end}-v{version}-{variant}.{kind}"


def _prepared(programme: Programme, quarter_end: str) -> MinisterSignOff:
    sign_off = minister_sign_off_current(programme=programme, quarter_end=quarter_end)
    if sign_off is None:
        raise Refused(
            f"the report for the quarter ending {Period.parse(quarter_end).label} has not been "
            "prepared for approval since it was last issued: an officer prepares it first"
        )
    return sign_off


def _who_when(user: Any, at: datetime | None) -> str:
    name = user.get_username() if user is not None else "someone"
    return f"{name} ({timezone.localtime(at):%d %b %Y %H:%M})" if at else name


@dataclass(frozen=True)
class EvidenceNote:
    """A note of evidence recorded against a linked action or milestone, with whether a person
    reviewed its words for publication (and who, when)."""

    where: str
    note: str
    reviewed: bool
    reviewed_by: str
    reviewed_at: datetime | None


@dataclass(frozen=True)
class ReportSeen:
    meeting: str
    title: str
    status: str
    status_label: str


@dataclass(frozen=True)
class EvidenceItemState:
    number: int
    area: str
    title: str
    due: str
    reports: tuple[ReportSeen, ...]
    notes: tuple[EvidenceNote, ...]
    actions: tuple[str, ...]


@dataclass(frozen=True)
class LinkedIndicator:
    key: str
    title: str
    latest_label: str
    latest: str
    rag_word: str
    rag_class: str


@dataclass(frozen=True)
class CriterionState:
    """A success criterion as the board reads it: what the SMART check finds it lacks, its
    evidence items with their reports and reviewed notes, and the indicators its actions'
    milestones are measured by, each with its latest status."""

    number: int
    title: str
    smart: tuple[str, ...]
    items: tuple[EvidenceItemState, ...]
    indicators: tuple[LinkedIndicator, ...]


@dataclass(frozen=True)
class CriteriaRead:
    criteria: list[CriterionState]
    synthetic: bool
    """Whether the statuses shown rest on synthetic figures, as the pack says."""


def success_criteria_read(*, programme: Programme, month: Period) -> CriteriaRead:
    """Every success criterion with its SMART check, evidence and linked indicators, the
    indicators judged at ``month`` as the next month's pack judges them."""
    from django.db.models import Prefetch

    from improvement_board.core.packs.build import build_pack
    from improvement_board.core.smart import check_plan
    from improvement_board.plans.models import Action, Evidence
    from improvement_board.programmes.selectors import programme_model

    findings = [
        f for f in check_plan(programme_model(programme=programme)) if f.kind == "success criterion"
    ]
    meeting = programme.meetings.filter(period=str(month.shift(1))).first()
    inputs = pack_inputs(programme=programme, period=month.shift(1), meeting=meeting, charts=False)
    pack = build_pack(inputs)
    panels = {panel.key: panel for panel in pack.indicators}
    reviewed = Evidence.objects.select_related("publication_reviewed_by")
    actions = list(
        Action.objects.filter(programme=programme).prefetch_related(
            "milestones",
            Prefetch("milestones__evidence", queryset=reviewed),
            Prefetch("evidence", queryset=reviewed),
        )
    )
    evidence_items = list(programme.evidence.all())
    reports = ReportItem.objects.filter(
        meeting__programme=programme, evidence_item__isnull=False
    ).select_related("meeting")
    seen: dict[int, list[ReportSeen]] = {}
    for report in reports.order_by("meeting__period", "position"):
        seen.setdefault(report.evidence_item or 0, []).append(
            ReportSeen(
                report.meeting.period, report.title, report.status, report.get_status_display()
            )
        )
    states = []
    for criterion in programme.criteria.all():
        numbers = [int(n) for n in criterion.evidence_items]
        items = []
        indicator_keys: list[str] = []
        for item in [e for e in evidence_items if e.number in numbers]:
            linked = [a for a in actions if item.number in a.evidence_items]
            notes = [_note(a.title, e) for a in linked for e in a.evidence.all()]
            notes += [
                _note(f"{a.title}: {m.title}", e)
                for a in linked
                for m in a.milestones.all()
                for e in m.evidence.all()
            ]
            for a in linked:
                for m in a.milestones.all():
                    if m.indicator_key and m.indicator_key not in indicator_keys:
                        indicator_keys.append(m.indicator_key)
            due = (
                "Each meeting"
                if item.every_meeting
                else (Period.parse(item.due).label if item.due else "No month given")
            )
            items.append(
                EvidenceItemState(
                    item.number,
                    item.area,
                    item.title,
                    due,
                    tuple(seen.get(item.number, [])),
                    tuple(notes),
                    tuple(a.title for a in linked),
                )
            )
        indicators = tuple(
            LinkedIndicator(
                key,
                panels[key].title,
                panels[key].latest_label,
                panels[key].latest,
                panels[key].rag_word,
                panels[key].rag_class,
            )
            for key in indicator_keys
            if key in panels
        )
        states.append(
            CriterionState(
                criterion.number,
                criterion.title,
                tuple(f.missing for f in findings if f.key == str(criterion.number)),
                tuple(items),
                indicators,
            )
        )
    return CriteriaRead(states, pack.synthetic)


def _note(where: str, row: Evidence) -> EvidenceNote:
    by = row.publication_reviewed_by
    reviewed = row.reviewed_for_publication
    return EvidenceNote(
        where,
        row.note,
        reviewed,
        by.get_username() if reviewed and by is not None else "",
        row.publication_reviewed_at if reviewed else None,
    )
