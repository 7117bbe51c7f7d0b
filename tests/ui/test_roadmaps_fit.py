"""The roadmap page on the small screens offices have: the list whole in width, an item's schools readable.

At 1024 px wide the list's title column was a fixed 520 px and the table scrolled sideways
inside itself; at 720 px of height the item form cut «Касается школ» after its second line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

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
