"""The first day on an empty database: the «Школы» page says what to do, the seed-002 workbook is
imported through the wizard, the flagged list and a school card are read, the list goes to Excel
(its name and first row say the year and the profile) and is read back; or the demo data instead."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWizard

from lowres_desktop.services.browse import overview
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.import_wizard import ImportWizard
from lowres_desktop.wording.analysis import profile_title
from tests.journeys.driving import answer, answer_file, answer_message, back_to, press, wait_writes
from tests.ui.qt_helpers import double_click


def test_first_day_from_an_empty_database_to_an_excel_list(
    qtbot, open_window, empty_db, seed_workbook, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(empty_db)
    schools = window.schools_view
    qtbot.waitUntil(schools.empty_state.isVisible, timeout=5000)
    assert "ещё нет ни одной школы" in schools.empty_state.findChild(type(schools.count_label)).text()
    assert not schools.table.isVisible()

    answer_file(qtbot, seed_workbook)
    press(qtbot, schools.import_button)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(ImportWizard)), timeout=10_000)
    wizard = next(w for w in window.findChildren(ImportWizard) if w.isVisible())
    while wizard.currentPage() is not wizard.commit_page:
        qtbot.waitUntil(wizard.currentPage().isComplete, timeout=30_000)
        press(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    qtbot.waitUntil(wizard.commit_page.isComplete, timeout=60_000)
    press(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    back_to(qtbot, window)
    qtbot.waitUntil(lambda: schools.model.rowCount() > 0, timeout=10_000)
    assert not schools.empty_state.isVisible() and schools.table.isVisible()
    year = overview(empty_db).years[-1]

    window.navigation.setCurrentRow(Page.FLAGGED)
    flagged = window.flagged_view
    qtbot.waitUntil(lambda: flagged.model.rowCount() > 0, timeout=10_000)
    expected = identify_schools(empty_db, year).flagged
    assert flagged.model.rowCount() == len(expected)

    proposed: list[str] = []
    target = tmp_path / "список.xlsx"

    def save(dialog: QFileDialog) -> None:
        proposed.append(dialog.findChild(QLineEdit, "fileNameEdit").text())
        dialog.setDirectory(str(target.parent))
        dialog.findChild(QLineEdit, "fileNameEdit").setText(target.name)
        dialog.accept()

    answer(qtbot, QFileDialog, save)
    flagged.table.setFocus()
    qtbot.keyClick(
        flagged.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    back_to(qtbot, window)
    assert proposed == [f"Низкие результаты {year}.xlsx"]
    sheet = load_workbook(target).active
    assert sheet.cell(1, 1).value == f"{year} г. · {profile_title(flagged.profile)}"
    model = flagged.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert [cell.value for cell in sheet[2]][: len(headers)] == headers
    below = [sheet.cell(row, 1).value for row in range(3 + len(expected), sheet.max_row + 1)]
    assert all(sheet.cell(row, 1).value is not None for row in range(3, 3 + len(expected)))
    assert below[0] is None and flagged.rule_label.text() in below  # the rule's words below the list

    double_click(qtbot, flagged.table, flagged.proxy.index(0, 1))
    assert window.current_page() == Page.CARD
    card = window.card_view
    qtbot.waitUntil(lambda: card.charts_data is not None, timeout=10_000)
    assert card.full_name.text()
    result_years = {result.year for result in card.charts_data.results}
    assert [one.has_results for one in card.charts_data.categories] == [
        one.year in result_years for one in card.charts_data.categories
    ]


def test_the_empty_page_fills_the_demo_data(qtbot, open_window, empty_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(empty_db)
    schools = window.schools_view
    qtbot.waitUntil(schools.empty_state.isVisible, timeout=5000)
    seen: list[str] = []
    press(qtbot, schools.demo_button)
    assert not schools.demo_button.isEnabled(), "one press, one fill"
    wait_writes(qtbot, window)
    answer_message(qtbot, seen)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen[0].startswith("Демонстрационные данные добавлены: школ — 100")
    assert schools.model.rowCount() == 100 and not schools.empty_state.isVisible()
