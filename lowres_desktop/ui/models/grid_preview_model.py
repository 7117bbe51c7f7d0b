"""The rows of a file's chosen sheets from the header down: problem cells red, unknown schools yellow.

What the wizard's preview page shows, so that every problem is seen at its
cell in the file's own layout.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from lowres_desktop.importing.parsed import ColumnRole
from lowres_desktop.importing.problems import column_letters
from lowres_desktop.services.import_workbook import FileReading, ImportPlan

PROBLEM_BACKGROUND = QColor("#f8c8c8")
UNKNOWN_BACKGROUND = QColor("#fff2b3")
HEADER_BACKGROUND = QColor("#dde7f3")


class GridPreviewModel(QAbstractTableModel):
    """The rows of the chosen sheets from the header down, problem cells red, unknown schools yellow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int, list[object]]] = []
        self._width = 0
        self._problems: dict[tuple[str, int, int], str] = {}
        self._unknown_rows: set[tuple[str, int]] = set()
        self._headers: set[tuple[str, int]] = set()
        self._one_sheet = True
        """Rows from one sheet are numbered alone; from several, «sheet, row»."""

    def set_reading(self, reading: FileReading | None, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._rows = []
        self._problems = {}
        self._unknown_rows = set()
        self._headers = set()
        if reading is not None:
            for choice, sheet in zip(reading.sheets, reading.parsed, strict=True):
                grid = reading.grids[choice.sheet]
                for number in range(max(sheet.header_row, 1), len(grid.rows) + 1):
                    self._rows.append((grid.name, number, grid.rows[number - 1]))
                self._headers.add((grid.name, sheet.header_row))
                for problem in sheet.problems:
                    self._problems[(problem.sheet, problem.row, problem.column)] = problem.why
            if plan is not None:
                self._unknown_rows = {(u.sheet, u.row) for u in plan.unknown}
                created = {(school.login, school.row) for _login, school in plan.schools_new}
                self._unknown_rows |= {
                    (sheet.sheet, school.row)
                    for sheet in reading.parsed
                    for school in sheet.schools
                    if (school.login, school.row) in created
                }
                values = {u.ref.value for u in plan.unknown} | {
                    school.login for _login, school in plan.schools_new
                }
                for choice, sheet in zip(reading.sheets, reading.parsed, strict=True):
                    ids = [
                        m.column for m in sheet.columns if m.role in (ColumnRole.LOGIN, ColumnRole.GIA_CODE)
                    ]
                    if not ids or not values:
                        continue
                    for number, cells in enumerate(reading.grids[choice.sheet].rows, start=1):
                        value = cells[ids[0] - 1] if ids[0] - 1 < len(cells) else None
                        if value is not None and str(value).strip() in values:
                            self._unknown_rows.add((sheet.sheet, number))
        self._width = max((len(cells) for _s, _n, cells in self._rows), default=0)
        self._one_sheet = len({sheet for sheet, _n, _cells in self._rows}) <= 1
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._width + 1

    def row_of(self, sheet: str, row: int) -> int | None:
        for index, (name, number, _cells) in enumerate(self._rows):
            if name == sheet and number == row:
                return index
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == 0:
                return self.tr("Строка") if self._one_sheet else self.tr("Лист, строка")
            return column_letters(section)
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        sheet, number, cells = self._rows[index.row()]
        column = index.column()
        problem = self._problems.get((sheet, number, column)) if column else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(number) if self._one_sheet else f"{sheet}, {number}"
            value = cells[column - 1] if column - 1 < len(cells) else None
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and problem:
            return problem
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem:
                return QBrush(PROBLEM_BACKGROUND)
            if (sheet, number) in self._unknown_rows:
                return QBrush(UNKNOWN_BACKGROUND)
            if (sheet, number) in self._headers:
                return QBrush(HEADER_BACKGROUND)
        return None
