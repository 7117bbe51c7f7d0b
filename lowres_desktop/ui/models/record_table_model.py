"""A table model over a list of row records described by a column spec.

Views hand the model records they already fetched through a service, so
`data()` only reads Python objects and never touches the database; each
column knows how to show, sort, explain and highlight its value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

AnyIndex = QModelIndex | QPersistentModelIndex

LOW_RESULT_BACKGROUND = QColor("#f8d0d0")
"""Light red: readable on a projector and when printed in grey."""


@dataclass(frozen=True)
class Column:
    """How one column shows a record; every callable receives the row record."""

    title: str
    value: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    header_tooltip: str | None = None
    highlighted: Callable[[Any], bool] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel):
    """Read-only rows of records; replace them all at once with `set_records`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[Any] = []
        self._columns: list[Column] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_records(self, records: Sequence[Any], columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._columns = list(columns)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._records[row]

    def records(self) -> list[Any]:
        return list(self._records)

    def column(self, column: int) -> Column:
        return self._columns[column]

    def sort_key(self, row: int, column: int) -> tuple[bool, Any]:
        """A key that puts empty values last whatever the column's type."""
        spec = self._columns[column]
        record = self._records[row]
        key = spec.sort_key(record) if spec.sort_key else spec.value(record)
        return (key is None or key == "", key)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        spec = self._columns[index.column()]
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.value(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.tooltip(record) if spec.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if spec.highlighted and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole):
            if not spec.highlighted(record):
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(LOW_RESULT_BACKGROUND)
            return self._bold
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if not 0 <= section < len(self._columns):
            return None
        spec = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.header_tooltip
        return None
