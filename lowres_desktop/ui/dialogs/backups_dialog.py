"""Backups of the open database file: make one now, restore one from the list, set how many to keep.

Restoring needs the database closed, so with a database open the dialog asks
its owner (`sig_restore_requested`) to do it; without one (a file that did
not open) it restores itself, through a write pool of its own like every other
write (off the GUI thread, progress after half a second, failures shown the
usual way). Either way the current file is copied first, and that copy is in
the list to undo the restore.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.services.backups import (
    Backup,
    backup_limit,
    backup_now,
    backups_location,
    list_backups,
    restore_backup,
    set_backup_limit,
)
from lowres_desktop.ui.operations import Operations
from lowres_desktop.wording.common import format_number

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext


class BackupsDialog(QDialog):
    sig_restore_requested = Signal(Path)

    def __init__(self, target: str, context: AppContext | None = None, parent: QWidget | None = None) -> None:
        """`context`: the open database and its write pool; None for a file that did not open."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Резервные копии"))
        self.resize(640, 420)
        self._target = target
        self._context = context
        db: Database | None = context.db if context is not None else None
        self._operations = context.operations if context is not None else Operations(self, lambda: None)
        self._backups: list[Backup] = []
        folder = backups_location(target)
        self.folder_label = QLabel(
            self.tr("Копии хранятся в папке «{folder}».").format(folder=folder)
            if folder
            else self.tr(
                "База на сервере PostgreSQL: её копии делает администратор сервера (pg_dump); "
                "здесь копий нет."
            )
        )
        self.folder_label.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Когда"), self.tr("Почему"), self.tr("Размер, КБ")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.backup_button = QPushButton(self.tr("Создать копию сейчас"))
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button = QPushButton(self.tr("Восстановить выбранную…"))
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.folder_button = QPushButton(self.tr("Открыть папку"))
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))) if folder else None
        )
        self.keep_spin = QSpinBox()
        self.keep_spin.setRange(1, 999)
        self.keep_spin.setValue(backup_limit(db) if db is not None else 20)
        self.keep_spin.setEnabled(db is not None and folder is not None)
        self.keep_spin.editingFinished.connect(self._on_keep_spin_editing_finished)
        close_button = QPushButton(self.tr("Закрыть"))
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("Хранить последних:")))
        buttons.addWidget(self.keep_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close_button)
        layout.addLayout(bottom)
        self.backup_button.setEnabled(db is not None and folder is not None)
        self.folder_button.setEnabled(folder is not None)
        self.reload()

    def reload(self) -> None:
        self._backups = list_backups(self._target)
        self.table.setRowCount(len(self._backups))
        for row, backup in enumerate(self._backups):
            cells = (
                f"{backup.created_at:%d.%m.%Y %H:%M:%S}",
                backup.reason_text,
                format_number(round(backup.size_bytes / 1024)),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        if self._backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_backup(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self._backups[rows[0].row()] if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    @Slot()
    def _on_backup_button_clicked(self) -> None:
        assert self._context is not None
        self.backup_button.setEnabled(False)

        def copied(_result: object) -> None:
            self.backup_button.setEnabled(True)
            self.reload()

        self._context.operations.write(
            self, self.tr("Резервная копия"), lambda db, _progress, _cancel: backup_now(db), copied, copied
        )

    @Slot()
    def _on_keep_spin_editing_finished(self) -> None:
        if self._context is None:
            return
        keep = self.keep_spin.value()
        self._context.operations.write(
            self,
            self.tr("Резервные копии"),
            lambda db, _progress, _cancel: set_backup_limit(db, keep),
            lambda _result: self.reload(),
            lambda _error: self.reload(),
        )

    def confirm_restore(self, backup: Backup) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Восстановление"),
            self.tr(
                "Заменить базу копией от {when} ({why})? Текущее состояние базы будет "
                "сохранено отдельной копией «перед восстановлением» — её можно восстановить, "
                "чтобы отменить это действие."
            ).format(when=f"{backup.created_at:%d.%m.%Y %H:%M}", why=backup.reason_text),
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        backup = self.selected_backup()
        if backup is None or not self.confirm_restore(backup):
            return
        if self._context is not None:
            self.sig_restore_requested.emit(backup.path)
            self.accept()
            return
        target = self._target
        self.setEnabled(False)

        def refused(_error: BaseException) -> None:
            self.setEnabled(True)
            self.reload()

        self._operations.write_file(
            self,
            self.tr("Восстановление из копии"),
            lambda _progress, _cancel: restore_backup(target, backup.path),
            lambda _undo: self.accept(),
            refused,
        )
