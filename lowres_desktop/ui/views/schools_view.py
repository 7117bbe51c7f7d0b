"""«Школы»: the schools in the database, searchable on any column.

A country's 40,000 schools are read in the background (tests/bench/bench_gui_tables.py):
the window stays usable and the count says «Загрузка…» until the rows arrive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.services.browse import list_schools, school_count
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.record_table_model import PreparedRecords
from lowres_desktop.ui.models.schools_table_model import SchoolsTableModel
from lowres_desktop.ui.table_fit import fit_columns
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.tasks import BACKGROUND_ROWS, Loader
from lowres_desktop.ui.views.year_view import shown_schools_text

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database

FULL_NAME_COLUMN = 2
"""The column that takes the spare width: full names are the longest text."""


class SchoolsView(QWidget):
    sig_school_activated = Signal(str)
    """A login, when the user asks to open that school's card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SchoolsTableModel(self)
        self.proxy = RecordSortProxyModel(self.model, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Поиск по логину, названию, типу, территории…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.count_label = QLabel()
        self.loader = Loader(self)
        self.loader.sig_busy_changed.connect(self._on_loader_busy_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Найти:")))
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def refresh(self, db: Database) -> None:
        sort = self.model.requested_sort()
        self.loader.load(
            lambda: self.model.prepare_schools(list_schools(db), sort),
            self._show_schools,
            lambda error: show_error(self, error),
            background=school_count(db) > BACKGROUND_ROWS,
        )

    def _show_schools(self, prepared: PreparedRecords) -> None:
        self.model.set_prepared(prepared)
        fit_columns(self.table, self.model)
        self.table.horizontalHeader().setSectionResizeMode(FULL_NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._show_count()

    @Slot(bool)
    def _on_loader_busy_changed(self, busy: bool) -> None:
        self.table.setEnabled(not busy)
        if busy:
            self.count_label.setText(self.tr("Загрузка…"))

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if not self.loader.is_busy():
            self._show_count()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        school = self.model.school(self.proxy.mapToSource(index).row())
        self.sig_school_activated.emit(school.login)

    def _show_count(self) -> None:
        self.count_label.setText(shown_schools_text(self.proxy.rowCount(), self.model.rowCount()))
