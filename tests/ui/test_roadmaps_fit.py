"""The roadmap page on the small screens offices have: the list whole in width, an item's schools readable.

At 1024 px wide the list's title column was a fixed 520 px and the table scrolled sideways
inside itself; at 720 px of height the item form cut «Касается школ» after its second line.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel

from lowres_desktop.services.browse import list_schools
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.main_window import MainWindow, Page

TITLE_COLUMN = 1


def _roadmaps_page(qtbot, db: Database, width: int, height: int) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    window.show_page(Page.ROADMAPS)
    qtbot.waitUntil(lambda: window.roadmaps_view.model.rowCount() > 0)
    qtbot.wait(50)
    return window


def test_the_list_of_roadmaps_fits_a_1024_px_window_with_the_title_taking_what_is_left(
    qtbot, demo_db: Database
) -> None:  # type: ignore[no-untyped-def]
    view = _roadmaps_page(qtbot, demo_db, 1024, 768).roadmaps_view
    table, header = view.table, view.table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    assert header.sectionResizeMode(TITLE_COLUMN) == QHeaderView.ResizeMode.Stretch
    # What is left at 1024 px: 135 of the list's 790 px (it was 43 when the others were sized
    # by Qt, with room for a sort arrow beside every header's word).
    assert header.sectionSize(TITLE_COLUMN) >= 0.15 * table.viewport().width()
    # The other columns as wide as their contents: nothing of them is cut.
    for column in range(header.count()):
        if column != TITLE_COLUMN:
            assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
    # Elided in the middle: the kind of plan stays at the start, the school and the years at the end.
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle and not table.wordWrap()
    record = view.model.record(0)
    assert view.model.index(0, TITLE_COLUMN).data(Qt.ItemDataRole.ToolTipRole) == record.listing.title


def test_the_title_column_gives_way_on_a_wide_window_too(qtbot, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    view = _roadmaps_page(qtbot, demo_db, 1366, 768).roadmaps_view
    table = view.table
    assert table.horizontalScrollBar().maximum() == 0
    used = sum(table.horizontalHeader().sectionSize(c) for c in range(table.horizontalHeader().count()))
    assert used <= table.viewport().width()


def _shown_whole(label: QLabel) -> bool:
    """The label's text within its box: as wide and, for each of its lines, as high."""
    metrics, box = label.fontMetrics(), label.contentsRect()
    lines = label.text().splitlines() or [""]
    wide = max(metrics.horizontalAdvance(line) for line in lines)
    return wide <= box.width() and len(lines) * metrics.height() <= box.height() and label.isVisible()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
def test_the_schools_an_item_concerns_stay_readable_on_a_low_window(
    qtbot, demo_db: Database, width: int, height: int
) -> None:  # type: ignore[no-untyped-def]
    view = _roadmaps_page(qtbot, demo_db, width, height).roadmaps_view
    editor = view.editor
    editor.select((0, 0))
    details = editor.details
    assert _shown_whole(details.schools)
    assert "все школы" in details.schools.text()

    schools = list_schools(demo_db)[:6]
    roadmap = editor.roadmap()
    item = replace(roadmap.sections[0].items[0], schools=tuple(s.login for s in schools))
    details.show_item(item, roadmap.period, None, {s.login: s.short_name for s in schools})
    qtbot.wait(20)
    assert _shown_whole(details.schools)
    # A summary that starts with the count; every name is in the tooltip.
    assert details.schools.text().startswith("6 школ: ")
    assert all(s.short_name in details.schools.toolTip() for s in schools)
