"""The executors' directory: short names the roadmaps print (МОУО, МКУДПО «ГЦРО», …) and full names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.roadmaps import Executor
from lowres_desktop.services.roadmaps import delete_executor, list_executors, save_executor
from lowres_desktop.ui.table_setup import setup_table

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext


class ExecutorEditDialog(QDialog):
    def __init__(self, executor: Executor | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Исполнитель"))
        self.name = QLineEdit(executor.name if executor else "")
        self.full_name = QLineEdit(executor.full_name if executor else "")
        self.full_name.setMinimumWidth(460)
        form = QFormLayout(self)
        form.addRow(self.tr("Краткое название:"), self.name)
        form.addRow(self.tr("Полное название:"), self.full_name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def executor(self) -> Executor:
        return Executor(self.name.text().strip(), self.full_name.text().strip())


class ExecutorsDialog(QDialog):
    """Add, rename (every item follows) and delete unused directory entries."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Справочник исполнителей"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Краткое"), self.tr("Полное название"), self.tr("Мероприятий")]
        )
        setup_table(self.table)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 460)
        self.table.doubleClicked.connect(self._on_edit_clicked)
        add = QPushButton(self.tr("Добавить…"))
        add.clicked.connect(self._on_add_clicked)
        edit = QPushButton(self.tr("Изменить…"))
        edit.clicked.connect(self._on_edit_clicked)
        remove = QPushButton(self.tr("Удалить"))
        remove.clicked.connect(self._on_remove_clicked)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (add, edit, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(880, 520)
        self._load()

    def _load(self) -> None:
        usage = list_executors(self._context.db)
        self.table.setRowCount(len(usage))
        for row, entry in enumerate(usage):
            for column, text in enumerate((entry.executor.name, entry.executor.full_name, str(entry.items))):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _selected(self) -> Executor | None:
        row = self.table.currentRow()
        if row < 0:
            return None
        return Executor(self.table.item(row, 0).text(), self.table.item(row, 1).text())

    def _edit(self, current: Executor | None) -> None:
        dialog = ExecutorEditDialog(current, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        executor, old_name = dialog.executor(), current.name if current else None
        self._write(
            self.tr("Исполнитель"),
            lambda db, _progress, _cancel: save_executor(db, executor, old_name),
        )

    def _write(self, title: str, work) -> None:  # type: ignore[no-untyped-def]
        """A change of the directory; the table shows the stored state afterwards, even after a refusal."""
        self._context.operations.write(self, title, work, lambda _r: self._load(), lambda _e: self._load())

    @Slot()
    def _on_add_clicked(self) -> None:
        self._edit(None)

    @Slot()
    def _on_edit_clicked(self) -> None:
        current = self._selected()
        if current is not None:
            self._edit(current)

    @Slot()
    def _on_remove_clicked(self) -> None:
        current = self._selected()
        if current is None:
            return
        name = current.name
        self._write(
            self.tr("Удаление исполнителя"), lambda db, _progress, _cancel: delete_executor(db, name)
        )
