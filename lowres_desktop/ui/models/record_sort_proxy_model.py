"""Sorting by each column's own key and filtering on any column, ignoring case.

Qt would sort the displayed text, so «СОШ № 12» would come before «СОШ № 9»
and «12,5» before «9»; the source model knows the real keys. Both sorting and
filtering are handed to the source model's precomputed keys and texts, so a
table of 40,000 schools sorts and filters without a visible pause.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from lowres_desktop.ui.models.record_table_model import RecordTableModel


class RecordSortProxyModel(QSortFilterProxyModel):
    def __init__(self, source: RecordTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._needle = ""
        self.setSourceModel(source)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    def setFilterFixedString(self, pattern: str) -> None:  # noqa: N802 - Qt's name
        """Show the rows whose text in any column contains `pattern`, ignoring case."""
        needle = pattern.strip().lower()
        if needle == self._needle:
            return
        self.beginFilterChange()
        self._needle = needle
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802 - Qt's name
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        return not self._needle or self._needle in self._source.search_text(source_row)
