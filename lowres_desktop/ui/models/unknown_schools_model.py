"""The schools a file names that the database does not know, and what the user decides for each.

The first ГИА file of a region names a thousand codes no school carries yet.
A combo box per row, each filled with every school, took 0.8 s for a
thousand rows against a hundred schools and grows with both: here the
choices are a model, and one editor (a `SchoolPicker`, searchable) exists
only while a cell is being edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from lowres_desktop.services.import_workbook import CREATE_SCHOOL, SchoolRef
from lowres_desktop.ui.school_picker import SchoolPicker

SKIP = "skip"
"""The choice «skip this school's rows» (`ImportChoices.assign` holds None for it)."""
AnyIndex = QModelIndex | QPersistentModelIndex
CHOICE_COLUMN = 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("UnknownSchoolsModel", text)


class UnknownSchoolsModel(QAbstractTableModel):
    """Rows (identifier, name in the file, choice); the choice is SKIP, CREATE_SCHOOL or a login."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[SchoolRef, str]] = []
        self._chosen: list[str] = []
        self._labels: dict[str, str] = {}
        self.entries: list[tuple[str, str]] = []
        """(text, choice) as the editor offers them: skip, create, then every school."""

    def set_schools(self, schools: Sequence[tuple[str, str]]) -> None:
        """The (login, short name) of every school in the database, which a row may be assigned to."""
        self.entries = [
            (_tr("Пропустить строки этой школы"), SKIP),
            (_tr("Создать новую школу"), CREATE_SCHOOL),
        ]
        self.entries += [(f"{short_name} ({login})", login) for login, short_name in schools]
        self._labels = {choice: text for text, choice in self.entries}

    def set_rows(self, rows: Sequence[tuple[SchoolRef, str, str]]) -> None:
        """(identifier, name in the file, current choice) for each unknown school."""
        self.beginResetModel()
        self._rows = [(ref, name) for ref, name, _choice in rows]
        self._chosen = [choice for _ref, _name, choice in rows]
        self.endResetModel()

    def choices(self) -> dict[SchoolRef, str]:
        return {ref: choice for (ref, _name), choice in zip(self._rows, self._chosen, strict=True)}

    def choose_all(self, choice: str) -> None:
        """The same choice for every row: «create them all» for a region's first file."""
        self._chosen = [choice] * len(self._rows)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, CHOICE_COLUMN), self.index(len(self._rows) - 1, CHOICE_COLUMN)
            )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_tr("Код или логин"), _tr("Название в файле"), _tr("Школа"))[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == CHOICE_COLUMN else flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ref, name = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == CHOICE_COLUMN:
            return self._chosen[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return ref.value
            if column == 1:
                return name
            choice = self._chosen[index.row()]
            return self._labels.get(choice, choice)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != CHOICE_COLUMN or value not in self._labels:
            return False
        self._chosen[index.row()] = value
        self.dataChanged.emit(index, index)
        return True


class SchoolChoiceDelegate(QStyledItemDelegate):
    """Edits a row's choice with a searchable school picker over the model's entries."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        picker = SchoolPicker(parent)
        picker.set_schools(_model(index).entries)
        picker.setMinimumContentsLength(20)
        picker.sig_login_changed.connect(lambda _choice: self.commitData.emit(picker))
        return picker

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, SchoolPicker)
        editor.select_login(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, SchoolPicker)
        choice = editor.current_login()
        if choice is not None:
            model.setData(index, choice, Qt.ItemDataRole.EditRole)


def _model(index: AnyIndex) -> UnknownSchoolsModel:
    model = index.model()
    assert isinstance(model, UnknownSchoolsModel)
    return model
