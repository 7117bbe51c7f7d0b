"""The backups dialog over an open database: backup now, the limit, restore through the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import delete

from lowres_desktop.services.backups import list_backups
from lowres_desktop.services.browse import overview
from lowres_desktop.storage.models import SchoolRow
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.main_window import MainWindow
from lowres_desktop.ui.views.audit_view import AuditView


def test_backup_now_then_restore_from_the_list_and_undo(qtbot, seed_db: Database) -> None:
    window = MainWindow(seed_db)
    qtbot.addWidget(window)
    dialog = window.office.show_backups()
    before = dialog.table.rowCount()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == before + 1, timeout=10_000)
    assert dialog.table.item(0, 1).text() == "вручную"
    schools = overview(window.db).schools
    with window.db.unit_of_work() as uow:
        uow.session.execute(delete(SchoolRow))
        uow.commit()
    window.refresh()
    assert overview(window.db).schools == 0

    copy = dialog.selected_backup()
    assert copy is not None
    window.office.restore(copy.path)

    assert overview(window.db).schools == schools
    reasons = [b.reason_text for b in list_backups(window.db.target)]
    assert reasons[0] == "перед восстановлением"
    messages = [box.text() for box in window.findChildren(QMessageBox)]
    assert any("чтобы отменить" in text for text in messages)
    dialog.close()


def test_the_audit_view_lists_and_filters_changes(qtbot, seed_db: Database) -> None:
    window = MainWindow(seed_db)
    qtbot.addWidget(window)
    view = AuditView(window.context)
    qtbot.addWidget(view)
    view.refresh()
    assert view.table.rowCount() > 0
    assert view.table.horizontalHeaderItem(0).text() == "Когда"
    view.table_combo.setCurrentIndex(view.table_combo.findData("Школы"))
    assert all(view.table.item(row, 3).text() == "Школы" for row in range(view.table.rowCount()))
    view.table.selectRow(0)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text().split("\t")
    assert copied[3] == "Школы" and len(copied) == view.table.columnCount()
