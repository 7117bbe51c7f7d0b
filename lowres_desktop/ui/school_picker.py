"""A school chooser that stays quick with a country's 40,000 schools: type a part of a name or login.

The entries live in a `QStringListModel`, filled with one call, so neither
filling the list nor filtering it while the user types goes through Python
per school (adding 40,000 items one by one holds the window for a tenth of a
second, a Python model for each key press); the logins are kept beside it by
row. The list shows uniform rows, so its popup does not measure every entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QListView, QWidget


class SchoolPicker(QComboBox):
    sig_login_changed = Signal(str)
    """The user chose another school (not emitted when the program fills or selects)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(40)
        self._model = QStringListModel(self)
        self.setModel(self._model)
        self._uniform(self.view())
        completer = QCompleter(self._model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._uniform(completer.popup())
        self._logins: list[str] = []
        self._rows: dict[str, int] = {}
        self.currentIndexChanged.connect(self._on_current_index_changed)

    @staticmethod
    def _uniform(view: object) -> None:
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)

    def set_schools(self, choices: Sequence[tuple[str, str]], keep: str | None = None) -> None:
        """Offer `(text, login)` pairs; select `keep` if offered, else the first; silent."""
        with QSignalBlocker(self):
            self._logins = [login for _text, login in choices]
            self._rows = {login: row for row, login in enumerate(self._logins)}
            self._model.setStringList([text for text, _login in choices])
            row = self._rows.get(keep, 0) if keep is not None else 0
            self.setCurrentIndex(row if self._logins else -1)

    def set_placeholder(self, text: str) -> None:
        self.lineEdit().setPlaceholderText(text)

    def logins(self) -> list[str]:
        return list(self._logins)

    def find_login(self, login: str) -> int:
        """The row of `login`, or -1 (QComboBox.findData does not see logins kept beside the model)."""
        return self._rows.get(login, -1)

    def current_login(self) -> str | None:
        row = self.currentIndex()
        return self._logins[row] if 0 <= row < len(self._logins) else None

    def select_login(self, login: str) -> bool:
        """Show `login` without telling anyone; False if it is not offered."""
        row = self._rows.get(login)
        if row is None:
            return False
        with QSignalBlocker(self):
            self.setCurrentIndex(row)
        return True

    @Slot(int)
    def _on_current_index_changed(self, _row: int) -> None:
        login = self.current_login()
        if login is not None:
            self.sig_login_changed.emit(login)
