"""Sorting by each column's own key and filtering on any column, ignoring case.

Qt would sort the displayed text, so «СОШ № 12» would come before «СОШ № 9»
and «12,5» before «9»; the source model knows the real keys.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from lowres_desktop.ui.models.record_table_model import RecordTableModel


class RecordSortProxyModel(QSortFilterProxyModel):
    def __init__(self, source: RecordTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.setSourceModel(source)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        column = left.column()
        return self._source.sort_key(left.row(), column) < self._source.sort_key(
            right.row(), column
        )
