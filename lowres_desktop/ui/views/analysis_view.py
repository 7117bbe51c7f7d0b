"""«Анализ»: the meeting dashboard, categories, dynamics, the heat map, a school's charts, objectivity.

One page with tabs that share the year and the rule profile chosen at the
top; every tab says which profile and year it shows. Changing the profile
opens the profile dialog with its live «what if» preview. Each tab is its own
widget (`views/analysis/`) that reads its data when first shown for the year
and profile: for a region or a country in the background, so the window never
freezes and the caption says «загрузка…». This page holds what they share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.ui.charts.chart_pages import chart_caption
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.views.analysis.categories_tab import CategoriesTab
from lowres_desktop.ui.views.analysis.dashboard_tab import DashboardTab
from lowres_desktop.ui.views.analysis.dynamics_tab import DynamicsTab
from lowres_desktop.ui.views.analysis.heat_map_tab import HeatMapTab
from lowres_desktop.ui.views.analysis.objectivity_tab import ObjectivityTab
from lowres_desktop.ui.views.analysis.school_charts_tab import SchoolChartsTab
from lowres_desktop.ui.views.analysis.scope_bar import AnalysisScopeBar
from lowres_desktop.ui.views.analysis.tab import AnalysisScope, AnalysisTab
from lowres_desktop.wording.analysis import profile_title

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext


class Tab:
    DASHBOARD = 0
    CATEGORIES = 1
    DYNAMICS = 2
    HEAT_MAP = 3
    SCHOOL = 4
    OBJECTIVITY = 5


class AnalysisView(QWidget):
    sig_school_activated = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._scope: AnalysisScope | None = None
        self._caption_text = ""
        self.scope_bar = AnalysisScopeBar(context)
        self.scope_bar.sig_changed.connect(self._on_scope_bar_changed)
        self.caption = chart_caption()
        self.dashboard_tab = DashboardTab(context)
        self.categories_tab = CategoriesTab(context)
        self.categories_tab.sig_school_activated.connect(self.sig_school_activated)
        self.categories_tab.sig_charts_requested.connect(self._on_categories_tab_charts_requested)
        self.categories_tab.sig_loaded.connect(self._on_categories_tab_loaded)
        self.dynamics_tab = DynamicsTab(context)
        self.heat_map_tab = HeatMapTab(context)
        # A school clicked on the heat map: its charts are ready when the specialist comes back.
        self.heat_map_tab.sig_school_activated.connect(self.show_school_charts)
        self.heat_map_tab.sig_school_activated.connect(self.sig_school_activated)
        self.school_tab = SchoolChartsTab(context)
        self.objectivity_tab = ObjectivityTab(context)
        self.tabs = QTabWidget()
        self._tabs: list[AnalysisTab] = []
        for tab, title in (
            (self.dashboard_tab, self.tr("Сводка для совещания")),
            (self.categories_tab, self.tr("Категории")),
            (self.dynamics_tab, self.tr("Динамика")),
            (self.heat_map_tab, self.tr("Тепловая карта")),
            (self.school_tab, self.tr("Графики школы")),
            (self.objectivity_tab, self.tr("Признаки необъективности")),
        ):
            self.tabs.addTab(tab, title)
            self._tabs.append(tab)
            tab.loader.sig_busy_changed.connect(self._on_loader_busy_changed)
        self._stale_tabs: set[int] = set()
        """The tabs not read yet for the year and profile on screen."""
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope_bar)
        layout.addWidget(self.caption)
        layout.addWidget(self.tabs, 1)

    def export_context(self) -> tuple[str, str] | None:
        """Every tab's table depends on the year and the profile: its Excel export names both."""
        scope = self.scope_bar.scope()
        if scope is None:
            return None
        return str(scope.year), self.tr("{year} г. · {profile}").format(
            year=scope.year, profile=profile_title(scope.profile)
        )

    def refresh(self, db: Database) -> None:
        """Reload the profiles, the years and every tab from `db`."""
        self.scope_bar.refresh(db)
        self.reload()

    def reload(self) -> None:
        """Mark every tab unread for the year and profile on screen, and read the one shown."""
        self._scope = scope = self.scope_bar.scope()
        self.tabs.setEnabled(scope is not None)
        self.scope_bar.edit_profile.setEnabled(scope is not None)
        if scope is None:
            self.caption.setText(
                self.tr("В базе нет результатов: импортируйте их или заполните демонстрационные.")
            )
            return
        self._caption_text = self.tr("{year} г. · {profile}").format(
            year=scope.year, profile=profile_title(scope.profile)
        )
        self._show_caption()
        self._stale_tabs = set(range(len(self._tabs)))
        self._load_tab(self.tabs.currentIndex())

    def _load_tab(self, index: int) -> None:
        """Read one tab's data when it is first shown for this year and profile.

        For a country each tab takes seconds to compute; reading all six at once made the
        one on screen wait for the others.
        """
        if index not in self._stale_tabs or self._scope is None:
            return
        self._stale_tabs.discard(index)
        if index == Tab.SCHOOL and self.school_tab.login is None:
            index = Tab.CATEGORIES  # its first flagged school is the one the charts show
            self._stale_tabs.discard(index)
        try:
            self._tabs[index].load(self._scope)
        except DomainError as error:
            show_error(self, error)

    def show_school_charts(self, login: str) -> None:
        if self._scope is None:
            return
        self._stale_tabs.discard(Tab.SCHOOL)
        self.school_tab.show_school(login, self._scope)

    def is_loading(self) -> bool:
        return any(tab.loader.is_busy() for tab in self._tabs)

    def _show_caption(self) -> None:
        loading = self.tr(" · загрузка…") if self.is_loading() else ""
        self.caption.setText(self._caption_text + loading)

    # --- slots -------------------------------------------------------------------------------

    @Slot()
    def _on_scope_bar_changed(self) -> None:
        self.reload()

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        self._load_tab(index)

    @Slot(bool)
    def _on_loader_busy_changed(self, _busy: bool) -> None:
        self._show_caption()

    @Slot()
    def _on_categories_tab_loaded(self) -> None:
        if self.school_tab.login is None and (login := self.categories_tab.first_school()) is not None:
            self.school_tab.login = login
            if self.tabs.currentIndex() == Tab.SCHOOL:
                self.show_school_charts(login)

    @Slot(str)
    def _on_categories_tab_charts_requested(self, login: str) -> None:
        self.show_school_charts(login)
        self.tabs.setCurrentIndex(Tab.SCHOOL)
