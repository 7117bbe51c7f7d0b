"""The office's menu work: about, requisites with an emblem, the audit log (name and CSV export),
backups (made, restored, folder), a results template, the demo data, databases created and opened,
import history undone, minimum scores edited and reset, a result corrected by hand, an unexpected
failure shown with its details."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QMessageBox

from lowres_desktop.services import import_history
from lowres_desktop.services.backups import backup_limit, list_backups
from lowres_desktop.services.import_history import import_history as history
from lowres_desktop.services.minimum_scores import minimum_scores
from lowres_desktop.services.requisites import load_requisites
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.about_dialog import AboutDialog
from lowres_desktop.ui.dialogs.backups_dialog import BackupsDialog
from lowres_desktop.ui.dialogs.error_dialog import ErrorDialog
from lowres_desktop.ui.dialogs.minimum_scores_dialog import MinimumScoreRowDialog, MinimumScoresDialog
from lowres_desktop.ui.dialogs.open_database_dialog import OpenDatabaseDialog
from lowres_desktop.ui.dialogs.requisites_dialog import RequisitesDialog
from lowres_desktop.ui.dialogs.result_edit_dialog import ResultEditDialog
from tests.journeys.driving import (
    answer,
    answer_file,
    answer_message,
    answer_question,
    back_to,
    press,
    press_standard,
    press_text,
    trigger,
    type_text,
    wait_writes,
)


def test_about_requisites_and_the_audit_log(qtbot, open_window, seed_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    trigger(window, "Справка", "О программе")
    about = next(d for d in window.findChildren(AboutDialog) if d.isVisible())
    assert seed_db.target in " ".join(label.text() for label in about.findChildren(type(window.status)))
    press_text(qtbot, about, "Закрыть")
    back_to(qtbot, window)

    emblem = tmp_path / "герб.png"
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    image.save(str(emblem))
    trigger(window, "Файл", "Реквизиты организации…")
    dialog = next(d for d in window.findChildren(RequisitesDialog) if d.isVisible())
    answer_file(qtbot, emblem)
    press_text(qtbot, dialog, "Выбрать…")
    assert dialog.clear_button.isEnabled()
    press_text(qtbot, dialog, "Убрать")
    assert not dialog.clear_button.isEnabled()
    answer_file(qtbot, emblem)
    press_text(qtbot, dialog, "Выбрать…")
    dialog.signatory_name.setFocus()
    dialog.signatory_name.selectAll()
    type_text(dialog.signatory_name, "Р. М. Ахметгареев")
    press_text(qtbot, dialog, "Сохранить")
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: not [d for d in window.findChildren(RequisitesDialog) if d.isVisible()])
    back_to(qtbot, window)
    saved = load_requisites(seed_db)
    assert saved.signatory_name == "Р. М. Ахметгареев" and saved.emblem_png is not None

    window.show_page(Page.DOCUMENTS)
    press_text(qtbot, window.documents_view, "Реквизиты организации…")
    again = next(d for d in window.findChildren(RequisitesDialog) if d.isVisible())
    assert again.signatory_name.text() == "Р. М. Ахметгареев"
    press_text(qtbot, again, "Отмена")
    back_to(qtbot, window)

    def name(box: QInputDialog) -> None:
        box.setTextValue("Прасолова Н. В.")
        box.accept()

    answer(qtbot, QInputDialog, name)
    trigger(window, "Сервис", "Моё имя в журнале изменений…")
    back_to(qtbot, window)
    assert seed_db.user_name == "Прасолова Н. В."

    trigger(window, "Сервис", "Журнал изменений…")
    audit = next(
        d for d in window.findChildren(QDialog) if d.isVisible() and d.windowTitle() == "Журнал изменений"
    )
    path = tmp_path / "журнал.csv"
    answer_file(qtbot, path)
    press_text(qtbot, audit, "Сохранить в CSV…")
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].count(";") + text.splitlines()[0].count(",") >= 3  # a header of columns
    assert len(text.splitlines()) > 1
    audit.close()


def test_backups_made_opened_and_restored(qtbot, open_window, seed_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = open_window(seed_db)
    trigger(window, "Сервис", "Резервные копии…")
    dialog = next(d for d in window.findChildren(BackupsDialog) if d.isVisible())
    before = len(list_backups(seed_db.target))
    press_text(qtbot, dialog, "Создать копию сейчас")
    wait_writes(qtbot, window)
    assert len(list_backups(seed_db.target)) == before + 1
    assert dialog.table.rowCount() == before + 1
    dialog.keep_spin.setFocus()
    dialog.keep_spin.selectAll()
    qtbot.keyClicks(dialog.keep_spin, "5")
    dialog.keep_spin.clearFocus()  # leaving the field sets the limit
    wait_writes(qtbot, window)
    assert backup_limit(seed_db) == 5
    press_text(qtbot, dialog, "Открыть папку")
    assert opened and Path(opened[0].toLocalFile()).is_dir()
    press_text(qtbot, dialog, "Закрыть")
    back_to(qtbot, window)

    window.show_page(Page.ROADMAPS)
    from lowres_desktop.services.roadmaps import create_from_template, list_roadmaps

    create_from_template(seed_db, "seed001_novosibirsk_2020")  # made after the copy
    trigger(window, "Сервис", "Резервные копии…")
    dialog = next(d for d in window.findChildren(BackupsDialog) if d.isVisible())
    dialog.table.selectRow(0)
    seen: list[str] = []
    answer_question(qtbot, QMessageBox.StandardButton.Yes)
    press_text(qtbot, dialog, "Восстановить выбранную…")
    answer_message(qtbot, seen)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    back_to(qtbot, window)
    assert seen[0].startswith("База восстановлена из копии.")
    assert list_roadmaps(window.db) == []


def test_template_demo_data_new_and_other_databases(qtbot, open_window, empty_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(empty_db)
    template = tmp_path / "шаблон.xlsx"
    seen: list[str] = []
    answer_file(qtbot, template)
    trigger(window, "Файл", "Шаблон для ввода результатов…")
    answer_message(qtbot, seen)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    back_to(qtbot, window)
    assert load_workbook(template).sheetnames

    trigger(window, "Файл", "Заполнить демонстрационными данными")
    wait_writes(qtbot, window)
    answer_message(qtbot, seen)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    back_to(qtbot, window)
    assert window.schools_view.model.rowCount() == 100

    created = tmp_path / "новая.sqlite"
    answer_file(qtbot, created)
    trigger(window, "Файл", "Создать базу…")
    back_to(qtbot, window)
    assert window.db.target == str(created) and window.schools_view.empty_state.isVisible()

    def other(dialog: OpenDatabaseDialog) -> None:
        answer_file(qtbot, Path(empty_db.target))
        press_text(qtbot, dialog, "Обзор…")
        assert dialog.target_edit.text() == empty_db.target
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Open)

    answer(qtbot, OpenDatabaseDialog, other)
    trigger(window, "Файл", "Открыть базу…")
    back_to(qtbot, window)
    assert window.db.target == empty_db.target
    cancel = QDialogButtonBox.StandardButton.Cancel
    answer(qtbot, OpenDatabaseDialog, lambda d: press_standard(qtbot, d, cancel))
    trigger(window, "Файл", "Открыть базу…")
    back_to(qtbot, window)
    assert window.db.target == empty_db.target


def test_history_undo_minimum_scores_and_a_result_by_hand(qtbot, open_window, seed_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    window.show_page(Page.RESULTS)
    results = window.results_view
    qtbot.waitUntil(lambda: results.model.rowCount() > 0, timeout=10_000)
    column = results.model.FIXED_COLUMNS
    cell = results.proxy.index(0, column)
    results.table.setFocus()
    results.table.setCurrentIndex(cell)

    def cancel(dialog: ResultEditDialog) -> None:
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    answer(qtbot, ResultEditDialog, cancel)
    qtbot.keyClick(results.table, Qt.Key.Key_F2)
    back_to(qtbot, window)

    def edit(dialog: ResultEditDialog) -> None:
        dialog.pct_low.selectAll()
        dialog.pct_low.setFocus()
        type_text(dialog.pct_low, "12,5")
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    answer(qtbot, ResultEditDialog, edit)
    results.table.setFocus()
    qtbot.keyClick(results.table, Qt.Key.Key_F2)
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert "Результат изменён" in window.statusBar().currentMessage()
    batches = history(seed_db)
    edited = batches[0]

    window.navigation.setCurrentRow(Page.HISTORY)
    view = window.history_view
    qtbot.waitUntil(lambda: view.model.rowCount() == len(batches), timeout=10_000)
    view.table.selectRow(0)
    seen: list[str] = []
    answer_question(qtbot, QMessageBox.StandardButton.Yes)
    press_text(qtbot, view, "Отменить пакет…")
    wait_writes(qtbot, window)
    answer_message(qtbot, seen)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    back_to(qtbot, window)
    assert seen[0].startswith(f"Пакет № {edited.id} отменён")
    assert next(b for b in history(seed_db) if b.id == edited.id).undone_at is not None

    press_text(qtbot, view, "Минимальные баллы…")
    scores = next(d for d in window.findChildren(MinimumScoresDialog) if d.isVisible())

    def add(row: MinimumScoreRowDialog) -> None:
        row.subject.setFocus()
        type_text(row.subject, "ИН")
        row.year.setValue(2025)
        row.minimum.setValue(22)
        row.high.setValue(80)
        press_standard(qtbot, row, QDialogButtonBox.StandardButton.Ok)

    answer(qtbot, MinimumScoreRowDialog, add)
    press_text(qtbot, scores, "Добавить…")
    wait_writes(qtbot, window)
    assert any(e.edited and e.score.subject == "ИН" for e in minimum_scores(seed_db))
    row = next(r for r, e in enumerate(scores.entries) if e.edited and e.score.subject == "ИН")
    scores.table.setCurrentCell(row, 0)
    cancel = QDialogButtonBox.StandardButton.Cancel
    answer(qtbot, MinimumScoreRowDialog, lambda d: press_standard(qtbot, d, cancel))
    press_text(qtbot, scores, "Изменить…")
    row = next(r for r, e in enumerate(scores.entries) if e.edited and e.score.subject == "ИН")
    scores.table.setCurrentCell(row, 0)
    press(qtbot, scores.reset_button)
    wait_writes(qtbot, window)
    assert not any(e.edited and e.score.subject == "ИН" for e in minimum_scores(seed_db))
    press_standard(qtbot, scores, QDialogButtonBox.StandardButton.Close)
    back_to(qtbot, window)


def test_an_unexpected_failure_is_shown_with_its_details(qtbot, open_window, seed_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("диск отключён")

    monkeypatch.setattr(import_history, "edit_result", broken)
    monkeypatch.setattr("lowres_desktop.ui.dialogs.result_edit_dialog.edit_result", broken)
    window = open_window(seed_db)
    window.show_page(Page.RESULTS)
    results = window.results_view
    qtbot.waitUntil(lambda: results.model.rowCount() > 0, timeout=10_000)
    results.table.setFocus()
    results.table.setCurrentIndex(results.proxy.index(0, results.model.FIXED_COLUMNS))
    answer(qtbot, ResultEditDialog, lambda d: press_standard(qtbot, d, QDialogButtonBox.StandardButton.Ok))
    qtbot.keyClick(results.table, Qt.Key.Key_F2)
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ErrorDialog)), timeout=5000)
    error = next(d for d in window.findChildren(ErrorDialog) if d.isVisible())
    assert "непредвиденная ошибка" in error.ui.messageLabel.text()
    press_text(qtbot, error, "Скопировать подробности")
    assert "RuntimeError: диск отключён" in QGuiApplication.clipboard().text()
    press_text(qtbot, error, "Закрыть")
    assert not error.isVisible()
