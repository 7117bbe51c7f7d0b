"""The import wizard, page by page, offscreen: detection shown, a header mapped by hand and
remembered, problems at their cells, unknown schools assigned, conflicts decided, undo from history."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QTableView, QWizard

from lowres_desktop.importing.parsed import IdKind
from lowres_desktop.services.import_history import import_history
from lowres_desktop.services.import_workbook import (
    CREATE_SCHOOL,
    SchoolRef,
    import_workbook,
    read_import_file,
)
from lowres_desktop.services.results_table import stored_results
from lowres_desktop.ui.dialogs.import_wizard import ImportWizard
from lowres_desktop.ui.main_window import MainWindow, Page
from lowres_desktop.ui.school_picker import SchoolPicker
from lowres_desktop.ui.table_export import TableExport
from tests.data.exchange_files import build_long, build_rcoi_csv
from tests.ui.qt_helpers import app_context, wait_writes


def _window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    return window


def _wizard(qtbot, window: MainWindow, paths: list[Path], monkeypatch) -> ImportWizard:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(p) for p in paths], ""))
    )
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(ImportWizard) is not None)
    wizard = window.findChild(ImportWizard)
    assert wizard.files_page.paths() == paths
    return wizard


def _next(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: page.isComplete(), timeout=10000)
    wizard.next()


def _to_preview(qtbot, window: MainWindow, path: Path, monkeypatch) -> ImportWizard:  # type: ignore[no-untyped-def]
    """The wizard on one file, past the files and the columns, at its preview of the rows."""
    wizard = _wizard(qtbot, window, [path], monkeypatch)
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    return wizard


def _choose(qtbot, table: QTableView, row: int, choice: str) -> None:  # type: ignore[no-untyped-def]
    """Click the row's «Школа» cell and pick `choice` in the searchable list that opens."""
    index = table.model().index(row, 2)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: table.findChild(SchoolPicker) is not None)
    picker = table.findChild(SchoolPicker)
    picker.setCurrentIndex(picker.find_login(choice))
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.findChild(SchoolPicker) is None)  # the editor closes


def _unknown_header_file(tmp_path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Итоги"
    sheet.append(["Итоги ВПР"])
    sheet.append(["Логин ОО", "Название ОО", "ВПР МА 5 2019", None, "Матем. 7 кл. 2019", None])
    sheet.append([None, None, "% 2", "% Выс. рез-тов", "% 2", "% Выс. рез-тов"])
    sheet.append(["sch420220", "МБОУ «СОШ № 1»", 41, 3, 30, 40])
    path = tmp_path / "итоги.xlsx"
    workbook.save(path)
    return path


def test_map_an_unknown_header_decide_a_conflict_and_remember_it(
    qtbot, seed_db, tmp_path, monkeypatch
) -> None:
    window = _window(qtbot, seed_db)
    path = _unknown_header_file(tmp_path)
    wizard = _wizard(qtbot, window, [path], monkeypatch)
    _next(qtbot, wizard)
    mapping = wizard.mapping_page
    qtbot.waitUntil(mapping.isComplete, timeout=10000)
    assert "Итоги" in mapping.sheet_combo.itemText(1) and "Приложение 1" in mapping.sheet_combo.itemText(1)
    assert mapping.header_spin.value() == 2
    origins = [mapping.table.item(r, 6).text() for r in range(mapping.table.rowCount())]
    assert origins.count("не распознан") == 2
    offered = mapping.table.cellWidget(0, 3)
    assert "ВПР МА 6" in [offered.itemText(i) for i in range(offered.count())]
    row = origins.index("не распознан")
    for offset, measure in ((0, "low"), (1, "high")):
        mapping.table.cellWidget(row + offset, 2).setCurrentIndex(
            mapping.table.cellWidget(row + offset, 2).findData("value")
        )
        mapping.table.cellWidget(row + offset, 3).setCurrentText("ВПР МА 7")
        mapping.table.cellWidget(row + offset, 4).setValue(2019)
        mapping.table.cellWidget(row + offset, 5).setCurrentIndex(
            mapping.table.cellWidget(row + offset, 5).findData(measure)
        )
    mapping.apply_button.click()
    qtbot.waitUntil(lambda: not wizard.parsing, timeout=10000)
    origins = [mapping.table.item(r, 6).text() for r in range(mapping.table.rowCount())]
    assert origins.count("задан вручную") == 2
    _next(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.isComplete() and "Ошибок: 0" in preview.summary.text()
    _next(qtbot, wizard)
    conflicts = wizard.conflicts_page
    model = conflicts.model
    assert model.rowCount() == 1
    assert [model.data(model.index(0, column)) for column in (2, 3, 4, 5)] == [
        "sch420220",
        "ВПР МА 5, 2019",
        "— / 40 / 2",
        "— / 41 / 3",
    ]
    conflicts.table.findChild(TableExport).export_to(tmp_path / "расхождения.xlsx")
    exported = load_workbook(tmp_path / "расхождения.xlsx").active
    assert [c.value for c in exported[1]] == [
        "Заменить",
        "Файл",
        "Школа",
        "Процедура, год",
        "В базе",
        "В файле",
    ]
    assert [c.value for c in exported[2]][2:] == ["sch420220", "ВПР МА 5, 2019", "— / 40 / 2", "— / 41 / 3"]
    box = model.index(0, 0)
    assert model.data(box, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not model.flags(box) & Qt.ItemFlag.ItemIsEnabled, "boxes wait for «Решить по строкам»"
    conflicts.per_row_radio.setChecked(True)
    assert model.flags(box) & Qt.ItemFlag.ItemIsEnabled
    conflicts.table.setCurrentIndex(box)
    qtbot.keyClick(conflicts.table, Qt.Key.Key_Space)  # what a click on the box does, too
    assert model.data(box, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    _next(qtbot, wizard)
    qtbot.waitUntil(wizard.commit_page.isComplete, timeout=15000)
    text = wizard.commit_page.text.toPlainText()
    assert "Результатов: новых — 1" in text and "Оставлено как в базе (расхождения): 1" in text
    got = {
        (r.procedure.code, r.year): (r.pct_low, r.pct_high)
        for r in stored_results(seed_db, 2019, "sch420220").results
    }
    assert got[("ВПР МА 5", 2019)] == (40, 2) and got[("ВПР МА 7", 2019)] == (30, 40)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    again = read_import_file(seed_db, path)
    assert {r.procedure.code for r in again.parsed[0].results} == {"ВПР МА 5", "ВПР МА 7"}


def test_problems_are_shown_at_their_cells_and_block_the_import(
    qtbot, empty_db, tmp_path, monkeypatch
) -> None:
    window = _window(qtbot, empty_db)
    path = build_long(
        tmp_path / "bad.xlsx",
        [["sch1", "", "ОГЭ РУ", 2025, 20, 150, 40], ["sch1", "", "ОГЭ РУ", 2025, 20, 1, 4]],
    )
    wizard = _to_preview(qtbot, window, path, monkeypatch)
    preview = wizard.preview_page
    assert not preview.isComplete()
    problems = preview.problems.model()
    assert problems.rowCount() == 2
    assert "строка 3, столбец F" in problems.data(problems.index(0, 0))
    preview.problems.setCurrentIndex(problems.index(0, 0))
    index = preview.table.currentIndex()
    assert preview.model.data(index) == "150"
    assert preview.model.headerData(0, Qt.Orientation.Horizontal) == "Строка"  # one sheet: row numbers
    assert preview.model.data(preview.model.index(index.row(), 0)) == "3"
    assert "вне диапазона" in preview.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert preview.model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    wizard.reject()
    assert empty_db.unit_of_work().__enter__().results.count() == 0


def test_unknown_gia_codes_are_assigned_and_the_history_can_undo(
    qtbot, seed_db, tmp_path, monkeypatch
) -> None:
    window = _window(qtbot, seed_db)
    path = build_rcoi_csv(tmp_path / "ege.csv")
    wizard = _to_preview(qtbot, window, path, monkeypatch)
    preview = wizard.preview_page
    unknown = preview.unknown_model
    assert unknown.rowCount() == 2
    assert [unknown.data(unknown.index(row, 2)) for row in range(2)] == ["Пропустить строки этой школы"] * 2
    assert preview.model.data(preview.model.index(2, 1), Qt.ItemDataRole.BackgroundRole) is not None
    _choose(qtbot, preview.unknown, 0, "sch420220")
    assert unknown.data(unknown.index(0, 2)) == "СОШ № 12 (sch420220)"
    _choose(qtbot, preview.unknown, 1, CREATE_SCHOOL)
    assert unknown.data(unknown.index(1, 2)) == "Создать новую школу"
    _next(qtbot, wizard)
    assert wizard.files[0].choices.assign[SchoolRef(IdKind.GIA_CODE, "540001")] == "sch420220"
    _next(qtbot, wizard)
    qtbot.waitUntil(wizard.commit_page.isComplete, timeout=15000)
    assert "«ЕГЭ РУ» 2022: ниже минимума — тестовый балл меньше 24" in wizard.commit_page.text.toPlainText()
    wizard.accept()
    qtbot.waitUntil(lambda: "школ: 16" in window.status.text())
    assert window.schools_view.model.rowCount() == 16
    window.show_page(Page.HISTORY)
    assert window.history_view.model.rowCount() == 2
    window.history_view.select_batch(import_history(seed_db)[0].id)
    assert "ege.csv" in window.history_view.details.toPlainText()
    assert window.history_view.values_model.rowCount() == 0  # read only when its tab is opened
    window.history_view.detail_tabs.setCurrentWidget(window.history_view.values_table)
    shown = window.history_view.values_model.records()
    assert shown and {v.login for v in shown} >= {"sch420220"}
    assert all(v.was == "—" for v in shown if v.what == "результат")
    assert window.history_view.undo_button.isEnabled()
    window.undo_batch(import_history(seed_db)[0].id)
    qtbot.waitUntil(lambda: "школ: 15" in window.status.text(), timeout=10000)
    window.show_page(Page.SCHOOLS)
    assert window.schools_view.model.rowCount() == 15
    assert import_history(seed_db)[0].undone_at is not None
    assert not window.history_view.undo_button.isEnabled() or window.history_view.selected_batch() is None


def test_a_regions_new_schools_are_created_or_skipped_all_at_once(
    qtbot, empty_db, tmp_path, monkeypatch
) -> None:
    window = _window(qtbot, empty_db)
    rows = [[f"sch{n}", f"МБОУ «СОШ № {n}»", "ОГЭ РУ", 2025, 20, 10, 40] for n in range(1, 301)]
    path = build_long(tmp_path / "region.xlsx", rows)
    wizard = _to_preview(qtbot, window, path, monkeypatch)
    preview = wizard.preview_page
    unknown = preview.unknown_model
    assert unknown.rowCount() == 300
    assert set(unknown.choices().values()) == {CREATE_SCHOOL}
    preview.skip_all_button.click()
    assert set(unknown.choices().values()) == {"skip"}
    assert unknown.data(unknown.index(299, 2)) == "Пропустить строки этой школы"
    preview.create_all_button.click()
    _choose(qtbot, preview.unknown, 7, "skip")
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    qtbot.waitUntil(wizard.commit_page.isComplete, timeout=15000)
    wizard.accept()
    with empty_db.unit_of_work() as uow:
        logins = {school.login for school in uow.schools.all()}
    assert len(logins) == 299 and "sch8" not in logins


def test_minimum_scores_dialog_edits_and_resets_a_row(qtbot, empty_db, tmp_path) -> None:
    from lowres_desktop.services.minimum_scores import StoredMinimumScore, minimum_scores
    from lowres_desktop.ui.dialogs.minimum_scores_dialog import MinimumScoresDialog

    context = app_context(qtbot, empty_db)
    dialog = MinimumScoresDialog(context)
    qtbot.addWidget(dialog)
    shipped = dialog.table.rowCount()
    row = next(
        r
        for r, e in enumerate(dialog.entries)
        if (e.score.kind, e.score.subject, e.score.year) == ("ЕГЭ", "РУ", 2025)
    )
    assert dialog.table.item(row, 4).text() == "24"
    dialog.save(StoredMinimumScore("ЕГЭ", "РУ", 2025, "test", 36, 80, "для поступления"))
    wait_writes(qtbot, context)
    assert dialog.table.item(row, 4).text() == "36" and dialog.table.rowCount() == shipped
    dialog.table.setCurrentCell(row, 0)
    dialog.reset_button.click()
    wait_writes(qtbot, context)
    assert dialog.table.item(row, 4).text() == "24"
    assert not any(e.edited for e in minimum_scores(empty_db))
    dialog.table.findChild(TableExport).export_to(tmp_path / "минимумы.xlsx")
    exported = load_workbook(tmp_path / "минимумы.xlsx").active
    assert exported.max_row == shipped + 1 and exported.cell(row + 2, 5).value == 24  # a number, not text


def test_a_per_school_table_mapped_by_hand_with_the_procedure_for_the_sheet(
    qtbot, empty_db, tmp_path, monkeypatch
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Итоги"
    sheet.append(["Сводка по ОО, ОГЭ русский язык, 2025"])
    sheet.append(["ОО", "Наименование", "Всего сдавали", "Не справились, %", "На 4 и 5, %"])
    sheet.append(["sch1", "МБОУ \"СОШ № 1\"", 40, 12.5, 35])
    sheet.append(["sch2", "МБОУ \"СОШ № 2\"", 25, 0, 60])
    path = tmp_path / "сводка.xlsx"
    workbook.save(path)
    window = _window(qtbot, empty_db)
    wizard = _wizard(qtbot, window, [path], monkeypatch)
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    hand = wizard.hand_page
    assert wizard.currentPage() is hand and hand.table_radio.isChecked()
    assert hand.header_spin.value() == 2
    for row, title in ((0, "Логин ОО"), (1, "Название ОО"), (2, "Участников"), (3, "% «2» (ниже минимума)"),
                       (4, "% высоких")):  # fmt: skip
        combo = hand.columns.cellWidget(row, 3)
        combo.setCurrentIndex(combo.findText(title))
    hand.preview_button.click()
    assert hand.status.text() == "Укажите столбец с процедурой или процедуру листа (например «ВПР МА 5»)."
    hand.procedure_edit.setText("ОГЭ РУ")
    hand.year_spin.setValue(2025)
    hand.preview_button.click()
    assert not hand.isEnabled() and not hand.isComplete(), "the page waits while the file is parsed"
    qtbot.waitUntil(lambda: not wizard.parsing, timeout=10000)
    assert hand.isEnabled()
    rows = [[hand.figures.item(r, c).text() for c in range(6)] for r in range(hand.figures.rowCount())]
    assert rows == [
        ["sch1", "ОГЭ РУ", "2025", "40", "12,5", "35"],
        ["sch2", "ОГЭ РУ", "2025", "25", "0", "60"],
    ]
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    qtbot.waitUntil(wizard.commit_page.isComplete, timeout=15000)
    got = {(r.login, r.procedure.code, r.year): (r.participants, r.pct_low, r.pct_high)
           for r in stored_results(empty_db).results}  # fmt: skip
    assert got == {("sch1", "ОГЭ РУ", 2025): (40, 12.5, 35), ("sch2", "ОГЭ РУ", 2025): (25, 0, 60)}
    workbook.active.append(["sch3", "Лицей", 30, 10, 50])
    again = tmp_path / "сводка-2.xlsx"
    workbook.save(again)
    report = import_workbook(empty_db, again)
    assert (report.results_new, report.results_unchanged) == (1, 2)
