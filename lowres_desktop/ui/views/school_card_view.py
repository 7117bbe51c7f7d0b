"""«Карточка школы»: one school's details, its charts over the years, and the numbers.

The card reads one school: its results, its categories (from its own
results) and the municipal means (cached per data version). For a region or
a country the school list and the chosen school's data are read in the
background, so the window never waits for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.chart_series import SchoolCharts
from lowres_desktop.domain.profiles import RuleProfile, default_profile
from lowres_desktop.domain.records import School
from lowres_desktop.services.browse import list_schools, school_count
from lowres_desktop.services.chart_series import school_charts
from lowres_desktop.services.rule_profiles import current_profile
from lowres_desktop.ui.charts.school_charts_panel import SchoolChartsPanel
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.models.school_results_table_model import SchoolResultsTableModel
from lowres_desktop.ui.school_picker import SchoolPicker
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.tasks import BACKGROUND_ROWS, Loader

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database


def _choices(schools: list[School]) -> list[tuple[str, str]]:
    return [(f"{school.short_name} — {school.login}", school.login) for school in schools]


class SchoolCardView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._background = False
        self._wanted: str | None = None
        """The school the card shows or is reading: kept while the list itself is still loading."""
        self.profile: RuleProfile = default_profile()
        self.charts_data: SchoolCharts | None = None
        self.list_loader = Loader(self)
        self.card_loader = Loader(self)
        self.picker = SchoolPicker()
        self.picker.set_placeholder(self.tr("Начните вводить название или логин"))
        self.picker.sig_login_changed.connect(self._on_picker_login_changed)
        self.full_name = self._value_label(wrap=True)
        self.login = self._value_label()
        self.kind = self._value_label()
        self.district = self._value_label(wrap=True)
        self.status = self._value_label()
        # Two lines, not five: at 1366×768 every line taken here was a row of results lost below.
        # The full name has the first line to itself and wraps: as registers write it
        # («Муниципальное бюджетное общеобразовательное учреждение …») it made the page 1912 px
        # wide on a 1024 px window; the territory, the other long value, comes last and wraps.
        name_row = QHBoxLayout()
        name_row.addWidget(QLabel(self.tr("Полное наименование:")))
        name_row.addWidget(self.full_name, 1)
        details = QHBoxLayout()
        details.setSpacing(6)
        for number, (label, value) in enumerate(
            (
                (self.tr("Логин ОО:"), self.login),
                (self.tr("Тип:"), self.kind),
                (self.tr("Статус:"), self.status),
                (self.tr("Территория:"), self.district),
            )
        ):
            if number:
                details.addSpacing(18)
            details.addWidget(QLabel(label))
            details.addWidget(value, 1 if value is self.district else 0)
        info = QVBoxLayout()
        info.addLayout(name_row)
        info.addLayout(details)
        self.charts = SchoolChartsPanel()
        self.model = SchoolResultsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.setSortingEnabled(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.charts)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([4000, 1000])
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Школа:")))
        top.addWidget(self.picker)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(info)
        layout.addWidget(splitter, 1)

    def _value_label(self, *, wrap: bool = False) -> QLabel:
        """`wrap` for a name of any length: a full name as registers write it («Муниципальное
        бюджетное общеобразовательное учреждение …») on one line ran the page past the window."""
        label = QLabel()
        label.setWordWrap(wrap)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def refresh(self, db: Database) -> None:
        """Reload the school list, staying on the current school while it still exists."""
        if db is not self._db:
            self._wanted = None
        self._db = db
        self.profile = current_profile(db)
        self._background = school_count(db) > BACKGROUND_ROWS
        if self._background:
            self.picker.set_placeholder(self.tr("Загрузка списка школ…"))
        self.list_loader.load(lambda: _choices(list_schools(db)), self._show_list, self._on_load_failed,
                              background=self._background)  # fmt: skip

    def is_loading(self) -> bool:
        return self.list_loader.is_busy() or self.card_loader.is_busy()

    def show_school(self, login: str) -> None:
        """Open `login`'s card; while the list is loading, the card is read at once all the same."""
        if self.list_loader.is_busy():
            self._load(login)
        elif self.picker.select_login(login):
            self._load(login)

    def current_login(self) -> str | None:
        return self._wanted

    def _show_list(self, choices: list[tuple[str, str]]) -> None:
        self.picker.set_placeholder(self.tr("Начните вводить название или логин"))
        offered = {login for _text, login in choices}
        self.picker.set_schools(choices, self._wanted if self._wanted in offered else None)
        login = self.picker.current_login()
        if login is None:
            self._wanted = None
            self._show(None)
        elif login != self._wanted or not self.card_loader.is_busy():
            self._load(login)

    @Slot(str)
    def _on_picker_login_changed(self, login: str) -> None:
        self._load(login)

    def _load(self, login: str) -> None:
        assert self._db is not None
        self._wanted = login
        db, profile = self._db, self.profile
        if self._background:
            self.charts.caption.setText(self.tr("Загрузка…"))
        self.card_loader.load(lambda: school_charts(db, login, profile), self._show, self._on_load_failed,
                              background=self._background)  # fmt: skip

    def _show(self, charts: SchoolCharts | None) -> None:
        self.charts_data = charts
        if charts is None:
            for label in (self.full_name, self.login, self.kind, self.district, self.status):
                label.setText("—")
            self.charts.clear(
                self.tr("Школ в базе нет: импортируйте результаты (Файл → Импорт результатов…)")
            )
            self.model.set_results([], self.profile)
            return
        school = charts.school
        self.full_name.setText(school.full_name)
        self.login.setText(school.login)
        self.kind.setText(school.kind.value)
        self.district.setText(school.district or "—")
        self.status.setText(self.tr("действует") if school.active else self.tr("не действует"))
        self.charts.set_charts(charts)
        self.model.set_results(charts.results, self.profile)
        header = self.table.horizontalHeader()
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)

    def _on_load_failed(self, error: BaseException) -> None:
        self.charts.caption.setText("")
        show_error(self, error)
