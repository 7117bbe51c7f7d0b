"""The one rule for text written into a spreadsheet cell or a CSV field: data, never a formula.

Excel and LibreOffice run a cell that begins with «=», «+», «-» or «@» (and a
leading tab or carriage return hides such a start), and they read the
full-width forms «＝», «＋», «－», «＠» the same way. A login «=HYPERLINK(…)»
that came in with an import must not leave the program as a live link. Every
writer of .xlsx and .csv asks here: in a workbook such text is stored as a text
cell with Excel's quote prefix (editing it keeps it text); in a CSV field and
on the clipboard it gets a leading apostrophe, which Excel reads as «this is text».
Plain numbers («-5», «+3,5») stay as they are: they compute nothing.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

_TEXT = "s"
"""openpyxl's data type of a text cell (openpyxl itself is imported only by the workbook writers)."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d\s]*(?:[.,]\d+)?%?")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program would read `text` as a formula (full-width forms included)."""
    if not text:
        return False
    start = unicodedata.normalize("NFKC", text[0])
    if not start.startswith(_FORMULA_START):
        return False
    return len(text) > 1 and not _PLAIN_NUMBER.fullmatch(text.strip())


def csv_field(value: object) -> object:
    """A value for a CSV writer or the clipboard: formula-like text gets a leading apostrophe."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def set_text(cell: Cell, text: str) -> None:
    """Put text into an openpyxl cell as text, never as a formula."""
    cell.value = text
    cell.data_type = _TEXT
    if is_formula_like(text):
        cell.quotePrefix = True


def write_cell(sheet: Worksheet, row: int, column: int, value: object = None) -> Cell:
    """`sheet.cell(row, column, value)` with text kept as text (see `set_text`)."""
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        set_text(cell, value)
    elif value is not None:
        cell.value = value
    return cell


class CsvWriter:
    """`csv.writer` whose every text field passes `csv_field`: the only CSV writer of the program."""

    def __init__(self, out: TextIO, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([csv_field(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)
