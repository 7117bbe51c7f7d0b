"""What the wizard's pages that show one file at a time share: the «Файл» list and the table of columns.

The columns page, the hand-mapping page and the preview page each show one of
the chosen files, picked in a «Файл» list above; the first two list the
file's columns one per row, by letter and header, with what the page asks
about each column in the cells after them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWizardPage

from lowres_desktop.importing.problems import column_letters

if TYPE_CHECKING:
    from lowres_desktop.ui.dialogs.import_wizard.wizard import FileState, ImportWizard


class FilePage(QWizardPage):
    """A page of the wizard that shows one of its files, the one chosen in `file_combo`."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.file_combo = QComboBox()
        self.file_combo.currentIndexChanged.connect(self._on_file_combo_changed)
        self._states: list[FileState] = []

    def show_files(self, states: list[FileState]) -> None:
        """List `states` in the «Файл» box, the first chosen, and show it."""
        self._states = states
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        for state in states:
            self.file_combo.addItem(state.path.name)
        self.file_combo.blockSignals(False)
        self.show_file()

    def current(self) -> FileState | None:
        index = self.file_combo.currentIndex()
        return self._states[index] if 0 <= index < len(self._states) else None

    def show_file(self) -> None:
        """Show the file `current()` names; each page shows its own part of it."""
        raise NotImplementedError

    @Slot(int)
    def _on_file_combo_changed(self, _index: int) -> None:
        self.show_file()


def columns_table(headers: list[str]) -> QTableWidget:
    """An empty table of a file's columns: letter, header (taking the spare width), then `headers[2:]`."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


def fit_columns_table(table: QTableWidget) -> None:
    """Each column of a `columns_table` as wide as its contents, but the header, which keeps the spare width.

    `resizeColumnsToContents` would shrink that one too and leave the width on the right empty.
    """
    for column in range(table.columnCount()):
        if column != 1:
            table.resizeColumnToContents(column)


def set_column_row(table: QTableWidget, row: int, column: int, header: str) -> None:
    """Row `row` of a `columns_table` names the file's column number `column` (1 = «A»)."""
    letter = QTableWidgetItem(column_letters(column))
    letter.setData(Qt.ItemDataRole.UserRole, column)
    table.setItem(row, 0, letter)
    table.setItem(row, 1, QTableWidgetItem(header))


def column_of_row(table: QTableWidget, row: int) -> int:
    """The file's column number that row `row` of a `columns_table` is about."""
    return int(table.item(row, 0).data(Qt.ItemDataRole.UserRole))
