"""«Школы»: the schools in the database, searchable on any column.

A country's 40,000 schools are read in the background (tests/bench/bench_gui_tables.py):
the window stays usable and the count says «Загрузка…» until the rows arrive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
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
    """The first page: on an empty database it says what to do first, with the buttons to do it."""

    sig_import_requested = Signal()
    sig_demo_requested = Signal()

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
        layout.addWidget(self._empty_state())
        layout.addWidget(self.table)

    def _empty_state(self) -> QFrame:
        self.empty_state = QFrame()
        self.empty_state.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(
            self.tr(
                "<h3>В базе ещё нет ни одной школы</h3>"
                "<p>Начните с импорта результатов: выгрузки ФИС ОКО (ВПР), таблицы результатов ОГЭ "
                "и ЕГЭ или приложения к приказу в Excel. Школы появятся по логинам из файлов.</p>"
                "<p>Чтобы сначала посмотреть, как работает программа, заполните базу "
                "демонстрационными данными (их можно удалить, создав новую базу).</p>"
            )
        )
        text.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Импорт результатов…"))
        self.import_button.clicked.connect(self.sig_import_requested)
        self.demo_button = QPushButton(self.tr("Заполнить демонстрационными данными"))
        self.demo_button.clicked.connect(self.sig_demo_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.empty_state)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.empty_state.hide()
        return self.empty_state

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
        empty = self.model.rowCount() == 0
        self.empty_state.setVisible(empty)
        self.table.setVisible(not empty)
        fit_columns(self.table, self.model)
        self.table.horizontalHeader().setSectionResizeMode(FULL_NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._show_count()

    def _login(self, source_row: int) -> str:
        return self.model.school(source_row).login
