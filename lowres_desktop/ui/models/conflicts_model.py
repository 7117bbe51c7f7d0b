"""The values a file would change, each with a «Заменить» box, for deciding conflicts row by row.

A region's file imported again with corrected values holds tens of
thousands of them: a table of widgets took 1.2 s of frozen window for
26,734; this model only holds the records and a flag per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from lowres_desktop.services.import_workbook import Conflict
from lowres_desktop.ui.models.record_table_model import AnyIndex, Column, RecordTableModel

CHECK_COLUMN = 0


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictsModel", text)


def _values(values: tuple[Any, ...]) -> str:
    return " / ".join("—" if v is None else f"{v:g}".replace(".", ",") for v in values)


@dataclass
class ConflictChoice:
    """One conflict of one file; `replace` is what the row's box says (the file wins when checked)."""

    file_name: str
    conflict: Conflict
    replace: bool = True
    owner: object = None
    """Whatever the page needs to route the decision back (its file's state)."""


def conflict_columns() -> list[Column]:
    return [
        Column(_tr("Заменить"), lambda c: "", sort_key=lambda c: c.replace),
        Column(_tr("Файл"), lambda c: c.file_name),
        Column(_tr("Школа"), lambda c: c.conflict.key[0]),
        Column(_tr("Процедура, год"), lambda c: f"{c.conflict.key[1].code}, {c.conflict.key[2]}"),
        Column(_tr("В базе"), lambda c: _values(c.conflict.stored)),
        Column(_tr("В файле"), lambda c: _values(c.conflict.incoming)),
    ]


class ConflictsModel(RecordTableModel):
    """`RecordTableModel` of `ConflictChoice` records whose first column is a check box."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checkable = True

    def set_checkable(self, checkable: bool) -> None:
        """Boxes can be changed only when the user decides row by row."""
        self.checkable = checkable
        if self.rowCount():
            self.dataChanged.emit(self.index(0, CHECK_COLUMN), self.index(self.rowCount() - 1, CHECK_COLUMN))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == CHECK_COLUMN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            if not self.checkable:
                flags &= ~Qt.ItemFlag.ItemIsEnabled
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == CHECK_COLUMN and role == Qt.ItemDataRole.CheckStateRole:
            choice: ConflictChoice = self.record(index.row())
            return Qt.CheckState.Checked if choice.replace else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != CHECK_COLUMN or role != Qt.ItemDataRole.CheckStateRole or not self.checkable:
            return False
        choice: ConflictChoice = self.record(index.row())
        choice.replace = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True
