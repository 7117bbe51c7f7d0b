"""Choosing schools from the list, with a filter and «выбрать выявленные за год» for monitoring rounds."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.records import School

LOGIN_ROLE = Qt.ItemDataRole.UserRole


class SchoolChecklist(QWidget):
    """A filterable list of schools with check boxes; used in dialogs that pick schools."""

    def __init__(self, schools: Iterable[School], chosen: Iterable[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        chosen = set(chosen)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Поиск по названию, логину или району…"))
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.list = QListWidget()
        for school in schools:
            district = f" — {school.district}" if school.district else ""
            item = QListWidgetItem(f"{school.short_name} ({school.login}){district}")
            item.setData(LOGIN_ROLE, school.login)
            item.setToolTip(school.full_name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if school.login in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.count = QLabel()
        self.list.itemChanged.connect(self._update_count)
        all_button = QPushButton(self.tr("Отметить видимые"))
        all_button.clicked.connect(lambda: self._check_visible(True))
        none_button = QPushButton(self.tr("Снять видимые"))
        none_button.clicked.connect(lambda: self._check_visible(False))
        buttons = QHBoxLayout()
        buttons.addWidget(all_button)
        buttons.addWidget(none_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._update_count()

    def chosen(self) -> list[str]:
        return [
            self.list.item(row).data(LOGIN_ROLE)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, logins: Iterable[str]) -> None:
        wanted = set(logins)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(LOGIN_ROLE) in wanted else Qt.CheckState.Unchecked
            )

    def _check_visible(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.list.count()):
            if not self.list.item(row).isHidden():
                self.list.item(row).setCheckState(state)

    @Slot(str)
    def _on_filter_text_changed(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    @Slot()
    def _update_count(self) -> None:
        self.count.setText(self.tr("Выбрано: {count}").format(count=len(self.chosen())))


class SchoolPickerDialog(QDialog):
    def __init__(
        self, schools: Iterable[School], chosen: Iterable[str], title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.checklist = SchoolChecklist(schools, chosen)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.checklist)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def chosen(self) -> list[str]:
        return self.checklist.chosen()
