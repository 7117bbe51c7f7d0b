"""The results page: a year's «% 2» per school and procedure, low values marked, codes in headers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from lowres_desktop.services.browse import results_grid
from lowres_desktop.ui.models.record_table_model import LOW_RESULT_BACKGROUND
from lowres_desktop.ui.views.results_view import ResultsView
from lowres_desktop.wording.common import procedure_title
from tests.ui.qt_helpers import double_click, find_row

BACKGROUND = Qt.ItemDataRole.BackgroundRole
FONT = Qt.ItemDataRole.FontRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _view(qtbot, db) -> ResultsView:  # type: ignore[no-untyped-def]
    view = ResultsView()
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.refresh(db)
    return view


def _column(view: ResultsView, code: str) -> int:
    for column in range(view.model.columnCount()):
        if view.model.headerData(column, Qt.Orientation.Horizontal) == code:
            return column
    raise AssertionError(f"no column {code}")


def test_years_from_the_database_latest_selected(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    assert [view.years.itemText(i) for i in range(view.years.count())] == ["2019", "2018"]
    assert view.years.year() == 2019


def test_headers_are_procedure_codes_with_titles_as_tooltips(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    grid = results_grid(seed_db, 2019)
    header = view.model.headerData
    codes = [header(c, Qt.Orientation.Horizontal) for c in range(2, view.model.columnCount())]
    assert codes == [p.code for p in grid.procedures]
    assert "ВПР МА 5" in codes
    column = _column(view, "ВПР МА 5")
    assert header(column, Qt.Orientation.Horizontal, TOOLTIP) == procedure_title(grid.procedures[0])
    assert view.model.rowCount() == 15


def test_low_cells_are_highlighted_and_explained(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    row = find_row(view.model, 1, "sch426100")  # ООШ № 23: ВПР МА 6 45 % of «2» in 2019
    low = view.model.index(row, _column(view, "ВПР МА 6"))
    fine = view.model.index(row, _column(view, "ВПР МА 5"))
    assert low.data() == "45"
    brush = low.data(BACKGROUND)
    assert isinstance(brush, QBrush) and brush.color() == LOW_RESULT_BACKGROUND
    assert low.data(FONT).bold()
    assert "Участников:" in low.data(TOOLTIP) and "45\u00a0%" in low.data(TOOLTIP)
    assert fine.data() == "9"
    assert fine.data(BACKGROUND) is None and fine.data(FONT) is None


def test_highlights_match_the_threshold_everywhere(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    highlighted = at_or_over = 0
    for row in range(view.model.rowCount()):
        for column in range(2, view.model.columnCount()):
            result = view.model.result(row, column)
            marked = view.model.index(row, column).data(BACKGROUND) is not None
            low = result is not None and result.pct_low is not None and result.pct_low >= 30
            assert marked == low, (row, column, result)
            highlighted += marked
            at_or_over += low
    assert highlighted == at_or_over > 15


def test_changing_the_year_reloads(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    view.show_year(2018)
    row = find_row(view.model, 1, "sch426100")
    assert view.model.index(row, _column(view, "ВПР МА 6")).data() == "16"


def test_numbers_sort_as_numbers(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    column = _column(view, "ВПР МА 6")
    view.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    shown = [view.proxy.index(r, column).data() for r in range(view.proxy.rowCount())]
    values = [float(v.replace(",", ".")) for v in shown if v not in ("", "—")]
    assert values == sorted(values, reverse=True) and len(values) > 5


def test_double_click_asks_for_the_school_card(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    row = find_row(view.proxy, 1, "sch423400")
    with qtbot.waitSignal(view.sig_school_activated) as signal:
        double_click(qtbot, view.table, view.proxy.index(row, 3))
    assert signal.args == ["sch423400"]


def test_empty_database_says_there_is_nothing(qtbot, empty_db) -> None:
    view = _view(qtbot, empty_db)
    assert view.model.rowCount() == 0
    assert "Результатов в базе нет" in view.legend.text()
