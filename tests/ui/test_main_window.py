"""The main window: navigation, import through the file menu, demo data, opening another database."""

from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from lowres_desktop.services.browse import overview
from lowres_desktop.services.database import open_database
from lowres_desktop.ui.dialogs.about_dialog import AboutDialog
from lowres_desktop.ui.dialogs.import_summary_dialog import ImportSummaryDialog
from lowres_desktop.ui.dialogs.open_database_dialog import OpenDatabaseDialog
from lowres_desktop.ui.main_window import MainWindow, Page
from tests.ui.qt_helpers import double_click, find_row


def _window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    return window


def _summary(qtbot, window: MainWindow) -> ImportSummaryDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.findChild(ImportSummaryDialog) is not None, timeout=10000)
    dialog = window.findChild(ImportSummaryDialog)
    assert dialog.isVisible()
    return dialog


def _close_summary(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.findChild(ImportSummaryDialog).ui.closeButton.click()
    qtbot.waitUntil(lambda: window.findChild(ImportSummaryDialog) is None)


def test_navigation_switches_pages(qtbot, seed_db) -> None:
    window = _window(qtbot, seed_db)
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels[:4] == ["Школы", "Результаты", "Низкие результаты", "Карточка школы"]
    assert labels[Page.ROADMAPS] == "Дорожные карты" and labels[Page.MONITORING] == "Мониторинг"
    assert window.stack.currentWidget() is window.schools_view
    window.navigation.setCurrentRow(Page.FLAGGED)
    assert window.stack.currentWidget() is window.flagged_view
    assert [a.text() for a in window.menuBar().actions()] == ["&Файл", "С&ервис", "&Справка"]
    assert "школ: 15" in window.status.text() and "результатов: 212" in window.status.text()
    assert str(seed_db.target) in window.status.text()


def test_double_click_in_flagged_list_opens_the_card(qtbot, seed_db) -> None:
    window = _window(qtbot, seed_db)
    window.show_page(Page.FLAGGED)
    view = window.flagged_view
    row = find_row(view.proxy, 2, "sch423400")
    double_click(qtbot, view.table, view.proxy.index(row, 1))
    assert window.current_page() == Page.CARD
    assert window.card_view.current_login() == "sch423400"
    assert window.navigation.currentRow() == Page.CARD


def test_import_shows_the_summary_and_refreshes_every_view(
    qtbot, empty_db, seed_workbook, monkeypatch
) -> None:
    window = _window(qtbot, empty_db)
    assert window.schools_view.model.rowCount() == 0
    window.import_files([seed_workbook])
    dialog = _summary(qtbot, window)
    assert dialog.headline() == "Импорт завершён"
    text = dialog.ui.detailsEdit.toPlainText()
    assert "«seed002.xlsx», лист «Приложение 1»" in text
    assert "Новых школ: 15" in text
    assert "Результатов: новых — 212, изменённых — 0, без изменений — 0" in text
    assert "изменений нет" not in text.lower()
    assert window.schools_view.model.rowCount() == 15
    assert window.flagged_view.model.rowCount() == 0  # a hidden page is read when it is shown
    window.show_page(Page.FLAGGED)
    assert window.flagged_view.model.rowCount() == 15
    window.show_page(Page.RESULTS)
    assert window.results_view.years.year() == 2019
    window.show_page(Page.CARD)
    assert window.card_view.picker.count() == 15
    assert "школ: 15" in window.status.text()
    assert window.import_action.isEnabled()
    _close_summary(qtbot, window)

    window.import_files([seed_workbook])
    again = _summary(qtbot, window)
    assert "изменений нет" in again.ui.detailsEdit.toPlainText().lower()
    assert "без изменений — 212" in again.ui.detailsEdit.toPlainText()
    assert "Этот файл уже импортировался" in again.ui.detailsEdit.toPlainText()


def test_rejected_file_shows_why_and_leaves_the_database_alone(
    qtbot, seed_db, tmp_path, monkeypatch
) -> None:
    workbook = Workbook()
    workbook.active.append(["Совсем", "другая", "таблица"])
    strange = tmp_path / "strange.xlsx"
    workbook.save(strange)
    before = overview(seed_db)
    window = _window(qtbot, seed_db)
    window.import_files([strange])
    dialog = _summary(qtbot, window)
    assert dialog.headline() == "Файлы не импортированы, база не изменена"
    text = dialog.ui.detailsEdit.toPlainText()
    assert text.startswith("Файл «strange.xlsx» не импортирован, база не изменена.")
    assert "Traceback" not in text
    assert overview(seed_db) == before
    assert window.schools_view.model.rowCount() == 15


def test_several_files_each_get_their_outcome(
    qtbot, empty_db, seed_workbook, tmp_path, monkeypatch
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook", encoding="utf-8")
    window = _window(qtbot, empty_db)
    window.import_files([broken, seed_workbook])
    dialog = _summary(qtbot, window)
    assert dialog.headline() == "Импорт завершён, но не все файлы приняты"
    text = dialog.ui.detailsEdit.toPlainText()
    assert "«broken.xlsx» не импортирован" in text and "Новых школ: 15" in text
    assert overview(empty_db).schools == 15


def test_demo_data_fills_an_empty_database(qtbot, empty_db) -> None:
    window = _window(qtbot, empty_db)
    window.demo_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.findChild(QMessageBox), QMessageBox), timeout=20000)
    box = window.findChild(QMessageBox)
    assert box.text().startswith("Демонстрационные данные добавлены: школ — 100")
    assert window.schools_view.model.rowCount() == 100
    window.show_page(Page.RESULTS)
    assert window.results_view.years.year() == 2024
    window.show_page(Page.FLAGGED)
    assert window.flagged_view.model.rowCount() > 0
    box.close()


def test_demo_data_refuses_a_database_with_schools(qtbot, seed_db) -> None:
    window = _window(qtbot, seed_db)
    window.demo_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.findChild(QMessageBox), QMessageBox), timeout=10000)
    box = window.findChild(QMessageBox)
    assert box.text().startswith("В базе уже есть школы")
    assert overview(seed_db).schools == 15
    box.close()


def test_open_another_database(qtbot, empty_db, seed_db_path, monkeypatch) -> None:
    window = _window(qtbot, empty_db)
    monkeypatch.setattr(OpenDatabaseDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(OpenDatabaseDialog, "target", lambda self: str(seed_db_path))
    window.open_action.trigger()
    assert window.db.target == str(seed_db_path)
    assert window.schools_view.model.rowCount() == 15
    assert "seed.sqlite" in window.windowTitle()
    window.db.close()


def test_create_database_refuses_an_existing_file(qtbot, seed_db, seed_db_path, monkeypatch) -> None:
    window = _window(qtbot, seed_db)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(seed_db_path), ""))
    )
    window.create_action.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and "уже существует" in box.text()
    assert window.db is seed_db
    box.close()


def test_create_database_opens_a_new_empty_one(qtbot, seed_db, tmp_path, monkeypatch) -> None:
    target = tmp_path / "new.sqlite"
    window = _window(qtbot, seed_db)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.create_action.trigger()
    assert target.is_file()
    assert window.schools_view.model.rowCount() == 0
    assert "школ: 0" in window.status.text()
    window.db.close()
    reopened = open_database(str(target))
    assert overview(reopened).schools == 0
    reopened.close()


def test_about_dialog_shows_version_and_database(qtbot, seed_db) -> None:
    window = _window(qtbot, seed_db)
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.ui.versionLabel.text().startswith("Версия ")
    assert str(seed_db.target) in dialog.ui.databaseLabel.text()
    dialog.close()
    QApplication.processEvents()


def test_a_large_database_counts_its_results_for_the_status_bar_in_the_background(
    qtbot, seed_db, monkeypatch
) -> None:
    from lowres_desktop.ui import main_window

    monkeypatch.setattr(main_window, "BACKGROUND_ROWS", 0)
    window = MainWindow(seed_db)
    qtbot.addWidget(window)
    assert window.status.text().endswith("загрузка…")
    qtbot.waitUntil(lambda: "школ: 15" in window.status.text(), timeout=10000)
    assert "результатов: 212" in window.status.text()
