"""«Школы»: the schools in the database, searchable on any column.

A country's 40,000 schools are read in the background (tests/bench/bench_gui_tables.py):
the window stays usable and the count says «Загрузка…» until the rows arrive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.services.browse import list_schools, school_count
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.models.record_table_model import PreparedRecords
from lowres_desktop.ui.models.schools_table_model import SchoolsTableModel
from lowres_desktop.ui.table_fit import fit_columns
from lowres_desktop.ui.tasks import BACKGROUND_ROWS
from lowres_desktop.ui.views.table_page import TablePage

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database

FULL_NAME_COLUMN = 2
"""The column that takes the spare width: full names are the longest text."""


class SchoolsView(TablePage):
    def __init__(self, parent: QWidget | None = None) -> None:
        hint = QCoreApplication.translate("SchoolsView", "Поиск по логину, названию, типу, территории…")
        super().__init__(SchoolsTableModel(), hint, 1, parent)
        self.model: SchoolsTableModel
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

    def _login(self, source_row: int) -> str:
        return self.model.school(source_row).login
