"""First start: the three choices, the open dialog taking a URL, settings remembered, restore offered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from lowres_desktop.services.backups import backup_now, list_backups
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.dialogs.backups_dialog import BackupsDialog
from lowres_desktop.ui.dialogs.first_run_dialog import FirstRunChoice, FirstRunDialog
from lowres_desktop.ui.dialogs.open_database_dialog import OpenDatabaseDialog
from lowres_desktop.ui.main_window import MainWindow, Page
from lowres_desktop.ui.settings import UiSettings


def _settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


def test_the_first_run_dialog_offers_create_demo_and_open(qtbot, tmp_path: Path) -> None:
    dialog = FirstRunDialog(str(tmp_path / "lowres.sqlite"), [])
    qtbot.addWidget(dialog)
    assert "lowres.sqlite" in dialog.create_button.description()
    dialog.create_button.click()
    assert dialog.choice == FirstRunChoice.CREATE and dialog.target() == str(tmp_path / "lowres.sqlite")
    demo = FirstRunDialog(str(tmp_path / "lowres.sqlite"), [])
    qtbot.addWidget(demo)
    demo.demo_button.click()
    assert demo.choice == FirstRunChoice.DEMO


def test_the_open_dialog_takes_a_postgresql_url_or_a_recent_file(qtbot) -> None:
    dialog = OpenDatabaseDialog(["/data/отдел.sqlite", "postgresql+psycopg://ivanova@server/lowres"])
    qtbot.addWidget(dialog)
    assert not dialog.open_button.isEnabled()
    dialog.recent_list.setCurrentRow(1)
    assert dialog.target() == "postgresql+psycopg://ivanova@server/lowres"
    assert dialog.open_button.isEnabled()
    dialog.target_edit.setText("  postgresql+psycopg://petrova@server:5433/lowres ")
    assert dialog.target() == "postgresql+psycopg://petrova@server:5433/lowres"


def test_recent_databases_geometry_page_and_the_audit_name_are_remembered(
    qtbot, seed_db: Database, tmp_path: Path
) -> None:
    settings = _settings(tmp_path)
    settings.set_user_name("Иванова И. И.")
    window = MainWindow(seed_db)
    qtbot.addWidget(window)
    window.office.settings = settings
    window.office.apply_user_name()
    assert seed_db.user_name == "Иванова И. И."
    window.office.database_opened()
    for number in range(12):
        settings.remember_database(f"/db/{number}.sqlite")
    settings.remember_database(seed_db.target)
    recent = settings.recent_databases()
    assert recent[0] == seed_db.target and len(recent) == 8
    window.resize(900, 700)
    window.show_page(Page.FLAGGED)
    window.office.save_window()

    again = MainWindow(seed_db)
    qtbot.addWidget(again)
    again.office.settings = settings
    again.office.restore_window()
    assert again.current_page() == Page.FLAGGED
    assert settings.geometry() is not None and settings.window_state() is not None
    window.office._fill_recent_menu()
    assert [a.text() for a in window.office.recent_menu.actions()][0] == seed_db.target


def test_a_damaged_file_offers_its_copies_and_restores_without_a_database(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite"
    db = Database.open(str(path))
    copy = backup_now(db)
    db.close()
    path.write_bytes(b"not a database" * 1000)
    dialog = BackupsDialog(str(path))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.selected_backup() is not None and dialog.selected_backup().path == copy.path
    assert not dialog.backup_button.isEnabled()
    dialog.confirm_restore = lambda backup: True  # type: ignore[method-assign]
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    Database.open(str(path)).close()
    assert len(list_backups(str(path))) == 1  # the damaged file was moved aside, not copied
