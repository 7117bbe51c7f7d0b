"""The table look every view shares, so the pages read alike on a projector."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def setup_table(table: QTableView) -> None:
    # No column is sorted until the view or the user picks one; the model keeps that order.
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    rows = table.verticalHeader()
    rows.setVisible(False)
    # One line per row by default: sizing every row to its contents reads every cell of a
    # region-sized table. Views with wrapped text call `resizeRowsToContents()` themselves.
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setSectionsMovable(False)
