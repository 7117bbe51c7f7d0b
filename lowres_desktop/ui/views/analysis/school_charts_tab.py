"""«Графики школы»: one school's charts, the school chosen on another tab or the first flagged one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from lowres_desktop.services.chart_series import school_charts
from lowres_desktop.ui.charts.school_charts_panel import SchoolChartsPanel
from lowres_desktop.ui.views.analysis.tab import AnalysisScope, AnalysisTab

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext


class SchoolChartsTab(AnalysisTab):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.login: str | None = None
        """The school asked for; None until one is chosen (the page then picks the first flagged)."""
        self.panel = SchoolChartsPanel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)

    def load(self, scope: AnalysisScope) -> None:
        """Read the charts of the school asked for, if there is one yet."""
        self.scope = scope
        login = self.login
        if login is None:
            return
        db, profile = scope.db, scope.profile
        self.loader.load(
            lambda: school_charts(db, login, profile),
            self.panel.set_charts,
            self._on_load_failed,
            background=scope.background,
        )

    def show_school(self, login: str, scope: AnalysisScope) -> None:
        self.login = login
        self.load(scope)
