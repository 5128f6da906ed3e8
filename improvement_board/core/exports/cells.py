"""Text made safe to open in a spreadsheet: nothing written by a person runs as a formula.

A cell beginning ``=``, ``+``, ``-`` or ``@`` is a formula to Excel, LibreOffice and Google Sheets
(``=HYPERLINK(...)`` in a commentary would offer a link to anywhere, ``=cmd|...`` once ran
programs); a tab, carriage return, line feed or NUL in front can hide one. Such text gets a
leading apostrophe, in CSV and in a workbook alike.

Why an apostrophe and not a space: the apostrophe is the spreadsheets' own mark for "this is
text" and what OWASP advises; a leading space is stripped by many importers (Google Sheets trims
CSV cells, LibreOffice offers to, and this project's own returns reader strips every cell), after
which the formula is live again. The apostrophe stays visible, so a reader can see the cell was
changed; the price is that such a note read back by the returns loader keeps its apostrophe.

Only text is changed. Numbers and dates are written as numbers and dates, which a spreadsheet
never runs, so ``-3.5`` stays a number.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")
APOSTROPHE = "'"
REPLACEMENT = "\ufffd"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an Excel workbook (XML 1.0) cannot hold; shown as U+FFFD, not dropped."""


def neutral(text: str) -> str:
    """``text`` as it may be written to a cell: an apostrophe before anything a spreadsheet
    would run, and control characters a workbook cannot hold replaced with U+FFFD."""
    if text.startswith(FORMULA_STARTS):
        text = APOSTROPHE + text
    return _CONTROL.sub(REPLACEMENT, text)
