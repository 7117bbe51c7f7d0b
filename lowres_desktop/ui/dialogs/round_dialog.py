"""A monitoring round: its name, period, the roadmap it checks, which items and which schools.

The schools and the ones the rule flagged in recent years are read when the
dialog opens, in the background for a large database: for a country that is
40,000 schools and three years of categories, seconds of work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.monitoring import MonitoringRound, validate_round
from lowres_desktop.domain.records import School
from lowres_desktop.domain.roadmaps import Roadmap, numbered_items
from lowres_desktop.ui.dialogs.school_picker_dialog import SchoolChecklist
from lowres_desktop.ui.errors import show_error, show_message
from lowres_desktop.ui.tasks import Loader

NO_DATE = QDate(2000, 1, 1)
ITEM_ROLE = Qt.ItemDataRole.UserRole


class RoundDialog(QDialog):
    """`flagged` reads, per recent year, the logins the rule flags, for «выявленные за год»."""

    def __init__(
        self,
        roadmaps: Sequence[Roadmap],
        schools: Callable[[], Sequence[School]],
        flagged: Callable[[], dict[int, list[str]]],
        current: MonitoringRound | None = None,
        parent: QWidget | None = None,
        *,
        background: bool,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Мониторинг") if current else self.tr("Новый мониторинг"))
        self._roadmaps = list(roadmaps)
        self._flagged: dict[int, list[str]] = {}
        self.name = QLineEdit(current.name if current else self.tr("Мониторинг выполнения дорожной карты"))
        self.period_text = QLineEdit(current.period_text if current else "")
        self.period_text.setPlaceholderText(self.tr("например: 1 полугодие 2020-2021 учебного года"))
        self.starts_on = QDateEdit()
        self.ends_on = QDateEdit()
        for edit, value in (
            (self.starts_on, current.starts_on if current else None),
            (self.ends_on, current.ends_on if current else None),
        ):
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setCalendarPopup(True)
            edit.setMinimumDate(NO_DATE)
            edit.setSpecialValueText(self.tr("—"))
            edit.setDate(QDate(value) if value else NO_DATE)
        self.roadmap = QComboBox()
        # Roadmap titles run to 200 characters: they must not make the dialog wider than the screen.
        self.roadmap.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.roadmap.setMinimumContentsLength(40)
        for roadmap in self._roadmaps:
            self.roadmap.addItem(roadmap.title, roadmap.id)
        if current is not None:
            self.roadmap.setCurrentIndex(max(0, self.roadmap.findData(current.roadmap_id)))
            self.roadmap.setEnabled(False)
        self.roadmap.currentIndexChanged.connect(self._on_roadmap_changed)
        self.items = QListWidget()
        self.schools = SchoolChecklist(current.schools if current else ())
        self.flag_year = QSpinBox()
        self.flag_year.setRange(2000, 2100)
        self.flag_year.setValue(date.today().year)
        self.take_flagged = QPushButton(self.tr("Отметить выявленные за год"))
        self.take_flagged.clicked.connect(self._on_take_flagged)
        self.flagged_status = QLabel(self.tr("Загрузка…"))
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.flagged_loader = Loader(self)
        self.flagged_loader.sig_busy_changed.connect(self._on_loading_changed)
        self.schools.loader.sig_busy_changed.connect(self._on_loading_changed)
        flagged_row = QHBoxLayout()
        flagged_row.addWidget(self.flag_year)
        flagged_row.addWidget(self.take_flagged)
        flagged_row.addWidget(self.flagged_status)
        flagged_row.addStretch(1)
        dates = QHBoxLayout()
        dates.addWidget(self.starts_on)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.ends_on)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Название:"), self.name)
        form.addRow(self.tr("Период:"), self.period_text)
        form.addRow(self.tr("Даты:"), dates)
        form.addRow(self.tr("Дорожная карта:"), self.roadmap)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        items_row = QHBoxLayout()
        items_row.addWidget(QLabel(self.tr("Проверяемые мероприятия:")), 1)
        self.check_all = QPushButton(self.tr("Отметить все"))
        self.check_all.clicked.connect(lambda: self._check_every_item(Qt.CheckState.Checked))
        self.check_none = QPushButton(self.tr("Снять все"))
        self.check_none.clicked.connect(lambda: self._check_every_item(Qt.CheckState.Unchecked))
        items_row.addWidget(self.check_all)
        items_row.addWidget(self.check_none)
        left.addLayout(items_row)
        left.addWidget(self.items)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Школы:")))
        right.addLayout(flagged_row)
        right.addWidget(self.rule_label)
        right.addWidget(self.schools)
        lists.addLayout(left, 3)
        lists.addLayout(right, 2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lists, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 700)
        self._current = current
        self._on_roadmap_changed()
        self.schools.load(schools, background=background)
        self.flagged_loader.load(flagged, self._show_flagged, self._on_load_failed, background=background)
        self._on_loading_changed(self.is_loading())  # a small database answered already

    def is_loading(self) -> bool:
        return self.schools.is_loading() or self.flagged_loader.is_busy()

    def _show_flagged(self, flagged: dict[int, list[str]]) -> None:
        self._flagged = flagged
        if flagged:
            self.flag_year.setValue(max(flagged))

    def _on_load_failed(self, error: BaseException) -> None:
        show_error(self, error)

    @Slot(bool)
    def _on_loading_changed(self, _busy: bool) -> None:
        flagged_loading = self.flagged_loader.is_busy()
        self.flagged_status.setVisible(flagged_loading)
        self.take_flagged.setEnabled(not flagged_loading and not self.schools.is_loading())
        # «OK» before the schools arrive would save the round without the ones chosen before.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not self.schools.is_loading())

    @Slot()
    def _on_roadmap_changed(self) -> None:
        self.items.clear()
        roadmap = self._chosen_roadmap()
        if roadmap is None:
            return
        checked = set(self._current.item_ids) if self._current else set()
        for numbered in numbered_items(roadmap):
            entry = QListWidgetItem(f"{numbered.reference}. {numbered.item.text.splitlines()[0]}")
            entry.setToolTip(numbered.item.text)
            entry.setData(ITEM_ROLE, numbered.item.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if numbered.item.id in checked else Qt.CheckState.Unchecked
            )
            self.items.addItem(entry)

    @Slot()
    def set_rule(self, text: str) -> None:
        """Which rule «Отметить выявленные за год» applies, said on the dialog and in the button's tooltip."""
        self.rule_label.setText(text)
        self.take_flagged.setToolTip(text)

    def _on_take_flagged(self) -> None:
        self.schools.set_chosen(self._flagged.get(self.flag_year.value(), []))

    def _chosen_roadmap(self) -> Roadmap | None:
        index = self.roadmap.currentIndex()
        return self._roadmaps[index] if 0 <= index < len(self._roadmaps) else None

    def _check_every_item(self, state: Qt.CheckState) -> None:
        for row in range(self.items.count()):
            self.items.item(row).setCheckState(state)

    def accept(self) -> None:
        """Close only with a round that can be saved: a refusal keeps the name and the schools chosen."""
        try:
            validate_round(self.monitoring_round())
        except DomainError as error:
            show_message(self, str(error))
            return
        super().accept()

    def set_items_checked(self, item_ids: Sequence[int]) -> None:
        wanted = set(item_ids)
        for row in range(self.items.count()):
            entry = self.items.item(row)
            entry.setCheckState(
                Qt.CheckState.Checked if entry.data(ITEM_ROLE) in wanted else Qt.CheckState.Unchecked
            )

    def monitoring_round(self) -> MonitoringRound:
        roadmap = self._chosen_roadmap()
        item_ids = tuple(
            self.items.item(row).data(ITEM_ROLE)
            for row in range(self.items.count())
            if self.items.item(row).checkState() == Qt.CheckState.Checked
        )
        start, end = self.starts_on.date(), self.ends_on.date()
        return MonitoringRound(
            name=self.name.text().strip(),
            roadmap_id=roadmap.id if roadmap and roadmap.id is not None else 0,
            schools=tuple(self.schools.chosen()),
            item_ids=item_ids,
            period_text=self.period_text.text().strip(),
            starts_on=None if start == NO_DATE else start.toPython(),
            ends_on=None if end == NO_DATE else end.toPython(),
            id=self._current.id if self._current else None,
        )
