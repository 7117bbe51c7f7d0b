"""The schools page: every school listed, search on any column ignoring case, natural sort."""

from __future__ import annotations

from PySide6.QtCore import Qt

from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.browse import list_schools
from lowres_desktop.ui.views.schools_view import SchoolsView
from tests.ui.qt_helpers import double_click


def _shown_column(view: SchoolsView, column: int) -> list[str]:
    return [
        view.proxy.index(row, column).data() for row in range(view.proxy.rowCount())
    ]


def test_lists_every_school_with_its_columns(qtbot, seed_db) -> None:
    view = SchoolsView()
    qtbot.addWidget(view)
    view.refresh(seed_db)
    assert view.model.rowCount() == 15
    assert view.model.columnCount() == 6
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == [
        "Логин ОО", "Краткое наименование", "Полное наименование", "Тип", "Территория", "Действует",
    ]
    assert sorted(_shown_column(view, 0)) == sorted(s.login for s in list_schools(seed_db))
    assert view.count_label.text() == "15 школ"


def test_search_narrows_rows_on_any_column_ignoring_case(qtbot, seed_db) -> None:
    view = SchoolsView()
    qtbot.addWidget(view)
    view.refresh(seed_db)
    schools = list_schools(seed_db)

    view.search.setText("оош")
    expected = [s for s in schools if "ООШ" in s.full_name.upper() or s.kind.value == "ООШ"]
    assert 0 < view.proxy.rowCount() == len(expected) < 15
    assert all("ООШ" in name for name in _shown_column(view, 1))
    assert view.count_label.text() == f"Показано {len(expected)} из 15"

    view.search.setText("SCH4261")  # logins are lower case
    assert set(_shown_column(view, 0)) == {s.login for s in schools if s.login.startswith("sch4261")}

    view.search.setText("нет такой школы")
    assert view.proxy.rowCount() == 0

    view.search.clear()
    assert view.proxy.rowCount() == 15


def test_sorts_short_names_naturally(qtbot, seed_db) -> None:
    view = SchoolsView()
    qtbot.addWidget(view)
    view.refresh(seed_db)
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    names = _shown_column(view, 1)
    assert names == sorted(names, key=natural_sort_key)
    assert names != sorted(names)  # plain text order would put «№ 103» before «№ 12»
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert _shown_column(view, 1) == list(reversed(names))


def test_double_click_asks_for_the_school_card(qtbot, seed_db) -> None:
    view = SchoolsView()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    view.refresh(seed_db)
    view.search.setText("sch423400")
    with qtbot.waitSignal(view.sig_school_activated) as signal:
        double_click(qtbot, view.table, view.proxy.index(0, 1))
    assert signal.args == ["sch423400"]
