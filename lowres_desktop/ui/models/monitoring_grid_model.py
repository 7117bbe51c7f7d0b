"""Schools × checked items of a monitoring round: one status symbol per cell, colour by status."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from lowres_desktop.domain.monitoring import Entry, Status
from lowres_desktop.services.monitoring import STATUS_SYMBOLS, STATUS_WORDS, RoundGrid

AnyIndex = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {
    Status.DONE: QColor("#cfe8cf"),
    Status.PARTIAL: QColor("#fbe7b5"),
    Status.NOT_DONE: QColor("#f8d0d0"),
    Status.NOT_APPLICABLE: QColor("#e4e4e4"),
}


class MonitoringGridModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid: RoundGrid | None = None

    def set_grid(self, grid: RoundGrid | None) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def cell(self, row: int, column: int) -> tuple[str, int]:
        assert self.grid is not None
        item_id = self.grid.items[column].item.id
        assert item_id is not None
        return self.grid.schools[row].login, item_id

    def entry(self, row: int, column: int) -> Entry:
        assert self.grid is not None
        return self.grid.entry(*self.cell(row, column))

    def update_entry(self, row: int, column: int, entry: Entry) -> None:
        assert self.grid is not None
        self.grid.entries[(entry.login, entry.item_id)] = entry
        index = self.index(row, column)
        self.dataChanged.emit(index, index)

    @staticmethod
    def widest_texts() -> list[str]:
        """Every longest text a cell can show: its mark with the comment and file signs."""
        return [_cell_text(status, True, True) for status in STATUS_SYMBOLS]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.grid is None else len(self.grid.schools)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.grid is None else len(self.grid.items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        entry = self.entry(index.row(), index.column())
        status = entry.status
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(status, bool(entry.comment), bool(entry.evidence))
        if role == Qt.ItemDataRole.ToolTipRole:
            words = STATUS_WORDS[status] if status else "не заполнено"
            return f"{words}\n{entry.comment}".strip()
        if role == Qt.ItemDataRole.BackgroundRole and status is not None:
            return QBrush(STATUS_COLOURS[status])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            numbered = self.grid.items[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return numbered.reference
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{numbered.reference}. {numbered.item.text}\n{numbered.item.deadline_text}"
            return None
        school = self.grid.schools[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return school.short_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{school.full_name} ({school.login})"
        return None


def _cell_text(status: Status | None, commented: bool, with_files: bool) -> str:
    mark = STATUS_SYMBOLS[status] if status else ""
    extra = ("✎" if commented else "") + ("+" if with_files else "")
    return f"{mark} {extra}".strip()
