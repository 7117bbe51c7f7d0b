"""Use case: any table of the app to .xlsx, and to tab-separated text for the clipboard.

Formula injection: a cell exported from this program is data, never code —
every text cell and clipboard field goes through the one rule of
`files/cells.py`. The workbook is written atomically (`files/atomic.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lowres_desktop.files.atomic import atomic_file
from lowres_desktop.files.cells import csv_field, set_text

MAX_WIDTH = 60
MAX_SHEET_TITLE = 31


def export_table(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    title: str = "Таблица",
    caption: str | None = None,
    note: Sequence[str] = (),
) -> Path:
    """Write one sheet: styled frozen header, numbers as numbers, widths to fit, no formulas.

    `caption` (e.g. «2024 г. · Профиль „…“») goes in the first row, above the header: a list
    decided by a year and a rule profile says which, also once printed or mailed. `note` lines
    go below the table after an empty row: what the list was made by (the rule's words).
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(title)
    first = 1
    if caption:
        set_text(sheet.cell(1, 1), caption)
        sheet.cell(1, 1).font = Font(bold=True)
        first = 2
    for column, header in enumerate(headers, start=1):
        set_text(sheet.cell(first, column), str(header))
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F3")
    for cell in sheet[first]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(str(h)) for h in headers]
    for row_number, row in enumerate(rows, start=first + 1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row_number, column)
            if isinstance(value, bool):
                cell.value = "да" if value else "нет"
            elif isinstance(value, int | float | date | datetime) or value is None:
                cell.value = value
                if isinstance(value, float) and not value.is_integer():
                    cell.number_format = "0.0#"
                elif isinstance(value, datetime):
                    cell.number_format = "DD.MM.YYYY HH:MM"
                elif isinstance(value, date):
                    cell.number_format = "DD.MM.YYYY"
            else:
                set_text(cell, str(value))
            if column - 1 < len(widths):
                widths[column - 1] = max(widths[column - 1], len(_shown(value)))
            else:
                widths.append(len(_shown(value)))
    for offset, line in enumerate(note, start=first + len(rows) + 2):
        set_text(sheet.cell(offset, 1), line)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 6), MAX_WIDTH)
    sheet.freeze_panes = f"A{first + 1}"
    with atomic_file(Path(path)) as handle:
        workbook.save(handle)
    return Path(path)


def _shown(value: object) -> str:
    if isinstance(value, datetime):
        return "00.00.0000 00:00"
    if isinstance(value, date):
        return "00.00.0000"
    return "" if value is None else str(value)


def _sheet_title(title: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'") or "Таблица"
    return cleaned[:MAX_SHEET_TITLE]


def clipboard_text(headers: Sequence[str] | None, rows: Sequence[Sequence[object]]) -> str:
    """Tab-separated lines that paste into Excel cell by cell; text never pastes as a formula."""
    lines = []
    if headers is not None:
        lines.append("\t".join(_clip(h) for h in headers))
    lines += ["\t".join(_clip(v) for v in row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def _clip(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:g}".replace(".", ",")
    else:
        text = str(value)
    if not isinstance(value, int | float):
        text = str(csv_field(text))
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
