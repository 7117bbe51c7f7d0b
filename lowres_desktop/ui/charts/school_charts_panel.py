"""One school's charts as inspectors show them: «% 2» and high results with the threshold and the
city means, and the categories the school had each year.

The school card and the analysis page both show this panel, fed by the same
`school_charts` series that the school passport document draws.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from lowres_desktop.domain.chart_series import SchoolCharts
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.services.chart_series import school_charts
from lowres_desktop.ui.charts.analysis_charts import CategoryStripWidget, LineChartWidget
from lowres_desktop.ui.charts.chart_pages import chart_caption, save_into_chosen_folder

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database


class SchoolChartsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.login: str | None = None
        self.caption = chart_caption()
        self.low_chart = LineChartWidget()
        self.high_chart = LineChartWidget()
        self.strip_chart = CategoryStripWidget()
        self.strip_chart.setMinimumHeight(140)
        self.strip_chart.setMaximumHeight(170)
        for chart in (self.low_chart, self.high_chart):
            chart.setMinimumHeight(260)
        save = QPushButton(self.tr("Сохранить графики в PNG…"))
        save.clicked.connect(self._on_save_clicked)
        charts = QHBoxLayout()
        charts.addWidget(self.low_chart)
        charts.addWidget(self.high_chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(charts, 3)
        layout.addWidget(self.strip_chart, 1)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)

    def show_school(self, db: Database, login: str, profile: RuleProfile) -> None:
        self.set_charts(school_charts(db, login, profile))

    def set_charts(self, charts: SchoolCharts) -> None:
        """Show series fetched already, e.g. in the background by the analysis page."""
        self.login = charts.school.login
        self.caption.setText(charts.caption)
        self.low_chart.set_chart(charts.low)
        self.high_chart.set_chart(charts.high)
        self.strip_chart.set_years(charts.categories, self.tr("Категории школы по годам"))

    def clear(self, message: str) -> None:
        self.login = None
        self.caption.setText(message)
        for chart in (self.low_chart, self.high_chart, self.strip_chart):
            chart.plot.clear()
            chart.legend.clear()

    def save_pngs(self, folder: Path) -> list[Path]:
        login = self.login or "school"
        paths = [
            folder / f"{login}_dolya_2.png",
            folder / f"{login}_vysokie.png",
            folder / f"{login}_kategorii.png",
        ]
        for path, chart in zip(paths, (self.low_chart, self.high_chart, self.strip_chart), strict=True):
            chart.save_png(path)
        return paths

    @Slot()
    def _on_save_clicked(self) -> None:
        save_into_chosen_folder(self, self.save_pngs)
