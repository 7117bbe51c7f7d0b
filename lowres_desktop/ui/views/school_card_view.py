"""«Карточка школы»: one school's details, its charts over the years, and the numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.profiles import RuleProfile, default_profile
from lowres_desktop.services.browse import SchoolCard, list_schools, school_card
from lowres_desktop.services.rule_profiles import current_profile
from lowres_desktop.ui.charts.school_charts_panel import SchoolChartsPanel
from lowres_desktop.ui.models.school_results_table_model import SchoolResultsTableModel
from lowres_desktop.ui.table_setup import setup_table

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database


class SchoolCardView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self.profile: RuleProfile = default_profile()
        self.card: SchoolCard | None = None
        self.picker = QComboBox()
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.setMinimumContentsLength(40)
        self.picker.lineEdit().setPlaceholderText(self.tr("Начните вводить название или логин"))
        completer = QCompleter(self.picker.model(), self.picker)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.picker.setCompleter(completer)
        self.picker.currentIndexChanged.connect(self._on_picker_current_index_changed)
        self.full_name = self._value_label()
        self.login = self._value_label()
        self.kind = self._value_label()
        self.district = self._value_label()
        self.status = self._value_label()
        info = QFormLayout()
        info.addRow(self.tr("Полное наименование:"), self.full_name)
        info.addRow(self.tr("Логин ОО:"), self.login)
        info.addRow(self.tr("Тип:"), self.kind)
        info.addRow(self.tr("Территория:"), self.district)
        info.addRow(self.tr("Статус:"), self.status)
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

    def _value_label(self) -> QLabel:
        label = QLabel()
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def refresh(self, db: Database) -> None:
        """Reload the school list, staying on the current school while it still exists."""
        self._db = db
        self.profile = current_profile(db)
        kept = self.current_login()
        with QSignalBlocker(self.picker):
            self.picker.clear()
            for school in list_schools(db):
                self.picker.addItem(f"{school.short_name} — {school.login}", school.login)
            index = self.picker.findData(kept) if kept else -1
            self.picker.setCurrentIndex(index if index >= 0 else 0 if self.picker.count() else -1)
        self._load()

    def show_school(self, login: str) -> None:
        index = self.picker.findData(login)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def current_login(self) -> str | None:
        data = self.picker.currentData()
        return str(data) if data is not None else None

    @Slot(int)
    def _on_picker_current_index_changed(self, _index: int) -> None:
        self._load()

    def _load(self) -> None:
        login = self.current_login()
        self.card = school_card(self._db, login) if self._db is not None and login else None
        card = self.card
        if card is None:
            for label in (self.full_name, self.login, self.kind, self.district, self.status):
                label.setText("—")
            self.charts.clear(
                self.tr("Школ в базе нет: импортируйте результаты (Файл → Импорт результатов…)")
            )
            self.model.set_results([], self.profile)
            return
        school = card.school
        self.full_name.setText(school.full_name)
        self.login.setText(school.login)
        self.kind.setText(school.kind.value)
        self.district.setText(school.district or "—")
        self.status.setText(self.tr("действует") if school.active else self.tr("не действует"))
        assert self._db is not None
        self.charts.show_school(self._db, school.login, self.profile)
        self.model.set_results(card.results, self.profile)
        header = self.table.horizontalHeader()
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
