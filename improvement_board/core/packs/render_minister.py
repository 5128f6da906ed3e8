"""Rendering the Minister's report: one self-contained HTML file in the packs' own style.

The PDF is printed by the packs' ``render_pdf``, which fetches nothing from outside. Every page
carries the protective marking: OFFICIAL-SENSITIVE for the internal report (it shows every count,
as a board pack does), OFFICIAL for the report marked for publication, unless the caller says.
"""

from __future__ import annotations

from improvement_board.core.packs.minister import MinisterReport
from improvement_board.core.packs.render import (
    ENVIRONMENT,
    PACK_MARKING,
    PUBLISHED_MARKING,
    checked_marking,
    stylesheet,
)

_EXTRA_CSS = """
.marking { border: 3px solid #0b0c0c; padding: 6px 10px; margin: 16px 0 0; display: inline-block; }
.register tr.main td { border-bottom: none; padding-bottom: 2px; }
.register .benchmark, .register .withheld { font-size: 13px; color: #505a5f; padding-top: 0; }
.commentary div { margin: 0 0 12px; }
.commentary dt { color: #0b0c0c; font-weight: bold; font-size: 16px; }
.commentary dd { font-weight: normal; margin: 4px 0 0; }
.register tbody tr { break-inside: avoid; }
.trend { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: flex-start; }
.trend .chart { flex: 1 1 360px; } .trend .months { min-width: 0; font-size: 13px; }
@media print {
  body { font-size: 11pt; } h1 { font-size: 22pt; } h2 { font-size: 16pt; margin-top: 20px; }
  h3 { font-size: 12pt; } table { font-size: 9pt; } .lead { font-size: 12pt; }
  .register .benchmark, .register .withheld { font-size: 8pt; }
  .tile { padding: 4px 10px; } .tile-number { font-size: 20pt; }
  .trend .chart { flex: 0 0 62%; } .trend .months { font-size: 8pt; }
}
"""


def render_minister_html(report: MinisterReport, *, marking: str | None = None) -> str:
    """The report as HTML with its protective marking; the same report always gives the same
    bytes."""
    if marking is None:
        marking = PUBLISHED_MARKING if report.publish else PACK_MARKING
    return ENVIRONMENT.get_template("minister.html.j2").render(
        r=report, css=stylesheet(_EXTRA_CSS), marking=checked_marking(marking)
    )
