"""Monthly returns as councils keep them: CSV or Excel, long or wide, read into checked rows.

``read_return`` either gives every row of figures or raises ``ProblemsFound`` with every problem
in the file, each naming the row and column as the officer sees them in Excel. Nothing else
escapes, whatever the bytes. ``read_return_file`` also names what the file holds that is not
read, so that nothing is passed over without a word. The two layouts are described in
docs/monthly-returns.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from improvement_board.core.problems import ProblemsFound
from improvement_board.core.programme import Programme
from improvement_board.core.returns.checks import check_entry, tolerance
from improvement_board.core.returns.files import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_ENTRIES,
    read_grid,
    too_large,
)
from improvement_board.core.returns.header import HEADER_SEARCH_ROWS, Context, find_header, is_empty
from improvement_board.core.returns.long import read_long
from improvement_board.core.returns.model import Entry, Findings, Grid, ReturnRow, refuse
from improvement_board.core.returns.wide import read_wide

__all__ = [
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_UNZIPPED_BYTES",
    "MAX_ZIP_ENTRIES",
    "ReturnFile",
    "ReturnRow",
    "parse_return",
    "parse_return_file",
    "read_return",
    "read_return_file",
    "tolerance",
]


@dataclass(frozen=True, slots=True)
class ReturnFile:
    """Everything a return gave: its rows of figures, and what in it was not read (a title
    column, a workbook's other sheets), which the load's report names."""

    rows: list[ReturnRow]
    ignored: list[str] = field(default_factory=list)


def read_return(path: Path, programme: Programme, *, source: str | None = None) -> list[ReturnRow]:
    """Read a return from disk. ``source`` names it in problems (an upload's original name);
    by default the path as given."""
    return read_return_file(path, programme, source=source).rows


def parse_return(data: bytes, programme: Programme, *, source: str) -> list[ReturnRow]:
    """Read a return held in memory; ``source`` is its file name, whose extension is checked
    against the content."""
    return parse_return_file(data, programme, source=source).rows


def read_return_file(path: Path, programme: Programme, *, source: str | None = None) -> ReturnFile:
    """``read_return``, with what the file holds that was not read."""
    name = str(path) if source is None else source
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise too_large(name, size)
        data = path.read_bytes()
    except OSError as error:
        raise refuse(name, f"cannot be read ({error.strerror or type(error).__name__})") from None
    return parse_return_file(data, programme, source=name)


def parse_return_file(data: bytes, programme: Programme, *, source: str) -> ReturnFile:
    """``parse_return``, with what the file holds that was not read."""
    grid = read_grid(data, source)
    findings = Findings(grid.source)
    entries = _entries(grid, Context.of(programme), findings)
    rows = [row for entry in entries if (row := check_entry(entry, findings)) is not None]
    if findings.problems:
        problems = sorted(findings.problems, key=lambda p: (p.row is not None, p.row or 0))
        raise ProblemsFound(problems)
    if not rows:
        raise refuse(grid.source, "has no figures below its header")
    sheets = [f'sheet "{name}": only one sheet of a workbook is read' for name in grid.others]
    return ReturnFile(rows, [*findings.ignored, *sheets])


def _entries(grid: Grid, context: Context, findings: Findings) -> list[Entry]:
    filled = [number for number, row in enumerate(grid.rows, start=1) if not is_empty(row)]
    if not filled:
        findings.add(None, None, "is empty: expected a header row and rows of figures")
        return []
    header = find_header(grid, context)
    if header is None:
        findings.add(filled[0], None, _NO_HEADER)
        return []
    row_index, layout = header
    if grid.delimited:
        _longer_than_header(grid, row_index, findings)
    reader = read_long if layout == "long" else read_wide
    return reader(grid, row_index, context, findings)


def _longer_than_header(grid: Grid, header_index: int, findings: Findings) -> None:
    """A CSV row with more fields than its header has had its cells shifted along by a comma
    that should have been quoted (``Referrals per 10,000``), so every cell after it is misread."""
    width = len(grid.rows[header_index])
    for row_index in range(header_index + 1, len(grid.rows)):
        fields = len(grid.rows[row_index])
        if fields > width:
            message = (
                f"has {fields} cells but the header has {width}: a comma inside a figure or "
                "title needs the whole cell in double quotes"
            )
            findings.add(row_index + 1, None, message)


_NO_HEADER = (
    f"has no header row in its first {HEADER_SEARCH_ROWS} rows: expected either the columns "
    "indicator, period, value, numerator, denominator, note (long layout), or the indicator "
    "in column A and a month heading each later column, such as Apr-06 (wide layout)"
)
