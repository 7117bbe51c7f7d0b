"""«Сводка для совещания»: the four charts a meeting is shown, saved as PNG for the slides."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from lowres_desktop.domain.chart_series import Dashboard
from lowres_desktop.services.chart_series import dashboard
from lowres_desktop.ui.charts.analysis_charts import BarChartWidget
from lowres_desktop.ui.charts.chart_pages import save_into_chosen_folder
from lowres_desktop.ui.views.analysis.tab import AnalysisScope, AnalysisTab

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext


CHART_MINIMUM = (340, 260)
"""Each chart's least size; at 420 px two of them ran the page off a 1024 px wide window."""


class DashboardTab(AnalysisTab):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.share_chart = BarChartWidget()
        self.flow_chart = BarChartWidget()
        self.category_chart = BarChartWidget()
        self.district_chart = BarChartWidget()
        self.charts = [self.share_chart, self.flow_chart, self.category_chart, self.district_chart]
        save = QPushButton(self.tr("Сохранить графики в PNG…"))
        save.clicked.connect(self._on_save_clicked)
        grid = QGridLayout()
        for number, chart in enumerate(self.charts):
            # Two side by side in the 790 px a 1024 px wide window leaves the page (1280×1024 at 125 %).
            chart.setMinimumSize(*CHART_MINIMUM)
            grid.addWidget(chart, number // 2, number % 2)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)

    def load(self, scope: AnalysisScope) -> None:
        self.scope = scope
        db, year, profile = scope.db, scope.year, scope.profile
        self.loader.load(
            lambda: dashboard(db, year, profile),
            self._show,
            self._on_load_failed,
            background=scope.background,
        )

    def _show(self, board: Dashboard) -> None:
        self.share_chart.set_chart(board.share)
        self.flow_chart.set_chart(board.flow)
        self.category_chart.set_chart(board.categories)
        self.district_chart.set_chart(board.districts)

    def save_pngs(self, folder: Path) -> list[Path]:
        """The four charts as `<name>_<year>.png` in `folder`; the paths written."""
        names = ["dolya_shnor", "voshli_vyshli", "kategorii", "rayony"]
        year = self.scope.year if self.scope is not None else None
        paths = []
        for name, chart in zip(names, self.charts, strict=True):
            path = folder / f"{name}_{year}.png"
            chart.save_png(path)
            paths.append(path)
        return paths

    @Slot()
    def _on_save_clicked(self) -> None:
        save_into_chosen_folder(self, self.save_pngs)
