"""The analysis page as a specialist uses it before a meeting: the rule profile edited with what-if,
Escape with edits asking (Отмена stays, Сохранить saves), a school's official status and profile
set, its charts opened and saved as PNG, the dashboard saved; and the first-run dialog's choices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from lowres_desktop import app
from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.records import ProcedureKind
from lowres_desktop.services.categories import official_statuses
from lowres_desktop.services.rule_profiles import list_profiles
from lowres_desktop.services.school_profiles import school_profile
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.first_run_dialog import FirstRunChoice, FirstRunDialog
from lowres_desktop.ui.dialogs.open_database_dialog import OpenDatabaseDialog
from lowres_desktop.ui.dialogs.rule_profile_dialog import RuleProfileDialog
from lowres_desktop.ui.dialogs.school_profile_dialog import OfficialStatusDialog, SchoolProfileDialog
from lowres_desktop.ui.settings import UiSettings
from lowres_desktop.ui.views.analysis_view import Tab
from tests.journeys.driving import (
    answer,
    answer_file,
    answer_folder,
    answer_question,
    back_to,
    press,
    press_standard,
    press_text,
    type_text,
    wait_writes,
)

CANCEL = QDialogButtonBox.StandardButton.Cancel


def _closed(qtbot, window, kind) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not [d for d in window.findChildren(kind) if d.isVisible()], timeout=10_000)


def _profile_dialog(qtbot, window) -> RuleProfileDialog:  # type: ignore[no-untyped-def]
    press(qtbot, window.analysis_view.scope_bar.edit_profile)
    return next(d for d in window.findChildren(RuleProfileDialog) if d.isVisible())


def test_the_profile_with_what_if_escape_and_save(qtbot, open_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_db)
    window.show_page(Page.ANALYSIS)
    dialog = _profile_dialog(qtbot, window)
    assert dialog.name.cursorPosition() == 0 and dialog.order.cursorPosition() == 0
    press_text(qtbot, dialog, "Отмена")  # nothing edited: closes without asking
    qtbot.waitUntil(lambda: not [d for d in window.findChildren(RuleProfileDialog) if d.isVisible()])
    back_to(qtbot, window)

    dialog = _profile_dialog(qtbot, window)
    threshold = dialog.thresholds[ProcedureKind.VPR]
    threshold.setFocus()
    threshold.selectAll()
    type_text(threshold, "25")
    qtbot.keyClick(threshold, Qt.Key.Key_Tab)
    assert dialog.entered.count() > 0 and " — " in dialog.entered.item(0).text()
    assert not any(dialog.entered.item(r).text().endswith("—") for r in range(dialog.entered.count()))
    answer_question(qtbot, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and threshold.value() == 25.0, "Отмена in the question keeps the edits"
    answer_question(qtbot, QMessageBox.StandardButton.Save)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: not [d for d in window.findChildren(RuleProfileDialog) if d.isVisible()])
    back_to(qtbot, window)
    current = list_profiles(demo_db).current
    assert current.default_threshold == 25.0 and current.name.endswith("(копия)")

    dialog = _profile_dialog(qtbot, window)
    dialog.min_participants.setValue(10)
    press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert list_profiles(demo_db).current.min_participants == 10


def test_a_school_status_profile_and_charts(qtbot, open_window, demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_db)
    window.show_page(Page.ANALYSIS)
    view = window.analysis_view
    dashboard = tmp_path / "панель"
    dashboard.mkdir()
    answer_folder(qtbot, dashboard)
    press_text(qtbot, view, "Сохранить графики в PNG…")
    back_to(qtbot, window)
    assert list(dashboard.glob("*.png"))

    view.tabs.setCurrentIndex(Tab.CATEGORIES)
    qtbot.waitUntil(lambda: view.categories_tab.model.rowCount() > 0, timeout=10_000)
    view.categories_tab.table.selectRow(0)
    row = view.categories_tab.selected_row()
    year = view.scope_bar.years.year()

    def status(dialog: OfficialStatusDialog) -> None:
        dialog.categories[Category.LOW].setChecked(True)
        dialog.number.setFocus()
        type_text(dialog.number, "1351")
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Save)

    press(qtbot, view.categories_tab.status_button)
    answer(qtbot, OfficialStatusDialog, status)
    _closed(qtbot, window, OfficialStatusDialog)
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    stored = official_statuses(demo_db, row.school.login)
    assert any(s.year == year and s.order_number == "1351" for s in stored)
    view.categories_tab.table.selectRow(0)
    press(qtbot, view.categories_tab.status_button)
    answer(qtbot, OfficialStatusDialog, lambda d: press_standard(qtbot, d, CANCEL))
    _closed(qtbot, window, OfficialStatusDialog)
    back_to(qtbot, window)

    view.categories_tab.table.selectRow(0)
    row = view.categories_tab.selected_row()

    def school(dialog: SchoolProfileDialog) -> None:
        next(iter(dialog.types.values())).setChecked(True)
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Save)

    press(qtbot, view.categories_tab.profile_button)
    answer(qtbot, SchoolProfileDialog, school)
    _closed(qtbot, window, SchoolProfileDialog)
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert school_profile(demo_db, row.school.login, year, view.scope_bar.profile()).profile.problem_types
    view.categories_tab.table.selectRow(0)
    press(qtbot, view.categories_tab.profile_button)
    answer(qtbot, SchoolProfileDialog, lambda d: press_standard(qtbot, d, CANCEL))
    _closed(qtbot, window, SchoolProfileDialog)
    back_to(qtbot, window)

    view.categories_tab.table.selectRow(0)
    press(qtbot, view.categories_tab.charts_button)
    assert view.tabs.currentIndex() == Tab.SCHOOL
    charts = tmp_path / "школа"
    charts.mkdir()
    answer_folder(qtbot, charts)
    press_text(qtbot, view.school_tab.panel, "Сохранить графики в PNG…")
    back_to(qtbot, window)
    assert list(charts.glob("*.png"))

    view.tabs.setCurrentIndex(Tab.HEAT_MAP)
    qtbot.waitUntil(lambda: view.heat_map_tab.model.rowCount() > 0, timeout=10_000)
    heat = tmp_path / "тепловая.png"
    answer_file(qtbot, heat)
    press_text(qtbot, view, "Сохранить видимую часть в PNG…")
    back_to(qtbot, window)
    assert heat.exists() and heat.stat().st_size > 0

    window.show_page(Page.CARD)
    card_charts = tmp_path / "карточка"
    card_charts.mkdir()
    answer_folder(qtbot, card_charts)
    press_text(qtbot, window.card_view.charts, "Сохранить графики в PNG…")
    back_to(qtbot, window)
    assert list(card_charts.glob("*.png"))


def test_the_first_run_dialog_offers_three_starts(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = UiSettings()
    answer(qtbot, FirstRunDialog, lambda d: press_text(qtbot, d, "Создать пустую базу"))
    target, choice = app._first_run(settings)  # type: ignore[misc]
    assert choice == FirstRunChoice.CREATE and target.endswith(".sqlite")
    answer(qtbot, FirstRunDialog, lambda d: press_text(qtbot, d, "Открыть демонстрационную базу"))
    assert app._first_run(settings)[1] == FirstRunChoice.DEMO  # type: ignore[index]

    existing = tmp_path / "офис.sqlite"
    existing.write_bytes(b"")

    def open_existing(dialog: FirstRunDialog) -> None:
        def choose(chooser: OpenDatabaseDialog) -> None:
            chooser.target_edit.setText(str(existing))
            press_standard(qtbot, chooser, QDialogButtonBox.StandardButton.Open)

        answer(qtbot, OpenDatabaseDialog, choose)
        press_text(qtbot, dialog, "Открыть существующую базу…")

    answer(qtbot, FirstRunDialog, open_existing)
    target, choice = app._first_run(settings)  # type: ignore[misc]
    assert choice == FirstRunChoice.OPEN and target == str(existing)
