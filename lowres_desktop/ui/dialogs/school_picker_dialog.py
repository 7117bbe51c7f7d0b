"""Choosing schools from the list, with a filter and «выбрать выявленные за год» for monitoring rounds.

A country has 40,000 schools: reading them took the window half a second and
adding them as check-box items another second, so the list is a model over
entries prepared on a loader's thread (above `BACKGROUND_ROWS` schools) and the
checked schools are a set of logins, not 40,000 item states.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.records import School
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.tasks import Loader

LOGIN_ROLE = Qt.ItemDataRole.UserRole
LAID_OUT_PER_BATCH = 2_000

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SchoolChoices:
    """The schools a checklist offers with their texts, built off the GUI thread for a country."""

    schools: list[School]
    texts: list[str]
    searched: list[str]
    """Each text in lower case, so filtering is one substring test per school."""


def school_choices(schools: Iterable[School]) -> SchoolChoices:
    schools = list(schools)
    texts = [f"{s.short_name} ({s.login})" + (f" — {s.district}" if s.district else "") for s in schools]
    return SchoolChoices(schools, texts, [text.lower() for text in texts])


class SchoolCheckModel(QAbstractListModel):
    """The schools matching the filter, each with a check box; the checked logins are kept in a set."""

    sig_checked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = school_choices(())
        self._shown: list[int] = []
        """Per row on screen, its school's place in `_choices`."""
        self._checked: set[str] = set()
        self._needle = ""

    def set_choices(self, choices: SchoolChoices) -> None:
        self._choices = choices
        self._apply_filter()
        self.sig_checked_changed.emit()  # `chosen` counts only the schools offered

    def set_filter(self, text: str) -> None:
        self._needle = text.strip().lower()
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.beginResetModel()
        needle, searched = self._needle, self._choices.searched
        self._shown = (
            [i for i, text in enumerate(searched) if needle in text] if needle else list(range(len(searched)))
        )
        self.endResetModel()

    def school(self, row: int) -> School:
        return self._choices.schools[self._shown[row]]

    def chosen(self) -> list[str]:
        """The checked logins among the offered schools, in the list's order."""
        return [s.login for s in self._choices.schools if s.login in self._checked]

    def chosen_schools(self) -> list[School]:
        return [s for s in self._choices.schools if s.login in self._checked]

    def set_chosen(self, logins: Iterable[str]) -> None:
        self._checked = set(logins)
        self._checks_changed()

    def check_shown(self, checked: bool) -> None:
        """Check or uncheck every school the filter shows; the hidden ones keep their state."""
        logins = {self._choices.schools[i].login for i in self._shown}
        self._checked = self._checked | logins if checked else self._checked - logins
        self._checks_changed()

    def _checks_changed(self) -> None:
        if self._shown:
            role = [Qt.ItemDataRole.CheckStateRole]
            self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1), role)
        self.sig_checked_changed.emit()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        position = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._choices.texts[position]
        school = self._choices.schools[position]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if school.login in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return school.full_name
        if role == LOGIN_ROLE:
            return school.login
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        login = self.school(index.row()).login
        if value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value):
            self._checked.add(login)
        else:
            self._checked.discard(login)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.sig_checked_changed.emit()
        return True


class SchoolChecklist(QWidget):
    """A filterable list of schools with check boxes; used in dialogs that pick schools.

    It starts empty: `load` reads the schools, in the background for a large database.
    """

    def __init__(self, chosen: Iterable[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.model = SchoolCheckModel(self)
        self.model.set_chosen(chosen)
        self.loader = Loader(self)
        self.loader.sig_busy_changed.connect(self._on_loader_busy_changed)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Поиск по названию, логину или району…"))
        self.filter.textChanged.connect(self.model.set_filter)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        # Laid out a slice at a time between events: all 40,000 rows at once held the window 0.1 s.
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(LAID_OUT_PER_BATCH)
        self.count = QLabel()
        self.model.sig_checked_changed.connect(self._update_count)
        self.all_button = QPushButton(self.tr("Отметить видимые"))
        self.all_button.clicked.connect(lambda: self.model.check_shown(True))
        self.none_button = QPushButton(self.tr("Снять видимые"))
        self.none_button.clicked.connect(lambda: self.model.check_shown(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._update_count()

    def load(self, fetch: Callable[[], Sequence[School]], *, background: bool) -> None:
        """Offer the schools `fetch` reads; their texts are built where they are read."""
        self.loader.load(
            lambda: school_choices(fetch()),
            self.model.set_choices,
            self._on_load_failed,
            background=background,
        )

    def is_loading(self) -> bool:
        return self.loader.is_busy()

    def chosen(self) -> list[str]:
        return self.model.chosen()

    def chosen_schools(self) -> list[School]:
        return self.model.chosen_schools()

    def set_chosen(self, logins: Iterable[str]) -> None:
        self.model.set_chosen(logins)

    def _on_load_failed(self, error: BaseException) -> None:
        show_error(self, error)

    @Slot(bool)
    def _on_loader_busy_changed(self, busy: bool) -> None:
        for widget in (self.filter, self.list, self.all_button, self.none_button):
            widget.setEnabled(not busy)
        self._update_count()

    @Slot()
    def _update_count(self) -> None:
        if self.loader.is_busy():
            self.count.setText(self.tr("Загрузка…"))
        else:
            self.count.setText(self.tr("Выбрано: {count}").format(count=len(self.chosen())))


class SchoolPickerDialog(QDialog):
    def __init__(
        self,
        schools: Callable[[], Sequence[School]],
        chosen: Iterable[str],
        title: str,
        parent: QWidget | None = None,
        *,
        background: bool,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.checklist = SchoolChecklist(chosen)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.checklist.loader.sig_busy_changed.connect(self._on_loader_busy_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.checklist)
        layout.addWidget(self.buttons)
        self.resize(520, 560)
        self.checklist.load(schools, background=background)

    @Slot(bool)
    def _on_loader_busy_changed(self, busy: bool) -> None:
        # «OK» before the list arrives would drop the schools chosen before.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)

    def chosen(self) -> list[str]:
        return self.checklist.chosen()

    def chosen_schools(self) -> list[School]:
        return self.checklist.chosen_schools()
