"""A table model over a list of row records described by a column spec.

Views hand the model records they already fetched through a service, so
`data()` only reads Python objects and never touches the database; each
column knows how to show, sort, explain and highlight its value. A view that
loads a region's table in the background also builds the row texts and sort
keys there (`prepare_records`), so the GUI thread only swaps them in.
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

from lowres_desktop.ui.models.later_release import LaterRelease

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


SortOrder = tuple[int, Qt.SortOrder]
"""A column and a direction, as the header shows them."""


def _sort_key(spec: Column, record: Any) -> Any:
    """The column's key of a record; None and "" are empty values, which sort last either way.

    Kept bare rather than paired with an «is empty» flag: a procedure's key is
    the float the record already holds, so a country's table allocates nothing
    for it, and the window does not pay for freeing it when the year changes.
    """
    return spec.sort_key(record) if spec.sort_key else spec.value(record)


def _sorted_rows(keys: list[Any], order: Qt.SortOrder) -> list[int]:
    """The rows in the order of their keys; empty values stay last either way."""
    present = [row for row, key in enumerate(keys) if key is not None and key != ""]
    empty = [row for row, key in enumerate(keys) if key is None or key == ""]
    present.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
    return present + empty


@dataclass(frozen=True)
class PreparedRecords:
    """Records with every text and key the model would otherwise compute on the GUI thread."""

    records: list[Any]
    columns: list[Column]
    search_texts: list[str]
    sort_keys: dict[int, list[Any]]
    sorted_by: SortOrder | None
    widest: list[int]
    """Per column, the row with the longest text: the one that decides the column's width."""


def prepare_records(
    records: Sequence[Any], columns: Sequence[Column], sort: SortOrder | None
) -> PreparedRecords:
    """Sort `records` and build their texts and every column's sort keys, for `set_prepared`.

    Pure Python over the records and the columns' callables, so a view runs it
    on the worker thread that fetched them: for 40,000 rows that is most of a
    second the window would otherwise be frozen for.
    """
    records = list(records)
    columns = list(columns)
    sort_keys = {column: [_sort_key(spec, r) for r in records] for column, spec in enumerate(columns)}
    sorted_by = sort if sort is not None and 0 <= sort[0] < len(columns) else None
    if sorted_by is not None:
        permutation = _sorted_rows(sort_keys[sorted_by[0]], sorted_by[1])
        records = list(map(records.__getitem__, permutation))
        sort_keys = {column: list(map(keys.__getitem__, permutation)) for column, keys in sort_keys.items()}
    texts = [[spec.value(r) for r in records] for spec in columns]
    rows = zip(*texts, strict=True) if columns else ([] for _ in records)
    search_texts = ["\t".join(row).lower() for row in rows]
    widest = [max(range(len(records)), key=lambda row, t=t: len(t[row]), default=-1) for t in texts]
    return PreparedRecords(records, columns, search_texts, sort_keys, sorted_by, widest)


class RecordTableModel(QAbstractTableModel):
    """Read-only rows of records; replace them all at once with `set_records`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._given: list[Any] = []
        """The records in the order they were set; keys, texts and widest rows refer to it."""
        self._order: list[int] | None = None
        """Per row on screen, its record's place in `_given` (None: the same order)."""
        self._records: list[Any] = []
        """`_given` in the order on screen."""
        self._columns: list[Column] = []
        self._search_texts: list[str] | None = None
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        self._requested_sort: tuple[int, Qt.SortOrder] | None = None
        self._sort_keys: dict[int, list[Any]] = {}
        self._widest: list[int] = []
        self._releaser = LaterRelease(self)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_records(self, records: Sequence[Any], columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._given = list(records)
        self._order = None
        self._records = self._given
        self._columns = list(columns)
        self._search_texts = None
        self._sorted_by = None
        self._sort_keys = {}
        self._widest = []
        self.endResetModel()
        self._keep_requested_sort()

    def set_prepared(self, prepared: PreparedRecords) -> None:
        """Show records prepared off the GUI thread: only the swap happens here."""
        self.release_later(self._given, self._records, self._search_texts or [], *self._sort_keys.values())
        self.beginResetModel()
        self._given = prepared.records
        self._order = None
        self._records = list(self._given)
        self._columns = prepared.columns
        self._search_texts = prepared.search_texts
        self._sorted_by = prepared.sorted_by
        self._sort_keys = dict(prepared.sort_keys)
        self._widest = list(prepared.widest)
        self.endResetModel()
        self._keep_requested_sort()

    def release_later(self, *containers: list[Any]) -> None:
        """Empty lists nobody else reads a slice at a time, whenever the event loop is idle."""
        self._releaser.release(*containers)

    def _keep_requested_sort(self) -> None:
        """New records keep the order the header shows (a no-op when they come sorted so)."""
        if self._requested_sort is not None:
            self.sort(*self._requested_sort)

    def requested_sort(self) -> SortOrder | None:
        """The order the header asked for last, for whoever prepares the next records."""
        return self._requested_sort

    def widest_row(self, column: int) -> int | None:
        """The row with the longest text in `column`, when the records came prepared."""
        if column >= len(self._widest) or self._widest[column] < 0:
            return None
        given = self._widest[column]
        return given if self._order is None else self._order.index(given)

    def record(self, row: int) -> Any:
        return self._records[row]

    def records(self) -> list[Any]:
        return list(self._records)

    def column(self, column: int) -> Column:
        return self._columns[column]

    def search_text(self, row: int) -> str:
        """Every column's text of a row in lower case, built once for all rows on first use.

        Filtering then costs one string search per row instead of a `data()`
        call per cell, which is what keeps a region-sized table responsive.
        """
        if self._search_texts is None:
            self._search_texts = [
                "\t".join(spec.value(record) for spec in self._columns).lower() for record in self._given
            ]
        return self._search_texts[row if self._order is None else self._order[row]]

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
            spec = self._columns[column]
            self._sort_keys[column] = [_sort_key(spec, record) for record in self._given]
        # Only the records are reordered; keys and texts stay in the order given, so a
        # country's table reorders one list instead of a dozen.
        old_order = self._order
        self._order = _sorted_rows(self._sort_keys[column], order)
        self._records = list(map(self._given.__getitem__, self._order))
        old_indexes = self.persistentIndexList()
        if old_indexes:
            row_of = dict(zip(self._order, range(len(self._order)), strict=True))
            self.changePersistentIndexList(
                old_indexes,
                [
                    self.index(row_of[i.row() if old_order is None else old_order[i.row()]], i.column())
                    for i in old_indexes
                ],
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
