"""«Категории»: every school's categories for the year beside its status by the order, and why.

The rows are prepared on the loader's thread (40,000 for a country). From a
school the specialist sets its status by the order, its profile and mentor,
or opens its charts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.categories import CATEGORY_ORDER, Category
from lowres_desktop.services.categories import CategoryRow, YearCategories, categories_for_year
from lowres_desktop.ui.dialogs.school_profile_dialog import OfficialStatusDialog, SchoolProfileDialog
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.record_table_model import (
    Column,
    PreparedRecords,
    RecordTableModel,
    prepare_records,
)
from lowres_desktop.ui.table_export import attach_table_export
from lowres_desktop.ui.table_fit import fit_columns
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.views.analysis.tab import AnalysisScope, AnalysisTab
from lowres_desktop.wording.analysis import (
    CATEGORY_TITLES,
    NO_RESULTS,
    category_reasons,
    official_text,
    row_categories_text,
)

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext


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


class CategoriesTab(AnalysisTab):
    sig_school_activated = Signal(str)
    """A school double-clicked: the page opens its card."""
    sig_charts_requested = Signal(str)
    """«Графики школы» pressed for a school: the page shows its charts."""
    sig_loaded = Signal()
    """The year's categories are on screen (the charts tab, opened first, waits for its first school)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.categories: YearCategories | None = None
        self.model = RecordTableModel(self)
        self.proxy = RecordSortProxyModel(self.model, self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Поиск по школе, логину, району"))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.choice = QComboBox()
        self.choice.addItem(self.tr("все школы"), None)
        self.choice.addItem(self.tr("с любой категорией"), "any")
        for category in Category:
            self.choice.addItem(CATEGORY_TITLES[category], category.value)  # a value, not the enum
        self.choice.addItem(self.tr("расхождения с приказом"), "disagree")
        self.choice.setCurrentIndex(1)
        self.choice.currentIndexChanged.connect(self._on_choice_current_index_changed)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.table = QTableView()
        attach_table_export(self.table, self.tr("Анализ"))
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.reasons = QPlainTextEdit()
        self.reasons.setReadOnly(True)
        self.status_button = QPushButton(self.tr("Статус по приказу…"))
        self.status_button.clicked.connect(self._on_status_button_clicked)
        self.profile_button = QPushButton(self.tr("Профиль школы и наставник…"))
        self.profile_button.clicked.connect(self._on_profile_button_clicked)
        self.charts_button = QPushButton(self.tr("Графики школы"))
        self.charts_button.clicked.connect(self._on_charts_button_clicked)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.choice)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counts, 1)
        for button in (self.status_button, self.profile_button, self.charts_button):
            buttons.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.reasons)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # --- loading -----------------------------------------------------------------------------

    def load(self, scope: AnalysisScope) -> None:
        self.scope = scope
        db, year, profile = scope.db, scope.year, scope.profile
        self._load(lambda: categories_for_year(db, year, profile))

    def _load(self, fetch: Callable[[], YearCategories]) -> None:
        """Read the categories and prepare the table's rows on the loader's thread (40,000 for a country)."""
        assert self.scope is not None
        choice, sort = self.choice.currentData(), self.model.requested_sort()

        def prepared() -> tuple[YearCategories, PreparedRecords]:
            found = fetch()
            columns = self._columns(found.year)
            return found, prepare_records(chosen_rows(found.rows, choice), columns, sort)

        self.loader.load(prepared, self._show, self._on_load_failed, background=self.scope.background)

    def _columns(self, year: int) -> list[Column]:
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

    def _show(self, loaded: tuple[YearCategories, PreparedRecords]) -> None:
        found, prepared = loaded
        self.categories = found
        self.model.set_prepared(prepared)
        fit_columns(self.table, self.model)
        counts = ", ".join(f"{CATEGORY_TITLES[c]}: {found.count(c)}" for c in Category)
        disagreements = sum(1 for r in found.rows if r.disagrees)
        self.counts.setText(
            self.tr("Всего школ {total}; {counts}; {none}: {without}; расхождений с приказом: {n}").format(
                total=len(found.rows),
                counts=counts,
                none=NO_RESULTS,
                without=found.without_results(),
                n=disagreements,
            )
        )
        self.reasons.clear()
        self.sig_loaded.emit()

    def first_school(self) -> str | None:
        """The school the charts show first: the first with a category, else the first of all."""
        rows = self.categories.rows if self.categories is not None else []
        if not rows:
            return None
        return next((r.school.login for r in rows if r.computed.categories), None) or rows[0].school.login

    # --- slots -------------------------------------------------------------------------------

    def selected_row(self) -> CategoryRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    @Slot(int)
    def _on_choice_current_index_changed(self, _index: int) -> None:
        found = self.categories
        if found is not None and self.scope is not None:
            self._load(lambda: found)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        row, scope = self.selected_row(), self.scope
        if row is None or scope is None:
            self.reasons.clear()
            return
        lines = [f"{row.school.full_name} ({row.school.login})"]
        lines += category_reasons(row.computed, scope.profile) or [self.tr("Категорий нет.")]
        if row.official:
            lines.append(self.tr("По приказу: {text}").format(text=official_text(row.official)))
        if row.disagrees:
            lines.append(self.tr("Вычисленная категория и статус по приказу различаются."))
        self.reasons.setPlainText("\n".join(lines))

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        row = self.selected_row()
        if row is not None:
            self.sig_school_activated.emit(row.school.login)

    @Slot()
    def _on_status_button_clicked(self) -> None:
        row, scope = self.selected_row(), self.scope
        if row is None or scope is None:
            return
        dialog = OfficialStatusDialog(self.context, row.school.login, row.school.short_name, scope.year, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_profile_button_clicked(self) -> None:
        row, scope = self.selected_row(), self.scope
        if row is None or scope is None:
            return
        dialog = SchoolProfileDialog(self.context, row.school.login, scope.year, scope.profile, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_charts_button_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.sig_charts_requested.emit(row.school.login)
