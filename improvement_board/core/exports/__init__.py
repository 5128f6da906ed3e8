"""Tables as people take them away: CSV and Excel files of what the pages and the pack show.

- ``model``: a sheet is one table (a title, typed columns, rows of plain values); a book is one
  or more sheets with the programme's name and the protective marking every sheet carries.
- ``cells``: text that a spreadsheet would run as a formula is made inert before it is written.
- ``delimited`` and ``workbook``: the bytes of a CSV file and of an Excel workbook.
- ``figures``, ``register``, ``comparators`` and ``pack``: the sheets of the figures, the
  indicator register, the comparators and the whole pack, each as it may be published.
- ``returns``: the figures laid out as a monthly return the returns loader reads back.

No Django here: the store gathers the rows (improvement_board/exports/), the core lays them out.
"""

from improvement_board.core.exports.cells import FORMULA_STARTS, neutral
from improvement_board.core.exports.delimited import csv_bytes
from improvement_board.core.exports.model import Book, Column, Kind, Quantity, Sheet, Value
from improvement_board.core.exports.workbook import xlsx_bytes

__all__ = [
    "FORMULA_STARTS",
    "Book",
    "Column",
    "Kind",
    "Quantity",
    "Sheet",
    "Value",
    "csv_bytes",
    "neutral",
    "xlsx_bytes",
]
