"""«Результаты»: every school's share of «2» in every procedure of a year, low values marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.services.browse import results_grid
from lowres_desktop.ui.models.record_table_model import SortOrder
from lowres_desktop.ui.models.results_table_model import PreparedGrid, ResultsTableModel, prepare_grid
from lowres_desktop.ui.table_fit import fit_columns
from lowres_desktop.ui.views.year_view import YearView
from lowres_desktop.wording.analysis import profile_title, thresholds_text

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database

PROCEDURE_COLUMN_WIDTH = 72
"""At least this wide, so the procedure codes of the headers stay readable."""


class ResultsView(YearView):
    model: ResultsTableModel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ResultsTableModel(), parent)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setStretchLastSection(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Год:")))
        top.addWidget(self.years)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Найти:")))
        top.addWidget(self.search)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(self.table)

    def _fetch(self, db: Database, year: int, profile: RuleProfile, sort: SortOrder | None) -> PreparedGrid:
        return prepare_grid(results_grid(db, year), profile, sort)

    def _show(self, data: PreparedGrid) -> None:
        self.model.set_grid(data)
        self.legend.setText(
            self.tr(
                "В ячейках — доля участников, получивших «2» или не преодолевших минимальный "
                "порог, %. Выделены значения не ниже порога — {thresholds} ({profile}). Число "
                "участников и доля высоких результатов — в подсказке ячейки."
            ).format(thresholds=thresholds_text(data.profile), profile=profile_title(data.profile))
        )
        fit_columns(self.table, self.model)
        header = self.table.horizontalHeader()
        for column in range(ResultsTableModel.FIXED_COLUMNS, self.model.columnCount()):
            header.resizeSection(column, max(header.sectionSize(column), PROCEDURE_COLUMN_WIDTH))

    def _show_nothing(self) -> None:
        self.model.clear()
        self.legend.setText(
            self.tr("Результатов в базе нет: импортируйте их через «Файл → Импорт результатов…».")
        )

    def _login(self, source_row: int) -> str:
        return self.model.record(source_row).school.login
