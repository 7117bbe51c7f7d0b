"""Column widths and row heights of region-sized tables, measured without reading every cell.

Qt's `resizeColumnsToContents` reads a thousand rows of every column and
`resizeRowsToContents` lays out every cell of the table: for a country's
results (40,000 rows) and its flagged list (4,000 rows with wrapped reasons)
that froze the window for half a second and a second. Here a column measures
the rows on screen plus the row whose text is longest (the model found it
off the GUI thread), and rows get their wrapped height when they come into view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QHeaderView, QTableView

from lowres_desktop.ui.models.record_table_model import RecordTableModel

ROWS_MEASURED = 100
"""Rows a column measures besides its longest text (Qt's default is 1,000)."""


def fit_columns(table: QTableView, model: RecordTableModel) -> None:
    """Every column as wide as its contents; `table` shows `model` through a proxy or directly."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(ROWS_MEASURED)
    header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
    shown = table.model()
    grid = 1 if table.showGrid() else 0
    for column in range(model.columnCount()):
        row = model.widest_row(column)
        if row is None:
            continue
        index = model.index(row, column)
        if shown is not model:
            index = shown.mapFromSource(index)  # type: ignore[attr-defined]
        if index.isValid():
            width = table.sizeHintForIndex(index).width() + grid
            header.resizeSection(column, max(header.sectionSize(column), width))


class VisibleRowFitter(QObject):
    """Fits the rows on screen to their wrapped text, and the others when they scroll into view.

    After a sort, a filter, a new year or a column resize every height is
    stale, so the rows on screen are measured again (a few dozen, not thousands).
    """

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._fitted: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.fit)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._on_rows_changed)
        table.horizontalHeader().sectionResized.connect(self._on_rows_changed)
        table.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        table.viewport().installEventFilter(self)

    @Slot()
    def fit(self) -> None:
        """Fit the rows now on screen that have not been fitted since the rows last changed."""
        self._timer.stop()
        table = self._table
        rows = table.model().rowCount()
        height = table.viewport().height()
        row = table.rowAt(0)
        if row < 0:
            # No row at the top: none at all, or the scroll offset of longer rows just replaced,
            # which Qt clamps soon (the scroll bar's signal brings us back then).
            return
        while row < rows and table.rowViewportPosition(row) < height:
            if row not in self._fitted:
                table.resizeRowToContents(row)
                self._fitted.add(row)
            row += 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self._timer.start(0)
        return False

    @Slot()
    def _on_rows_changed(self) -> None:
        self._fitted.clear()
        self._timer.start(0)

    @Slot(int)
    def _on_scrolled(self, _value: int) -> None:
        self._timer.start(0)
