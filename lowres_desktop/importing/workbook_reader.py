"""An .xlsx file as plain grids of values, with merged cells filled and percent formats resolved."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from lowres_desktop.importing.problems import FileRejected


@dataclass(frozen=True)
class SheetGrid:
    """Rows of values; row and column numbers in problems are 1-based like Excel's."""

    name: str
    rows: list[list[object]]

    def cell(self, row: int, column: int) -> object:
        if row - 1 >= len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column - 1] if column - 1 < len(cells) else None


def read_workbook(path: Path) -> list[SheetGrid]:
    """Every sheet of the workbook; raises FileRejected when the file cannot be read."""
    if path.suffix.lower() == ".xls":
        raise FileRejected(
            path.name, "Формат .xls (Excel 97–2003) не поддерживается: сохраните файл как .xlsx."
        )
    try:
        workbook = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileRejected(
            path.name, f"Файл не удалось прочитать как книгу Excel (.xlsx): {error}"
        ) from error
    sheets = []
    for sheet in workbook.worksheets:
        rows: list[list[object]] = []
        for row in sheet.iter_rows():
            values: list[object] = []
            for cell in row:
                value = cell.value
                if isinstance(value, int | float) and not isinstance(value, bool):
                    if "%" in (cell.number_format or ""):
                        value = round(value * 100, 10)
                values.append(value)
            rows.append(values)
        for merged in sheet.merged_cells.ranges:
            top = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else None
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if r <= len(rows) and c <= len(rows[r - 1]):
                        rows[r - 1][c - 1] = top
        sheets.append(SheetGrid(sheet.title, rows))
    workbook.close()
    return sheets
