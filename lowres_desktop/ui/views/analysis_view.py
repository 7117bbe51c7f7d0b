"""«Анализ»: the meeting dashboard, categories, dynamics, the heat map, a school's charts, objectivity.

One page with tabs that share the year and the rule profile chosen at the
top; every tab says which profile and year it shows. Changing the profile
opens the profile dialog with its live «what if» preview. Each tab fetches its
data through its own loader: for a region or a country in the background, the
heat map first, so the window never freezes and the caption says «загрузка…».
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QIODevice, QModelIndex, QSignalBlocker, QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.categories import CATEGORY_ORDER, Category
from lowres_desktop.domain.chart_series import Dashboard
from lowres_desktop.domain.dynamics import Dynamics, Trend
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.files.atomic import write_bytes_atomic
from lowres_desktop.files.names import with_extension
from lowres_desktop.services.browse import result_years, school_count
from lowres_desktop.services.categories import CategoryRow, YearCategories, categories_for_year
from lowres_desktop.services.chart_series import HeatMap, dashboard, heat_map, school_charts
from lowres_desktop.services.dynamics import dynamics_for_year
from lowres_desktop.services.objectivity import ObjectivityReport, objectivity_for_year
from lowres_desktop.services.rule_profiles import ProfileList, list_profiles, set_current_profile
from lowres_desktop.ui.charts.analysis_charts import BarChartWidget
from lowres_desktop.ui.charts.school_charts_panel import SchoolChartsPanel
from lowres_desktop.ui.dialogs.rule_profile_dialog import RuleProfileDialog
from lowres_desktop.ui.dialogs.school_profile_dialog import OfficialStatusDialog, SchoolProfileDialog
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.models.heat_map_model import HeatMapTableModel
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.record_table_model import (
    Column,
    PreparedRecords,
    RecordTableModel,
    SortOrder,
    prepare_records,
)
from lowres_desktop.ui.table_export import attach_table_export
from lowres_desktop.ui.table_fit import VisibleRowFitter, fit_columns
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.tasks import BACKGROUND_ROWS, Loader
from lowres_desktop.ui.year_combo_box import YearComboBox
from lowres_desktop.wording.analysis import (
    CATEGORY_TITLES,
    NO_RESULTS,
    SIGN_TITLES,
    TREND_TITLES,
    category_reasons,
    change_text,
    official_text,
    profile_title,
    row_categories_text,
    sign_text,
)
from lowres_desktop.wording.common import format_percent

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext

DISAGREE_COLOR = QColor("#fff0b3")


class Tab:
    DASHBOARD = 0
    CATEGORIES = 1
    DYNAMICS = 2
    HEAT_MAP = 3
    SCHOOL = 4
    OBJECTIVITY = 5


def chosen_rows(rows: list[CategoryRow], choice: object) -> list[CategoryRow]:
    """The rows the category filter keeps: all (None), any category or status, disagreements, one category."""
    if choice is None:
        return rows
    if choice == "any":
        return [r for r in rows if r.computed.categories or r.official]
    if choice == "disagree":
        return [r for r in rows if r.disagrees]
    category = Category(choice)
    return [r for r in rows if category in r.computed.categories]


@dataclass(frozen=True)
class DynamicsScreen:
    """The dynamics tab's texts, built on the loader's thread (thousands of names for a country)."""

    dynamics: Dynamics
    lists: tuple[list[str], list[str], list[str]]
    """The entered, left and stayed schools as the lists show them."""
    trends: PreparedRecords
    districts: PreparedRecords


def _caption() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


class AnalysisView(QWidget):
    sig_school_activated = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._db: Database | None = None
        self.profiles: ProfileList | None = None
        self.categories: YearCategories | None = None
        self.dynamics: Dynamics | None = None
        self.school_login: str | None = None
        self._background = False
        self._caption_text = ""
        self.heat_loader = Loader(self)
        self.category_loader = Loader(self)
        self.dashboard_loader = Loader(self)
        self.dynamics_loader = Loader(self)
        self.objectivity_loader = Loader(self)
        self.school_loader = Loader(self)
        self.loaders = [
            self.heat_loader,
            self.category_loader,
            self.dashboard_loader,
            self.dynamics_loader,
            self.objectivity_loader,
            self.school_loader,
        ]
        for loader in self.loaders:
            loader.sig_busy_changed.connect(self._on_loader_busy_changed)
        self.years = YearComboBox()
        self.years.sig_year_changed.connect(self._on_years_year_changed)
        self.profile_box = QComboBox()
        self.profile_box.setMinimumContentsLength(40)
        self.profile_box.currentIndexChanged.connect(self._on_profile_box_current_index_changed)
        self.edit_profile = QPushButton(self.tr("Изменить профиль…"))
        self.edit_profile.clicked.connect(self._on_edit_profile_clicked)
        self.caption = _caption()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Год:")))
        top.addWidget(self.years)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Профиль правила:")))
        top.addWidget(self.profile_box, 1)
        top.addWidget(self.edit_profile)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._dashboard_tab(), self.tr("Сводка для совещания"))
        self.tabs.addTab(self._categories_tab(), self.tr("Категории"))
        self.tabs.addTab(self._dynamics_tab(), self.tr("Динамика"))
        self.tabs.addTab(self._heat_map_tab(), self.tr("Тепловая карта"))
        self.tabs.addTab(self._school_tab(), self.tr("Графики школы"))
        self.tabs.addTab(self._objectivity_tab(), self.tr("Признаки необъективности"))
        self._tab_loads: dict[int, Callable[[], None]] = {}
        """Per tab, what starts reading its data for the year and profile on screen."""
        self._stale_tabs: set[int] = set()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.caption)
        layout.addWidget(self.tabs, 1)

    # --- building the tabs -------------------------------------------------------------------

    def _dashboard_tab(self) -> QWidget:
        self.share_chart = BarChartWidget()
        self.flow_chart = BarChartWidget()
        self.category_chart = BarChartWidget()
        self.district_chart = BarChartWidget()
        self.dashboard_charts = [self.share_chart, self.flow_chart, self.category_chart, self.district_chart]
        save = QPushButton(self.tr("Сохранить графики в PNG…"))
        save.clicked.connect(self._on_save_dashboard_clicked)
        grid = QGridLayout()
        for number, chart in enumerate(self.dashboard_charts):
            chart.setMinimumSize(420, 260)
            grid.addWidget(chart, number // 2, number % 2)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(grid, 1)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        return tab

    def _categories_tab(self) -> QWidget:
        self.category_model = RecordTableModel(self)
        self.category_proxy = RecordSortProxyModel(self.category_model, self)
        self.category_filter = QLineEdit()
        self.category_filter.setPlaceholderText(self.tr("Поиск по школе, логину, району"))
        self.category_filter.textChanged.connect(self.category_proxy.setFilterFixedString)
        self.category_choice = QComboBox()
        self.category_choice.addItem(self.tr("все школы"), None)
        self.category_choice.addItem(self.tr("с любой категорией"), "any")
        for category in Category:
            self.category_choice.addItem(CATEGORY_TITLES[category], category.value)  # a value, not the enum
        self.category_choice.addItem(self.tr("расхождения с приказом"), "disagree")
        self.category_choice.setCurrentIndex(1)
        self.category_choice.currentIndexChanged.connect(self._on_category_choice_changed)
        self.category_counts = QLabel()
        self.category_counts.setWordWrap(True)
        self.category_table = QTableView()
        attach_table_export(self.category_table, self.tr("Анализ"))
        self.category_table.setModel(self.category_proxy)
        setup_table(self.category_table)
        self.category_table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.category_table.selectionModel().currentRowChanged.connect(self._on_category_row_changed)
        self.category_table.doubleClicked.connect(self._on_category_double_clicked)
        self.reasons = QPlainTextEdit()
        self.reasons.setReadOnly(True)
        self.status_button = QPushButton(self.tr("Статус по приказу…"))
        self.status_button.clicked.connect(self._on_status_button_clicked)
        self.profile_button = QPushButton(self.tr("Профиль школы и наставник…"))
        self.profile_button.clicked.connect(self._on_profile_button_clicked)
        self.charts_button = QPushButton(self.tr("Графики школы"))
        self.charts_button.clicked.connect(self._on_charts_button_clicked)
        filters = QHBoxLayout()
        filters.addWidget(self.category_filter, 1)
        filters.addWidget(self.category_choice)
        buttons = QHBoxLayout()
        buttons.addWidget(self.category_counts, 1)
        for button in (self.status_button, self.profile_button, self.charts_button):
            buttons.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.category_table)
        splitter.addWidget(self.reasons)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        return tab

    def _dynamics_tab(self) -> QWidget:
        self.change_label = QLabel()
        self.change_label.setWordWrap(True)
        font = self.change_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.change_label.setFont(font)
        # String models filled with one call each: a country's list has thousands of schools.
        self.entered_model, self.left_model, self.stayed_model = (QStringListModel(self) for _ in range(3))
        self.entered_title, self.left_title, self.stayed_title = QLabel(), QLabel(), QLabel()
        lists = QHBoxLayout()
        for title, model in (
            (self.entered_title, self.entered_model),
            (self.left_title, self.left_model),
            (self.stayed_title, self.stayed_model),
        ):
            widget = QListView()
            widget.setModel(model)
            widget.setUniformItemSizes(True)
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(widget)
            lists.addLayout(column)
        self.trend_model = RecordTableModel(self)
        self.trend_table = QTableView()
        self.trend_table.setModel(RecordSortProxyModel(self.trend_model, self))
        setup_table(self.trend_table)
        self.district_model = RecordTableModel(self)
        self.district_table = QTableView()
        self.district_table.setModel(self.district_model)
        self.district_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.district_table.setWordWrap(True)
        # Rows as tall as their names, measured when they come into view: a country's cells hold hundreds.
        self.district_fitter = VisibleRowFitter(self.district_table)
        bottom = QHBoxLayout()
        trend_column = QVBoxLayout()
        trend_column.addWidget(QLabel(self.tr("Динамика доли «2» у школ списка по процедурам")))
        trend_column.addWidget(self.trend_table)
        district_column = QVBoxLayout()
        district_column.addWidget(QLabel(self.tr("ШНОР по районам и годам (как таблица 3 приказа)")))
        district_column.addWidget(self.district_table)
        bottom.addLayout(trend_column, 2)
        bottom.addLayout(district_column, 3)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.change_label)
        layout.addLayout(lists, 2)
        layout.addLayout(bottom, 3)
        return tab

    def _heat_map_tab(self) -> QWidget:
        self.heat_model = HeatMapTableModel(self)
        self.heat_filter = QLineEdit()
        self.heat_filter.setPlaceholderText(self.tr("Поиск по школе, логину, району"))
        self.heat_filter.textChanged.connect(self.heat_model.set_filter)
        self.heat_table = QTableView()
        self.heat_table.setModel(self.heat_model)
        self.heat_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.heat_table.setSortingEnabled(True)
        self.heat_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.heat_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat_table.setMouseTracking(True)
        self.heat_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.heat_table.verticalHeader().setDefaultSectionSize(26)
        self.heat_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.heat_table.horizontalHeader().setDefaultSectionSize(86)
        self.heat_table.clicked.connect(self._on_heat_table_clicked)
        self.heat_status = QLabel(self.tr("Загрузка тепловой карты…"))
        self.heat_status.hide()
        legend = QLabel(
            self.tr(
                "Цвет клетки — доля «2»: белый — нет «2», насыщенный красный — порог и выше, "
                "серый — нет данных. Щелчок по школе открывает её карточку."
            )
        )
        legend.setWordWrap(True)
        save = QPushButton(self.tr("Сохранить видимую часть в PNG…"))
        save.clicked.connect(self._on_save_heat_map_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(legend, 1)
        bottom.addWidget(save)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.heat_filter)
        layout.addWidget(self.heat_status)
        layout.addWidget(self.heat_table, 1)
        layout.addLayout(bottom)
        return tab

    def _school_tab(self) -> QWidget:
        self.school_panel = SchoolChartsPanel()
        return self.school_panel

    def _objectivity_tab(self) -> QWidget:
        self.objectivity_label = QLabel()
        self.objectivity_label.setWordWrap(True)
        self.objectivity_model = RecordTableModel(self)
        self.objectivity_table = QTableView()
        self.objectivity_table.setModel(RecordSortProxyModel(self.objectivity_model, self))
        setup_table(self.objectivity_table)
        self.objectivity_table.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.objectivity_label)
        layout.addWidget(self.objectivity_table, 1)
        return tab

    # --- loading -----------------------------------------------------------------------------

    def profile(self) -> RuleProfile | None:
        if self.profiles is None:
            return None
        index = self.profile_box.currentIndex()
        return self.profiles.profiles[index] if index >= 0 else self.profiles.current

    def export_context(self) -> tuple[str, str] | None:
        """Every tab's table depends on the year and the profile: its Excel export names both."""
        year, profile = self.years.year(), self.profile()
        if year is None or profile is None:
            return None
        return str(year), self.tr("{year} г. · {profile}").format(year=year, profile=profile_title(profile))

    def refresh(self, db: Database) -> None:
        """Reload the profiles, the years and every tab from `db`."""
        self._db = db
        self.profiles = list_profiles(db)
        with QSignalBlocker(self.profile_box):
            self.profile_box.clear()
            for profile in self.profiles.profiles:
                self.profile_box.addItem(profile.name)
            self.profile_box.setCurrentIndex(self.profiles.names().index(self.profiles.current.name))
        self._background = school_count(db) > BACKGROUND_ROWS
        self.years.set_years(result_years(db))
        self.reload()

    def reload(self) -> None:
        year, profile, db = self.years.year(), self.profile(), self._db
        enabled = year is not None and profile is not None and db is not None
        self.tabs.setEnabled(enabled)
        self.edit_profile.setEnabled(enabled)
        if not enabled:
            self.caption.setText(
                self.tr("В базе нет результатов: импортируйте их или заполните демонстрационные.")
            )
            return
        assert year is not None and profile is not None and db is not None
        self._caption_text = self.tr("{year} г. · {profile}").format(
            year=year, profile=profile_title(profile)
        )
        self._show_caption()

        def start(
            loader: Loader, fetch: Callable[[], Any], show: Callable[[Any], None]
        ) -> Callable[[], None]:
            return lambda: loader.load(fetch, show, self._on_load_failed, background=self._background)

        self._tab_loads = {
            Tab.HEAT_MAP: start(self.heat_loader, lambda: heat_map(db, year, profile), self._show_heat_map),
            Tab.CATEGORIES: lambda: self._load_categories(lambda: categories_for_year(db, year, profile)),
            Tab.DASHBOARD: start(
                self.dashboard_loader, lambda: dashboard(db, year, profile), self._show_dashboard
            ),
            Tab.DYNAMICS: lambda: self._load_dynamics(db, year, profile),
            Tab.OBJECTIVITY: lambda: self._load_objectivity(db, year, profile),
        }
        self._stale_tabs = {
            Tab.DASHBOARD,
            Tab.CATEGORIES,
            Tab.DYNAMICS,
            Tab.HEAT_MAP,
            Tab.SCHOOL,
            Tab.OBJECTIVITY,
        }
        self._load_tab(self.tabs.currentIndex())

    def _load_tab(self, tab: int) -> None:
        """Read one tab's data when it is first shown for this year and profile.

        For a country each tab takes seconds to compute; reading all six at once made the
        one on screen wait for the others.
        """
        if tab not in self._stale_tabs:
            return
        self._stale_tabs.discard(tab)
        if tab == Tab.SCHOOL:
            if self.school_login is not None:
                self.show_school_charts(self.school_login)
                return
            tab = Tab.CATEGORIES  # its first flagged school is the one the charts show
            self._stale_tabs.discard(tab)
        try:
            self._tab_loads[tab]()
        except DomainError as error:
            show_error(self, error)

    @Slot(int)
    def _on_tabs_current_changed(self, tab: int) -> None:
        self._load_tab(tab)

    def is_loading(self) -> bool:
        return any(loader.is_busy() for loader in self.loaders)

    def _show_caption(self) -> None:
        loading = self.tr(" · загрузка…") if self.is_loading() else ""
        self.caption.setText(self._caption_text + loading)

    def _show_heat_map(self, heat: HeatMap) -> None:
        self.heat_model.set_heat_map(heat)
        # The rows come by district and name, the service's order: no column shows a sort arrow.
        self.heat_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.heat_table.horizontalHeader().resizeSection(0, 220)
        self.heat_table.horizontalHeader().resizeSection(1, 200)

    def _show_dashboard(self, board: Dashboard) -> None:
        self.share_chart.set_chart(board.share)
        self.flow_chart.set_chart(board.flow)
        self.category_chart.set_chart(board.categories)
        self.district_chart.set_chart(board.districts)

    def _load_categories(self, fetch: Callable[[], YearCategories]) -> None:
        """Read the categories and prepare the table's rows on the loader's thread (40,000 for a country)."""
        choice, sort = self.category_choice.currentData(), self.category_model.requested_sort()

        def prepared() -> tuple[YearCategories, PreparedRecords]:
            found = fetch()
            columns = self._category_columns(found.year)
            return found, prepare_records(chosen_rows(found.rows, choice), columns, sort)

        self.category_loader.load(
            prepared, self._show_categories, self._on_load_failed, background=self._background
        )

    def _category_columns(self, year: int) -> list[Column]:
        def since(row: CategoryRow) -> str:
            return str(row.computed.flagged_since) if row.computed.flagged_since else ""

        return [
            Column(self.tr("Школа"), lambda r: r.school.short_name, tooltip=lambda r: r.school.full_name),
            Column(self.tr("Логин ОО"), lambda r: r.school.login),
            Column(self.tr("Район"), lambda r: r.school.district or ""),
            Column(
                self.tr("Категории {year} г.").format(year=year),
                lambda r: row_categories_text(r.computed.categories, r.has_results),
                sort_key=lambda r: CATEGORY_ORDER.index(main) if (main := r.computed.main) else 9,
                highlighted=lambda r: Category.LOW in r.computed.categories,
            ),
            Column(self.tr("В списке с"), since, align_right=True),
            Column(
                self.tr("Лет подряд"),
                lambda r: str(r.computed.years_in_row) if r.computed.years_in_row else "",
                sort_key=lambda r: r.computed.years_in_row,
                align_right=True,
            ),
            Column(self.tr("Статус по приказу"), lambda r: official_text(r.official) if r.official else ""),
            Column(
                self.tr("Расхождение"),
                lambda r: self.tr("≠ отличается") if r.disagrees else "",
                highlighted=lambda r: r.disagrees,
                header_tooltip=self.tr("Вычисленная категория и статус по приказу различаются"),
            ),
        ]

    def _show_categories(self, loaded: tuple[YearCategories, PreparedRecords]) -> None:
        found, prepared = loaded
        self.categories = found
        self.category_model.set_prepared(prepared)
        fit_columns(self.category_table, self.category_model)
        counts = ", ".join(f"{CATEGORY_TITLES[c]}: {self.categories.count(c)}" for c in Category)
        disagreements = sum(1 for r in self.categories.rows if r.disagrees)
        self.category_counts.setText(
            self.tr("Всего школ {total}; {counts}; {none}: {without}; расхождений с приказом: {n}").format(
                total=len(self.categories.rows),
                counts=counts,
                none=NO_RESULTS,
                without=self.categories.without_results(),
                n=disagreements,
            )
        )
        self.reasons.clear()
        if self.school_login is None and found.rows:
            # The charts tab, opened first, waits for this: it shows the first school with a category.
            self.school_login = (
                next((r.school.login for r in found.rows if r.computed.categories), None)
                or found.rows[0].school.login
            )
            if self.tabs.currentIndex() == Tab.SCHOOL:
                self.show_school_charts(self.school_login)

    def _load_dynamics(self, db: Database, year: int, profile: RuleProfile) -> None:
        """Read the dynamics and build every text of the tab on the loader's thread."""
        sort = self.trend_model.requested_sort()
        self.dynamics_loader.load(
            lambda: self._dynamics_screen(dynamics_for_year(db, year, profile), sort),
            self._show_dynamics,
            self._on_load_failed,
            background=self._background,
        )

    def _dynamics_screen(self, found: Dynamics, sort: SortOrder | None) -> DynamicsScreen:
        change = found.change

        def named(logins: tuple[str, ...]) -> list[str]:
            texts = []
            for school in found.named(logins):
                in_row, total = found.years_on_list.get(school.login, (0, 0))
                suffix = self.tr(" — {n} г. подряд, всего {t}").format(n=in_row, t=total) if in_row else ""
                texts.append(f"{school.short_name}{suffix}")
            return texts

        return DynamicsScreen(
            found,
            (named(change.entered), named(change.left), named(change.stayed)),
            prepare_records(found.trend_summary, self._trend_columns(), sort),
            prepare_records(*self._district_rows(found), None),
        )

    def _trend_columns(self) -> list[Column]:
        return [
            Column(self.tr("Процедура"), lambda s: s.procedure.code),
            Column(self.tr("Школ"), lambda s: str(s.schools), sort_key=lambda s: s.schools, align_right=True),
            Column(
                TREND_TITLES[Trend.POSITIVE].capitalize(),
                lambda s: f"{s.positive} ({format_percent(s.positive_share)})",
                sort_key=lambda s: s.positive_share,
            ),
            Column(
                self.tr("Отрицательная"),
                lambda s: f"{s.negative} ({format_percent(s.negative_share)})",
                sort_key=lambda s: s.negative_share,
                highlighted=lambda s: (s.negative_share or 0) >= 50,
            ),
        ]

    def _district_rows(self, found: Dynamics) -> tuple[list[tuple[str, list[str]]], list[Column]]:
        """Seed 003's table 3 for the last four years: a district's schools per year, then the totals."""
        years = found.years[-4:]
        rows = [
            (
                row.district,
                ["\n".join(s.short_name for s in row.by_year.get(one, [])) or "—" for one in years],
            )
            for row in found.districts_flagged
            if any(row.by_year.get(y) for y in years)
        ]
        totals = [str(sum(len(row.by_year.get(one, [])) for row in found.districts_flagged)) for one in years]
        rows.append((self.tr("Всего ОО"), totals))
        columns = [Column(self.tr("Район"), lambda r: r[0])]
        columns += [
            Column(str(one), lambda r, column=column: r[1][column]) for column, one in enumerate(years)
        ]
        return rows, columns

    def _show_dynamics(self, screen: DynamicsScreen) -> None:
        found = screen.dynamics
        self.dynamics = found
        change = found.change
        self.change_label.setText("\n".join(change_text(change)))
        for title, label, model, logins, texts in zip(
            (self.tr("Вошли"), self.tr("Вышли"), self.tr("Остались")),
            (self.entered_title, self.left_title, self.stayed_title),
            (self.entered_model, self.left_model, self.stayed_model),
            (change.entered, change.left, change.stayed),
            screen.lists,
            strict=True,
        ):
            label.setText(f"<b>{title} ({len(logins)})</b>")
            model.setStringList(texts)
        self.trend_model.set_prepared(screen.trends)
        fit_columns(self.trend_table, self.trend_model)
        self.district_model.set_prepared(screen.districts)
        fit_columns(self.district_table, self.district_model)

    def _load_objectivity(self, db: Database, year: int, profile: RuleProfile) -> None:
        """Read the signs and prepare the table's rows on the loader's thread."""
        sort = self.objectivity_model.requested_sort()

        def prepared() -> tuple[ObjectivityReport, PreparedRecords]:
            report = objectivity_for_year(db, year, profile)
            flat = [(row.school, sign) for row in report.schools for sign in row.signs]
            return report, prepare_records(flat, self._objectivity_columns(), sort)

        self.objectivity_loader.load(
            prepared, self._show_objectivity, self._on_load_failed, background=self._background
        )

    def _objectivity_columns(self) -> list[Column]:
        return [
            Column(self.tr("Школа"), lambda p: p[0].short_name, tooltip=lambda p: p[0].full_name),
            Column(self.tr("Район"), lambda p: p[0].district or ""),
            Column(self.tr("Признак"), lambda p: SIGN_TITLES[p[1].kind]),
            Column(self.tr("Основание"), lambda p: sign_text(p[1])),
        ]

    def _show_objectivity(self, loaded: tuple[ObjectivityReport, PreparedRecords]) -> None:
        report, prepared = loaded
        self.objectivity_label.setText(
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
        self.objectivity_model.set_prepared(prepared)
        fit_columns(self.objectivity_table, self.objectivity_model)

    def show_school_charts(self, login: str) -> None:
        profile, db = self.profile(), self._db
        if profile is None or db is None:
            return
        self.school_login = login
        self._stale_tabs.discard(Tab.SCHOOL)
        self.school_loader.load(
            lambda: school_charts(db, login, profile),
            self.school_panel.set_charts,
            self._on_load_failed,
            background=self._background,
        )

    def _on_load_failed(self, error: BaseException) -> None:
        show_error(self, error)

    @Slot(bool)
    def _on_loader_busy_changed(self, _busy: bool) -> None:
        self._show_caption()
        heat_loading = self.heat_loader.is_busy()
        self.heat_status.setVisible(heat_loading)
        self.heat_table.setEnabled(not heat_loading)

    # --- slots -------------------------------------------------------------------------------

    def _selected_row(self) -> CategoryRow | None:
        index = self.category_table.currentIndex()
        if not index.isValid():
            return None
        return self.category_model.record(self.category_proxy.mapToSource(index).row())

    @Slot(int)
    def _on_years_year_changed(self, _year: int) -> None:
        self.reload()

    @Slot(int)
    def _on_profile_box_current_index_changed(self, _index: int) -> None:
        profile = self.profile()
        if profile is None or self._db is None:
            self.reload()
            return
        name = profile.name
        self.context.operations.write(
            self,
            self.tr("Текущий профиль"),
            lambda db, _p, _c: set_current_profile(db, name),
            lambda _r: self.reload(),
            lambda _e: self.reload(),
            initiator=self,
        )

    @Slot()
    def _on_edit_profile_clicked(self) -> None:
        self.open_profile_dialog()

    def open_profile_dialog(self) -> RuleProfileDialog | None:
        year, profile, db = self.years.year(), self.profile(), self._db
        if year is None or profile is None or db is None:
            return None
        dialog = RuleProfileDialog(self.context, year, profile, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot(int)
    def _on_category_choice_changed(self, _index: int) -> None:
        found = self.categories
        if found is not None and self.profile() is not None:
            self._load_categories(lambda: found)

    @Slot(QModelIndex, QModelIndex)
    def _on_category_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        row, profile = self._selected_row(), self.profile()
        if row is None or profile is None:
            self.reasons.clear()
            return
        lines = [f"{row.school.full_name} ({row.school.login})"]
        lines += category_reasons(row.computed, profile) or [self.tr("Категорий нет.")]
        if row.official:
            lines.append(self.tr("По приказу: {text}").format(text=official_text(row.official)))
        if row.disagrees:
            lines.append(self.tr("Вычисленная категория и статус по приказу различаются."))
        self.reasons.setPlainText("\n".join(lines))

    @Slot(QModelIndex)
    def _on_category_double_clicked(self, _index: QModelIndex) -> None:
        row = self._selected_row()
        if row is not None:
            self.sig_school_activated.emit(row.school.login)

    @Slot()
    def _on_status_button_clicked(self) -> None:
        row, year = self._selected_row(), self.years.year()
        if row is None or year is None or self._db is None:
            return
        dialog = OfficialStatusDialog(self.context, row.school.login, row.school.short_name, year, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_profile_button_clicked(self) -> None:
        row, year, profile = self._selected_row(), self.years.year(), self.profile()
        if row is None or year is None or profile is None or self._db is None:
            return
        dialog = SchoolProfileDialog(self.context, row.school.login, year, profile, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_charts_button_clicked(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.show_school_charts(row.school.login)
            self.tabs.setCurrentIndex(Tab.SCHOOL)

    @Slot(QModelIndex)
    def _on_heat_table_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == 0:
            login = self.heat_model.row(index.row()).school.login
            self.show_school_charts(login)
            self.sig_school_activated.emit(login)

    def _folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Папка для графиков"))
        return Path(name) if name else None

    def save_dashboard(self, folder: Path) -> list[Path]:
        names = ["dolya_shnor", "voshli_vyshli", "kategorii", "rayony"]
        year = self.years.year()
        paths = []
        for name, chart in zip(names, self.dashboard_charts, strict=True):
            path = folder / f"{name}_{year}.png"
            chart.save_png(path)
            paths.append(path)
        return paths

    @Slot()
    def _on_save_dashboard_clicked(self) -> None:
        folder = self._folder()
        if folder:
            self.save_dashboard(folder)

    @Slot()
    def _on_save_heat_map_clicked(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Сохранить тепловую карту"),
            f"teplovaya_karta_{self.years.year()}.png",
            "PNG (*.png)",
        )
        if name:
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            self.heat_table.grab().save(buffer, "PNG")
            try:
                write_bytes_atomic(with_extension(name, ".png"), bytes(buffer.data()))
            except DomainError as error:
                show_error(self, error)
