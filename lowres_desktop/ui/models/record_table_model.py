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
        self._search_texts: list[str] | None = None
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        self._requested_sort: tuple[int, Qt.SortOrder] | None = None
        self._sort_keys: dict[int, list[tuple[bool, Any]]] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_records(self, records: Sequence[Any], columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._columns = list(columns)
        self._search_texts = None
        self._sorted_by = None
        self._sort_keys = {}
        self.endResetModel()
        if self._requested_sort is not None:
            # New records keep the order the header shows.
            self.sort(*self._requested_sort)

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

    def search_text(self, row: int) -> str:
        """Every column's text of a row in lower case, built once for all rows on first use.

        Filtering then costs one string search per row instead of a `data()`
        call per cell, which is what keeps a region-sized table responsive.
        """
        if self._search_texts is None:
            self._search_texts = [
                "\t".join(spec.value(record) for spec in self._columns).lower() for record in self._records
            ]
        return self._search_texts[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the records themselves by precomputed keys; empty values stay last either way.

        A proxy's `lessThan` would call back into Python for every comparison,
        hundreds of thousands of times on a large table.
        """
        if column < 0:
            return
        self._requested_sort = (column, order)
        if column >= len(self._columns) or self._sorted_by == (column, order):
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        if column not in self._sort_keys:
            self._sort_keys[column] = [self.sort_key(row, column) for row in range(len(self._records))]
        keys = self._sort_keys[column]
        present = [row for row, key in enumerate(keys) if not key[0]]
        empty = [row for row, key in enumerate(keys) if key[0]]
        present.sort(key=lambda row: keys[row][1], reverse=order == Qt.SortOrder.DescendingOrder)
        permutation = present + empty
        new_row_of = {old: new for new, old in enumerate(permutation)}
        self._records = [self._records[row] for row in permutation]
        if self._search_texts is not None:
            self._search_texts = [self._search_texts[row] for row in permutation]
        for cached, cached_keys in self._sort_keys.items():
            self._sort_keys[cached] = [cached_keys[row] for row in permutation]
        old_indexes = self.persistentIndexList()
        self.changePersistentIndexList(
            old_indexes,
            [self.index(new_row_of[index.row()], index.column()) for index in old_indexes],
        )
        self.layoutChanged.emit()

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
