"""«Результаты»: every school's share of «2» in every procedure of a year, low values marked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from lowres_desktop.services.analysis_wording import profile_title, thresholds_text
from lowres_desktop.services.browse import results_grid
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.results_table_model import ResultsTableModel
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.views.year_view import YearView


class ResultsView(YearView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ResultsTableModel(self)
        self.proxy = RecordSortProxyModel(self.model, self)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Год:")))
        top.addWidget(self.years)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addWidget(self.table)

    def _load(self) -> None:
        year = self.years.year()
        if self._db is None or year is None:
            self.model.set_records([], [])
            self.legend.setText(
                self.tr("Результатов в базе нет: импортируйте их через «Файл → Импорт результатов…».")
            )
            return
        self.model.set_grid(results_grid(self._db, year), self.profile)
        self.legend.setText(
            self.tr(
                "В ячейках — доля участников, получивших «2» или не преодолевших минимальный "
                "порог, %. Выделены значения не ниже порога — {thresholds} ({profile}). Число "
                "участников и доля высоких результатов — в подсказке ячейки."
            ).format(thresholds=thresholds_text(self.profile), profile=profile_title(self.profile))
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        for column in range(ResultsTableModel.FIXED_COLUMNS, self.model.columnCount()):
            header.resizeSection(column, max(header.sectionSize(column), 72))

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        row = self.proxy.mapToSource(index).row()
        self.sig_school_activated.emit(self.model.record(row).school.login)
