"""A roadmap's header and an item's details typed into their fields, as a person fills them in:
period, numbering, approval order, a section's title, an item's text, deadline, manual dates,
executors; a section deleted and moved; the indicators' yearly figures; all saved in one go."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from lowres_desktop.domain.roadmaps import Numbering
from lowres_desktop.services.roadmaps import create_from_template, indicators_progress, load_roadmap
from lowres_desktop.ui.app_context import Page
from tests.journeys.driving import type_text, wait_writes


def test_header_and_item_details_typed_and_saved(qtbot, open_window, seed_db) -> None:  # type: ignore[no-untyped-def]
    roadmap_id = create_from_template(seed_db, "seed003_novosibirsk_2020_2024")
    window = open_window(seed_db)
    window.show_page(Page.ROADMAPS)
    editor = window.roadmaps_view.editor
    assert editor.header.title.cursorPosition() == 0, "a long title reads from its start"
    sections = len(editor.roadmap().sections)

    editor.header.last_year.setValue(2025)
    editor.header.numbering.setCurrentIndex(editor.header.numbering.findData(Numbering.NESTED.value))
    assert editor.tree.topLevelItem(0).child(0).text(0) == "1.1"
    editor.header.order_number.setFocus()
    editor.header.order_number.selectAll()
    type_text(editor.header.order_number, "0177-ога/1")
    editor.header.order_number.textEdited.emit(editor.header.order_number.text())

    editor.select((1,))
    editor.details.section_title.setFocus()
    editor.details.section_title.selectAll()
    type_text(editor.details.section_title, "Методическое сопровождение")

    editor.select((0, 0))
    editor.details.item_text.setFocus()
    editor.details.item_text.selectAll()
    type_text(editor.details.item_text, "Совещание с руководителями ОУ\n- по итогам ВПР")
    editor.details.deadline.setFocus()
    editor.details.deadline.selectAll()
    type_text(editor.details.deadline, "Декабрь 2020")
    qtbot.waitUntil(lambda: editor.roadmap().sections[0].items[0].deadline_text == "Декабрь 2020")
    assert editor.roadmap().sections[0].items[0].ends_on.isoformat() == "2020-12-31"
    qtbot.mouseClick(editor.details.manual_dates, Qt.MouseButton.LeftButton)
    editor.details.ends_on.setDate(QDate(2021, 1, 15))
    executor = editor.details.executors.item(0).text()
    editor.details.executors.item(0).setCheckState(Qt.CheckState.Checked)

    editor.select((sections - 1,))
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    editor.select((sections - 2,))
    editor.delete_action.trigger()
    assert editor.tree.topLevelItemCount() == sections - 1
    editor.move((0, 1), (1, 0))

    qtbot.keyClick(editor.header.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_writes(qtbot, window)
    stored = load_roadmap(seed_db, roadmap_id)
    item = stored.sections[0].items[0]
    assert stored.period.last_year == 2025 and stored.numbering == Numbering.NESTED
    assert stored.order.number == "0177-ога/1"
    assert stored.sections[1].title == "Методическое сопровождение"
    assert item.text.endswith("- по итогам ВПР")
    assert item.dates_manual and item.ends_on.isoformat() == "2021-01-15"
    assert executor in item.executors
    assert len(stored.sections) == sections - 1

    editor.tabs.setCurrentIndex(1)
    cell = editor.indicators.item(0, 5)
    cell.setText("35")
    wait_writes(qtbot, window)
    assert editor.indicators.item(0, editor.indicators.columnCount() - 1).text().startswith("35 (2020)")
    assert indicators_progress(seed_db, roadmap_id)[0].by_year[2020] == 35
    editor.indicators.item(0, 6).setText("не число")
    refusals = [b for b in editor.findChildren(QMessageBox) if b.isVisible()]
    assert refusals and refusals[0].text() == "«не число» — не число."
    assert editor.indicators.item(0, 6).text() == ""
