"""The heat map sorted the way a specialist reads it before a meeting: by school (№ 2 before № 10),
by district, by category (the worst first), back again with a second click, and its tooltips."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QHeaderView, QToolTip

from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.browse import list_schools
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.views.analysis_view import Tab
from lowres_desktop.wording.analysis import CATEGORY_TITLES


def _click_header(qtbot, header: QHeaderView, section: int) -> None:  # type: ignore[no-untyped-def]
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def _column(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _tooltip(qtbot, widget, position) -> str:  # type: ignore[no-untyped-def]
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, position, widget.mapToGlobal(position)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=5000)
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def test_the_heat_map_sorted_by_its_columns_and_its_tooltips(qtbot, open_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_db)
    window.show_page(Page.ANALYSIS)
    view = window.analysis_view
    bar = view.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(Tab.HEAT_MAP).center())
    model = view.heat_map_tab.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=15_000)
    header = view.heat_map_tab.table.horizontalHeader()

    _click_header(qtbot, header, 0)
    names = _column(model, 0)
    assert names == sorted(names, key=natural_sort_key)
    _click_header(qtbot, header, 0)
    assert _column(model, 0) == sorted(names, key=natural_sort_key, reverse=True)

    _click_header(qtbot, header, 1)
    districts = _column(model, 1)
    assert districts == sorted(districts) and len(set(districts)) > 1

    _click_header(qtbot, header, 2)
    ranks = {title: n for n, title in enumerate(CATEGORY_TITLES.values())}
    shown = [ranks.get(title, len(ranks)) for title in _column(model, 2)]
    assert shown == sorted(shown) and shown[0] < shown[-1], "the categories in their order, none last"

    table = view.heat_map_tab.table
    cell = table.visualRect(model.index(0, 0)).center()
    full_names = {s.short_name: s.full_name for s in list_schools(demo_db)}
    assert _tooltip(qtbot, table.viewport(), cell) == full_names[model.index(0, 0).data()]
    procedure = 3
    x = header.sectionViewportPosition(procedure) + header.sectionSize(procedure) // 2
    title = _tooltip(qtbot, header.viewport(), QPoint(x, 5))
    assert title.startswith(("ВПР", "ОГЭ", "ЕГЭ")) and "," in title
