"""«Признаки необъективности»: the signs that a school's marks may not be objective, with their grounds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from lowres_desktop.services.objectivity import ObjectivityReport, objectivity_for_year
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.record_table_model import (
    Column,
    PreparedRecords,
    RecordTableModel,
    prepare_records,
)
from lowres_desktop.ui.table_fit import fit_columns
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.views.analysis.tab import AnalysisScope, AnalysisTab
from lowres_desktop.wording.analysis import SIGN_TITLES, sign_text

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext


class ObjectivityTab(AnalysisTab):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.model = RecordTableModel(self)
        self.table = QTableView()
        self.table.setModel(RecordSortProxyModel(self.model, self))
        setup_table(self.table)
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)

    def load(self, scope: AnalysisScope) -> None:
        """Read the signs and prepare the table's rows on the loader's thread."""
        self.scope = scope
        db, year, profile = scope.db, scope.year, scope.profile
        sort = self.model.requested_sort()

        def prepared() -> tuple[ObjectivityReport, PreparedRecords]:
            report = objectivity_for_year(db, year, profile)
            flat = [(row.school, sign) for row in report.schools for sign in row.signs]
            return report, prepare_records(flat, self._columns(), sort)

        self.loader.load(prepared, self._show, self._on_load_failed, background=scope.background)

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("Школа"), lambda p: p[0].short_name, tooltip=lambda p: p[0].full_name),
            Column(self.tr("Район"), lambda p: p[0].district or ""),
            Column(self.tr("Признак"), lambda p: SIGN_TITLES[p[1].kind]),
            Column(self.tr("Основание"), lambda p: sign_text(p[1])),
        ]

    def _show(self, loaded: tuple[ObjectivityReport, PreparedRecords]) -> None:
        report, prepared = loaded
        self.label.setText(
            self.tr(
                "{year} г.: признаки необъективности у {schools} ОО (сравнений отметок с журналом в базе: "
                "{comparisons}). Это не категория низких результатов: это повод изучить оценивание."
            ).format(year=report.year, schools=len(report.schools), comparisons=report.comparisons)
            + (
                self.tr(
                    " Сравнений за этот год нет: импортируйте выгрузку ВПР «Сравнение отметок с отметками "
                    "по журналу» (Файл → Импорт результатов…)."
                )
                if not report.comparisons
                else ""
            )
        )
        self.model.set_prepared(prepared)
        fit_columns(self.table, self.model)
