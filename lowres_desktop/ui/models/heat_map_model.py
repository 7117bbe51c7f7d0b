"""The heat map's table model: schools × procedures coloured by % «2», sorted and filtered in place.

A country has 40,000 rows. A QSortFilterProxyModel would call a Python
`lessThan` about 600,000 times per sort; here the model sorts a list of
row numbers once with a key and filters by a precomputed lower-case text,
and `data()` only reads the HeatMap the service returned.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.chart_series import HeatMap, HeatRow, category_color
from lowres_desktop.ui.models.later_release import LaterRelease
from lowres_desktop.wording.analysis import CATEGORY_TITLES
from lowres_desktop.wording.common import format_number, format_percent, procedure_title

AnyIndex = QModelIndex | QPersistentModelIndex
FIXED_COLUMNS = 3
"""Школа, Район, Категория; the procedures follow."""


def heat_color(value: float | None, threshold: float) -> QColor:
    """White at 0, deepening to red at the threshold and beyond; grey for no data."""
    if value is None:
        return QColor("#eeeeee")
    share = min(value / threshold, 1.5) / 1.5 if threshold else 1.0
    red = QColor("#c00000")
    return QColor(
        round(255 + (red.red() - 255) * share),
        round(255 + (red.green() - 255) * share),
        round(255 + (red.blue() - 255) * share),
    )


class HeatMapTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.heat: HeatMap | None = None
        self._rows: list[HeatRow] = []
        self._order: list[int] = []
        self._texts: list[str] = []
        self._brushes: dict[tuple[int, int], QBrush] = {}
        self._names: list[tuple[tuple[int, int | str], ...]] | None = None
        """Natural sort keys of the school names, computed on the first sort by name."""
        self._values: dict[int, list[float | None]] = {}
        self._releaser = LaterRelease(self)
        """The previous year's rows go a slice at a time: dropping 40,000 at once stalls the window."""
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)

    def set_heat_map(self, heat: HeatMap) -> None:
        if heat.rows is not self._rows:
            self._releaser.release(
                self._rows, self._order, self._texts, self._names or [], *self._values.values()
            )
        self.beginResetModel()
        self.heat = heat
        self._rows = heat.rows
        self._texts = [
            f"{r.school.short_name} {r.school.full_name} {r.school.login} {r.school.district or ''}".lower()
            for r in heat.rows
        ]
        self._brushes = {}
        self._names = None
        self._values = {}
        # The service already ordered the rows by district and name: no sort until the user asks.
        self._order = self._filtered()
        self._sort = (-1, Qt.SortOrder.AscendingOrder)
        self.endResetModel()

    def row(self, row: int) -> HeatRow:
        return self._rows[self._order[row]]

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip().lower()
        self._order = self._filtered()
        self._apply_sort()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        if not self._filter:
            return list(range(len(self._rows)))
        needle = self._filter
        return [i for i, text in enumerate(self._texts) if needle in text]

    def _key(self, column: int):  # type: ignore[no-untyped-def]
        """The sort key of a row number in one of the fixed columns (school, district, category)."""
        rows = self._rows
        if column == 0:
            if self._names is None:
                self._names = [natural_sort_key(r.school.short_name) for r in rows]
            names = self._names
            return names.__getitem__
        if column == 1:
            return lambda i: rows[i].school.district or ""
        order = {c: n for n, c in enumerate(CATEGORY_TITLES)}
        return lambda i: order.get(rows[i].category, len(order)) if rows[i].category else len(order)

    def _column_values(self, index: int) -> list[float | None]:
        """One procedure's values by row, read once: sorting then compares them without Python calls."""
        if index not in self._values:
            self._values[index] = [r.values[index] for r in self._rows]
        return self._values[index]

    def _apply_sort(self) -> None:
        column, order = self._sort
        if column < 0:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if column >= FIXED_COLUMNS:
            # Empty cells stay last whichever way the values go.
            values = self._column_values(column - FIXED_COLUMNS)
            present = [i for i in self._order if values[i] is not None]
            missing = [i for i in self._order if values[i] is None]
            present.sort(key=values.__getitem__, reverse=descending)  # type: ignore[arg-type]
            self._order = present + missing
            return
        self._order.sort(key=self._key(column), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() or self.heat is None:
            return 0
        return FIXED_COLUMNS + len(self.heat.procedures)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.heat is None:
            return None
        row = self._rows[self._order[index.row()]]
        column = index.column()
        if column < FIXED_COLUMNS:
            if role == Qt.ItemDataRole.DisplayRole:
                if column == 0:
                    return row.school.short_name
                if column == 1:
                    return row.school.district or ""
                return CATEGORY_TITLES[row.category] if row.category else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.school.full_name
            if role == Qt.ItemDataRole.DecorationRole and column == 2 and row.category:
                return QColor(category_color(row.category))
            return None
        number = column - FIXED_COLUMNS
        value = row.values[number]
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            key = (self._order[index.row()], number)
            brush = self._brushes.get(key)
            if brush is None:
                brush = self._brushes[key] = QBrush(heat_color(value, self.heat.thresholds[number]))
            return brush
        if role == Qt.ItemDataRole.ForegroundRole:
            threshold = self.heat.thresholds[number]
            return QColor("white") if value is not None and value >= threshold else None
        if role == Qt.ItemDataRole.ToolTipRole:
            procedure = self.heat.procedures[number]
            return self.tr("{school}\n{procedure}, {year}: доля «2» {value} (порог {threshold})").format(
                school=row.school.full_name,
                procedure=procedure_title(procedure),
                year=self.heat.year,
                value=format_percent(value),
                threshold=format_percent(self.heat.thresholds[number]),
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if self.heat is None:
            return None
        titles = [self.tr("Школа"), self.tr("Район"), self.tr("Категория")]
        if role == Qt.ItemDataRole.DisplayRole:
            if section < FIXED_COLUMNS:
                return titles[section]
            return self.heat.procedures[section - FIXED_COLUMNS].code
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIXED_COLUMNS:
            return procedure_title(self.heat.procedures[section - FIXED_COLUMNS])
        return None
