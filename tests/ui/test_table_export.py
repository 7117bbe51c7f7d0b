"""Copy (Ctrl+C) and «Экспорт в Excel…» on the main window's tables."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from lowres_desktop.ui.main_window import MainWindow, Page
from lowres_desktop.ui.table_export import TableExport, cell_value


def test_every_page_table_has_copy_and_export(qtbot, seed_db, tmp_path: Path) -> None:
    window = MainWindow(seed_db)
    qtbot.addWidget(window)
    window.show()
    tables = [t for view in window.views for t in view.findChildren(QTableView)]
    assert tables and all(t.findChild(TableExport) is not None for t in tables)
    window.show_page(Page.SCHOOLS)
    table = window.schools_view.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert copied.count("\t") >= 1 and copied.endswith("\r\n") and "sch" in copied
    export = table.findChild(TableExport)
    path = tmp_path / "школы.xlsx"
    export.export_to(path)
    sheet = load_workbook(path).active
    assert sheet.title == "Школы" and sheet.max_row == 16 and sheet.freeze_panes == "A2"
    window.show_page(Page.RESULTS)
    results = window.results_view.table.findChild(TableExport)
    results.export_to(tmp_path / "r.xlsx")
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert str(sheet["A1"].value).startswith(f"{window.results_view.years.year()} г. · Профиль «")
    assert sheet.freeze_panes == "A3"  # the year-and-profile line above the header
    numbers = [c.value for c in sheet[3] if isinstance(c.value, int | float)]
    assert numbers


def test_display_text_becomes_numbers() -> None:
    assert cell_value("45\u00a0%") == 45 and cell_value("12,5") == 12.5 and cell_value("sch1") == "sch1"
    assert cell_value("-") == "-" and cell_value("2019") == 2019 and cell_value(None) is None


def test_a_result_edited_by_hand_is_saved_and_can_be_undone(qtbot, seed_db) -> None:
    from lowres_desktop.services.import_history import import_history
    from lowres_desktop.services.results_table import stored_results
    from lowres_desktop.ui.dialogs.result_edit_dialog import ResultEditDialog

    window = MainWindow(seed_db)
    qtbot.addWidget(window)
    window.show()
    window.show_page(Page.RESULTS)
    view = window.results_view
    column = view.model.FIXED_COLUMNS + [p.code for p in view.model.procedures()].index("ВПР МА 5")
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 1).data() == "sch420220")
    view.table.setCurrentIndex(view.proxy.index(row, column))
    login, _name, procedure, year, current = window.result_editor.selected()
    assert (login, procedure.code, year, current.pct_low) == ("sch420220", "ВПР МА 5", 2019, 40)
    dialog = ResultEditDialog("СОШ", procedure, year, current)
    assert dialog.pct_low.text() == "40"
    dialog.pct_low.setText("35,5")
    window.result_editor.edit(dialog, login, procedure, year, current)
    qtbot.waitUntil(
        lambda: import_history(seed_db) and import_history(seed_db)[0].kind == "manual", timeout=10000
    )
    edited = {
        (r.procedure.code, r.year): r.pct_low for r in stored_results(seed_db, 2019, "sch420220").results
    }
    assert edited[("ВПР МА 5", 2019)] == 35.5
    window.undo_batch(import_history(seed_db)[0].id)
    qtbot.waitUntil(lambda: import_history(seed_db)[0].undone_at is not None, timeout=10000)
    restored = {
        (r.procedure.code, r.year): r.pct_low for r in stored_results(seed_db, 2019, "sch420220").results
    }
    assert restored[("ВПР МА 5", 2019)] == 40
