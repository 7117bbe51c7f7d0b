"""The base of the pages that are one searchable table of schools read in the background.

The Schools page and the year pages (results, low results) share it: a
search box filtering on every column, a count («40000 школ», «Показано 3 из
40000»), a `Loader` that reads a region's or a country's rows off the GUI
thread while the count says «Загрузка…», and a double click that opens the
school's card.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QWidget

from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.record_table_model import RecordTableModel
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.tasks import Loader
from lowres_desktop.wording.common import plural


def shown_schools_text(shown: int, total: int) -> str:
    """«40000 школ», or «Показано 3 из 40000» while a search hides some."""
    if shown == total:
        return QCoreApplication.translate("TablePage", "{count} {schools}").format(
            count=total, schools=plural(total, "школа", "школы", "школ")
        )
    text = QCoreApplication.translate("TablePage", "Показано {shown} из {total}")
    return text.format(shown=shown, total=total)


class TablePage(QWidget):
    sig_school_activated = Signal(str)
    """A login, when the user asks to open that school's card."""

    def __init__(
        self, model: RecordTableModel, search_hint: str, sort_column: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self.proxy = RecordSortProxyModel(model, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.count_label = QLabel()
        self.loader = Loader(self)
        self.loader.sig_busy_changed.connect(self._on_loader_busy_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._on_table_double_clicked)

    def is_loading(self) -> bool:
        """True until the latest rows are on screen."""
        return self.loader.is_busy()

    def _login(self, source_row: int) -> str:
        raise NotImplementedError

    @Slot(bool)
    def _on_loader_busy_changed(self, busy: bool) -> None:
        self.table.setEnabled(not busy)
        if busy:
            self.count_label.setText(self.tr("Загрузка…"))

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if not self.loader.is_busy():
            self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(shown_schools_text(self.proxy.rowCount(), self.model.rowCount()))

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.sig_school_activated.emit(self._login(self.proxy.mapToSource(index).row()))
