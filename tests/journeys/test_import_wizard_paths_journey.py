"""The import wizard the way people get it wrong: a file that is not a table added by mistake and
taken out again after going back; choices for the unknown schools of one file kept while looking at
another; the wizard cancelled midway, also while it is still reading; Escape while it imports; a
reading and an import that fail for a reason nobody expected."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from lowres_desktop.importing import workbook_reader
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.dialogs.import_wizard import wizard as wizard_module
from lowres_desktop.ui.models.unknown_schools_model import SKIP
from tests.data.exchange_files import build_vpr_statistics
from tests.journeys.driving import button, press
from tests.journeys.test_import_journeys import _choose, _next, _wizard

CANCEL = QWizard.WizardButton.CancelButton


def _statistics(path: Path, first: int) -> Path:
    """A ФИС ОКО «Статистика по отметкам» of 20 schools the database does not know, sch8{first}01…"""
    schools = [
        (f"МБОУ СОШ № {n}(sch8{first}{n:03d})", 1, 20 + n, [10.0, 40.0, 30.0, 20.0]) for n in range(1, 21)
    ]
    return build_vpr_statistics(path, schools)


def _logins(db: Database) -> set[str]:
    with db.unit_of_work() as uow:
        return {school.login for school in uow.schools.all()}


def _closed(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=10_000)


def test_a_wrong_file_taken_out_after_going_back_then_cancelled(
    qtbot, open_window, empty_db, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    good = _statistics(tmp_path / "ВПР.xlsx", 1)
    wrong = tmp_path / "письмо.xlsx"
    wrong.write_bytes(b"not a workbook, a letter saved with the wrong name")
    window = open_window(empty_db)
    wizard = _wizard(qtbot, window, [good, wrong])
    _next(qtbot, wizard)
    mapping = wizard.mapping_page
    qtbot.waitUntil(mapping.isComplete, timeout=15_000)
    _choose(mapping.file_combo, "письмо.xlsx")
    assert "не удалось прочитать" in mapping.status.text()
    _choose(mapping.file_combo, "ВПР.xlsx")
    assert mapping.status.text().startswith("Листы:") and mapping.table.rowCount() > 0

    press(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    files = wizard.files_page
    assert wizard.currentPage() is files
    files.list.setCurrentRow(1)
    press(qtbot, button(files, "Убрать"))
    _next(qtbot, wizard)
    assert wizard.currentPage() is mapping
    assert [mapping.file_combo.itemText(i) for i in range(mapping.file_combo.count())] == ["ВПР.xlsx"]
    assert mapping.status.text().startswith("Листы:"), "the file read before is not read again"
    _next(qtbot, wizard)
    preview = wizard.preview_page
    assert wizard.currentPage() is preview and preview.summary.text() == "Ошибок: 0. Школ не из базы: 20."

    press(qtbot, wizard.button(CANCEL))
    _closed(qtbot, wizard)
    assert _logins(empty_db) == set()
    assert window.schools_view.model.rowCount() == 0


def test_skipped_schools_stay_skipped_for_their_file_while_another_is_shown(
    qtbot, open_window, empty_db, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    first, second = _statistics(tmp_path / "ВПР 1.xlsx", 1), _statistics(tmp_path / "ВПР 2.xlsx", 2)
    window = open_window(empty_db)
    wizard = _wizard(qtbot, window, [first, second])
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    preview = wizard.preview_page
    press(qtbot, preview.skip_all_button)
    assert set(preview.unknown_model.choices().values()) == {SKIP}
    _choose(preview.file_combo, "ВПР 2.xlsx")
    assert SKIP not in preview.unknown_model.choices().values(), "the second file's schools are created"
    _choose(preview.file_combo, "ВПР 1.xlsx")
    assert set(preview.unknown_model.choices().values()) == {SKIP}, "the first file's choice was kept"
    press(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    _next(qtbot, wizard)
    assert set(preview.unknown_model.choices().values()) == {SKIP}, "and kept over Back and Next"
    _next(qtbot, wizard)
    commit = wizard.commit_page
    qtbot.waitUntil(commit.isComplete, timeout=30_000)
    press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert _logins(empty_db) == {f"sch82{n:03d}" for n in range(1, 21)}


def test_cancelled_while_reading(qtbot, open_window, empty_db, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = _statistics(tmp_path / "ВПР.xlsx", 1)
    release = threading.Event()
    read_file = workbook_reader.read_file

    def slow(file: Path):  # type: ignore[no-untyped-def]
        release.wait(20)
        return read_file(file)

    monkeypatch.setattr(workbook_reader, "read_file", slow)
    window = open_window(empty_db)
    wizard = _wizard(qtbot, window, [path])
    press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    mapping = wizard.mapping_page
    assert mapping.status.text() == "Чтение файла…" and not mapping.isComplete()
    press(qtbot, wizard.button(CANCEL))
    _closed(qtbot, wizard)
    release.set()
    qtbot.waitUntil(lambda: not window.tasks.is_busy(), timeout=10_000)
    qtbot.wait(50)  # the reading's answer arrives for a closed wizard and is dropped
    assert _logins(empty_db) == set() and window.isVisible()


def test_a_reading_that_fails_unexpectedly_is_said_on_the_columns_page(
    qtbot, open_window, empty_db, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    path = _statistics(tmp_path / "ВПР.xlsx", 1)

    def broken(_file: Path):  # type: ignore[no-untyped-def]
        raise RuntimeError("сетевой диск отключился во время чтения")

    monkeypatch.setattr(workbook_reader, "read_file", broken)
    window = open_window(empty_db)
    wizard = _wizard(qtbot, window, [path])
    press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    mapping = wizard.mapping_page
    qtbot.waitUntil(lambda: mapping.status.text() != "Чтение файла…", timeout=10_000)
    assert mapping.status.text() == "сетевой диск отключился во время чтения"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    press(qtbot, wizard.button(CANCEL))
    _closed(qtbot, wizard)


def test_escape_waits_for_the_import_and_a_failed_import_is_said(
    qtbot, open_window, empty_db, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    path = _statistics(tmp_path / "ВПР.xlsx", 1)
    release = threading.Event()

    def failing(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        release.wait(20)
        raise RuntimeError("диск переполнен")

    monkeypatch.setattr(wizard_module, "apply_all", failing)
    window = open_window(empty_db)
    wizard = _wizard(qtbot, window, [path])
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    commit = wizard.commit_page
    assert wizard.currentPage() is commit and commit.headline.text() == "Импорт…"
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert wizard.isVisible(), "Escape does not close the wizard while it imports"
    release.set()
    qtbot.waitUntil(commit.isComplete, timeout=10_000)
    assert commit.headline.text() == "<b>Файлы не импортированы, база не изменена</b>"
    assert "диск переполнен" in commit.text.toPlainText()
    press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    _closed(qtbot, wizard)
    assert _logins(empty_db) == set()


def test_a_file_that_cannot_be_read_is_named_in_the_outcome(qtbot, open_window, empty_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = _statistics(tmp_path / "ВПР.xlsx", 1)
    wrong = tmp_path / "письмо.xlsx"
    wrong.write_bytes(b"not a workbook")
    window = open_window(empty_db)
    wizard = _wizard(qtbot, window, [good, wrong])
    for _page in range(3):
        _next(qtbot, wizard)
    commit = wizard.commit_page
    qtbot.waitUntil(commit.isComplete, timeout=30_000)
    assert commit.headline.text() == "<b>Импорт завершён, но не все файлы приняты</b>"
    text = commit.text.toPlainText()
    assert "«ВПР.xlsx»" in text and "Файл «письмо.xlsx» не импортирован" in text
    press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert len(_logins(empty_db)) == 20
