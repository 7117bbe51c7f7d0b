"""A database file that no longer opens, restored from its copies as the program starts: the copy
is put in place off the GUI thread with the progress window, a copy damaged since it was listed is
refused with the message and the list stays, and the program then opens the restored database."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog

from lowres_desktop import app
from lowres_desktop.services import backups
from lowres_desktop.services.backups import backup_limit, backup_now, list_backups, set_backup_limit
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.dialogs import backups_dialog
from lowres_desktop.ui.dialogs.backups_dialog import BackupsDialog
from lowres_desktop.ui.main_window import MainWindow
from tests.journeys.driving import answer, answer_question, button, press, press_text


def _damaged_office(tmp_path: Path) -> tuple[Path, Path]:
    """An office database with a copy (keep 7) and a later one (keep 9); the file itself broken.

    Returns the file and the later copy.
    """
    path = tmp_path / "office.sqlite"
    db = Database.open(str(path))
    set_backup_limit(db, 7)
    backup_now(db)
    set_backup_limit(db, 9)
    later = backup_now(db).path
    db.close()
    path.write_bytes(b"not a database" * 1000)
    return path, later


def _row_of(dialog: BackupsDialog, copy: Path) -> int:
    return next(n for n, backup in enumerate(dialog._backups) if backup.path == copy)


def test_a_damaged_copy_is_refused_and_a_sound_one_restored(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path, damaged = _damaged_office(tmp_path)
    threads: list[bool] = []
    real_restore = backups.restore_backup

    def restore(target: str, backup: Path):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        return real_restore(target, backup)

    monkeypatch.setattr(backups_dialog, "restore_backup", restore)
    dialog = BackupsDialog(str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 2
    assert not dialog.backup_button.isEnabled(), "no database open: nothing to copy"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000)  # e.g. by another PC on the share
    dialog.table.selectRow(_row_of(dialog, damaged))
    answer_question(qtbot, QMessageBox.StandardButton.Yes)
    press_text(qtbot, dialog, "Восстановить выбранную…")
    qtbot.waitUntil(lambda: any(box.isVisible() for box in dialog.findChildren(QMessageBox)), timeout=10_000)
    refusal = next(box for box in dialog.findChildren(QMessageBox) if box.isVisible() and box.text() != "")
    assert refusal.text().startswith(f"Копия «{damaged.name}» не годится для восстановления")
    assert threads == [False], "the copy is checked and put in place off the GUI thread"
    press(qtbot, refusal.buttons()[0])
    assert dialog.isVisible() and dialog.isEnabled(), "after a refusal the list stays for another choice"
    assert dialog.table.rowCount() == 1, "the list is read again: the damaged copy is gone from it"

    sound = next(b.path for b in list_backups(str(path)) if b.path != damaged)
    dialog.table.selectRow(_row_of(dialog, sound))
    answer_question(qtbot, QMessageBox.StandardButton.Yes)
    press_text(qtbot, dialog, "Восстановить выбранную…")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert dialog.result() == QDialog.DialogCode.Accepted and threads == [False, False]
    db = Database.open(str(path))
    try:
        assert backup_limit(db) == 7
    finally:
        db.close()


def test_the_program_offers_the_copies_of_a_file_that_does_not_open(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """From the start-up box through the copies to the open database; the progress window shows meanwhile."""
    path, later = _damaged_office(tmp_path)
    release = threading.Event()
    real_restore = backups.restore_backup

    def slow_restore(target: str, backup: Path):  # type: ignore[no-untyped-def]
        assert release.wait(20), "the progress window never showed"
        return real_restore(target, backup)

    monkeypatch.setattr(backups_dialog, "restore_backup", slow_restore)
    seen: dict[str, object] = {}

    def start_up_box(box: QMessageBox) -> None:
        seen["box"] = (box.text(), box.informativeText())
        press(qtbot, button(box, "Восстановить из копии…"))

    def copies(dialog: BackupsDialog) -> None:
        seen["rows"] = dialog.table.rowCount()
        dialog.table.selectRow(next(n for n, b in enumerate(dialog._backups) if b.path != later))
        answer_question(qtbot, QMessageBox.StandardButton.Yes)
        press_text(qtbot, dialog, "Восстановить выбранную…")
        watch = QTimer(dialog)

        def progress_shown() -> None:
            shown = [d for d in dialog.findChildren(QProgressDialog) if d.isVisible()]
            if shown:
                seen["progress"] = (shown[0].windowTitle(), dialog.isEnabled())
                watch.stop()
                release.set()

        watch.timeout.connect(progress_shown)
        watch.start(20)

    answer(qtbot, QMessageBox, start_up_box)
    answer(qtbot, BackupsDialog, copies)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    start = app.StartUp(window, str(path))
    start.open()
    qtbot.waitUntil(window.context.is_open, timeout=30_000)
    release.set()
    start.finish()
    try:
        assert backup_limit(window.db) == 7
        assert window.db.target == str(path) and "школ: 0" in window.status.text()
    finally:
        window.db.close()
    text, informative = seen["box"]  # type: ignore[misc]
    assert "не является базой данных" in text
    assert informative.startswith("Восстановите базу из резервной копии")
    assert seen["rows"] == 2
    assert seen["progress"] == ("Восстановление из копии", False), "the list waits under the progress window"
