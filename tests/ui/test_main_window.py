"""The main window: navigation, import through the file menu, demo data, opening another database."""

from __future__ import annotations

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWizard

from lowres_desktop.services.browse import overview
from lowres_desktop.services.database import open_database
from lowres_desktop.ui.dialogs.about_dialog import AboutDialog
from lowres_desktop.ui.dialogs.import_wizard import ImportWizard
from lowres_desktop.ui.dialogs.open_database_dialog import OpenDatabaseDialog
from lowres_desktop.ui.main_window import MainWindow, Page
from tests.ui.qt_helpers import double_click, find_row


def _window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    return window


def _open_wizard(qtbot, window: MainWindow, paths, monkeypatch) -> ImportWizard:  # type: ignore[no-untyped-def]
    """Файл → Импорт результатов…, the files chosen in the file dialog."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(p) for p in paths], ""))
    )
    window.import_action.trigger()

    def shown() -> list[ImportWizard]:
        return [w for w in window.findChildren(ImportWizard) if w.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1)
    return shown()[0]


def _press(qtbot, wizard: ImportWizard, button: QWizard.WizardButton) -> None:  # type: ignore[no-untyped-def]
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: page.isComplete(), timeout=15000)
    qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)


def _import(qtbot, window: MainWindow, paths, monkeypatch) -> ImportWizard:  # type: ignore[no-untyped-def]
    """Through the wizard with every default, pressing «Далее» to the last page, where the import runs."""
    wizard = _open_wizard(qtbot, window, paths, monkeypatch)
    while wizard.currentPage() is not wizard.commit_page:
        _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(wizard.commit_page.isComplete, timeout=15000)
    return wizard


def _finish(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    _press(qtbot, wizard, QWizard.WizardButton.FinishButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_navigation_switches_pages(qtbot, seed_db) -> None:
    window = _window(qtbot, seed_db)
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels[:4] == ["Школы", "Результаты", "Низкие результаты", "Карточка школы"]
    assert labels[Page.ROADMAPS] == "Дорожные карты" and labels[Page.MONITORING] == "Мониторинг"
    assert window.views[window.current_page()] is window.schools_view
    window.navigation.setCurrentRow(Page.FLAGGED)
    assert window.views[window.current_page()] is window.flagged_view
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
    wizard = _import(qtbot, window, [seed_workbook], monkeypatch)
    assert wizard.commit_page.headline.text() == "<b>Импорт завершён</b>"
    text = wizard.commit_page.text.toPlainText()
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
    _finish(qtbot, wizard)

    again = _import(qtbot, window, [seed_workbook], monkeypatch).commit_page.text.toPlainText()
    assert "изменений нет" in again.lower()
    assert "без изменений — 212" in again
    assert "Этот файл уже импортировался" in again


def test_rejected_file_shows_why_and_leaves_the_database_alone(qtbot, seed_db, tmp_path, monkeypatch) -> None:
    workbook = Workbook()
    workbook.active.append(["Совсем", "другая", "таблица"])
    strange = tmp_path / "strange.xlsx"
    workbook.save(strange)
    before = overview(seed_db)
    window = _window(qtbot, seed_db)
    wizard = _open_wizard(qtbot, window, [strange], monkeypatch)
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(wizard.mapping_page.isComplete)
    status = wizard.mapping_page.status.text()
    assert status.startswith("Вид таблицы не распознан") and "мастер" not in status
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.hand_page and not wizard.hand_page.isComplete()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert overview(seed_db) == before
    assert window.schools_view.model.rowCount() == 15


def test_several_files_each_get_their_outcome(qtbot, empty_db, seed_workbook, tmp_path, monkeypatch) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook", encoding="utf-8")
    window = _window(qtbot, empty_db)
    wizard = _open_wizard(qtbot, window, [broken, seed_workbook], monkeypatch)
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    mapping = wizard.mapping_page
    qtbot.waitUntil(mapping.isComplete)
    assert mapping.status.text().startswith("Файл «broken.xlsx» не импортирован")
    mapping.file_combo.setCurrentIndex(1)
    assert "строка заголовка" in mapping.status.text()
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    _press(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(wizard.commit_page.isComplete, timeout=15000)
    assert "Новых школ: 15" in wizard.commit_page.text.toPlainText()
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
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(seed_db_path), "")))
    window.create_action.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and "уже существует" in box.text()
    assert window.db is seed_db
    box.close()


def test_create_database_opens_a_new_empty_one(qtbot, seed_db, tmp_path, monkeypatch) -> None:
    target = tmp_path / "new.sqlite"
    window = _window(qtbot, seed_db)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
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
