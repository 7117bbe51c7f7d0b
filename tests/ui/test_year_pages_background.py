"""The results and flagged pages of a large database: read in the background, the same rows as at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from lowres_desktop.ui import table_fit
from lowres_desktop.ui.models.record_table_model import Column, RecordTableModel, prepare_records
from lowres_desktop.ui.views import year_view
from lowres_desktop.ui.views.flagged_view import FlaggedView
from lowres_desktop.ui.views.results_view import ResultsView
from lowres_desktop.ui.views.year_view import YearView

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole)


def _page(qtbot, cls: type[YearView]) -> YearView:  # type: ignore[no-untyped-def]
    view = cls()
    qtbot.addWidget(view)
    view.resize(1300, 700)
    view.show()
    return view


def _shown(value: object) -> object:
    return value.color().name() if isinstance(value, QBrush) else value


def _cells(view: YearView) -> list[tuple[object, ...]]:
    """Every cell as the table shows it: text, tooltip and highlight, in the order on screen."""
    proxy = view.proxy
    return [
        tuple(_shown(proxy.index(r, c).data(role)) for c in range(proxy.columnCount()) for role in ROLES)
        for r in range(proxy.rowCount())
    ]


def _loaded(qtbot, view: YearView) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not view.is_loading(), timeout=20000)


@pytest.mark.parametrize("cls", [ResultsView, FlaggedView])
def test_a_page_read_in_the_background_shows_what_it_shows_at_once(
    qtbot, demo_db, monkeypatch: pytest.MonkeyPatch, cls: type[YearView]
) -> None:
    at_once = _page(qtbot, cls)
    at_once.refresh(demo_db)
    assert not at_once.is_loading() and at_once.model.rowCount() > 0
    monkeypatch.setattr(year_view, "BACKGROUND_ROWS", 0)
    view = _page(qtbot, cls)
    view.refresh(demo_db)
    assert view.is_loading()
    assert view.count_label.text() == "Загрузка…" and not view.table.isEnabled()
    _loaded(qtbot, view)
    assert view.table.isEnabled() and view.count_label.text() == at_once.count_label.text()
    assert _cells(view) == _cells(at_once)
    for column in (1, 3):
        at_once.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        view.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        assert _cells(view) == _cells(at_once)
    needle = view.proxy.index(0, 1 if cls is FlaggedView else 0).data()  # a school's name
    view.search.setText(needle)
    at_once.search.setText(needle)
    assert 0 < view.proxy.rowCount() < view.model.rowCount()
    assert _cells(view) == _cells(at_once)
    assert view.count_label.text() == f"Показано {view.proxy.rowCount()} из {view.model.rowCount()}"


@pytest.mark.parametrize("cls", [ResultsView, FlaggedView])
def test_the_year_chosen_last_while_loading_is_the_one_shown(
    qtbot, demo_db, monkeypatch: pytest.MonkeyPatch, cls: type[YearView]
) -> None:
    expected = _page(qtbot, cls)
    expected.refresh(demo_db)
    expected.show_year(2021)
    monkeypatch.setattr(year_view, "BACKGROUND_ROWS", 0)
    view = _page(qtbot, cls)
    view.refresh(demo_db)
    view.show_year(2019)
    view.show_year(2021)
    assert view.is_loading()
    _loaded(qtbot, view)
    qtbot.wait(200)  # the answers for the superseded years arrive and are dropped
    assert view.years.year() == 2021
    assert _cells(view) == _cells(expected)
    if isinstance(view, FlaggedView):
        assert view.identification is not None and view.identification.year == 2021
        assert view.summary_label.text() == expected.summary_label.text()


def test_a_sort_chosen_while_loading_orders_the_rows_that_arrive(
    qtbot, demo_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(year_view, "BACKGROUND_ROWS", 0)
    view = _page(qtbot, ResultsView)
    view.refresh(demo_db)
    assert view.is_loading()
    view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    _loaded(qtbot, view)
    values = [view.model.result(r, 2) for r in range(view.model.rowCount())]
    present = [v.pct_low for v in values if v is not None and v.pct_low is not None]
    assert present == sorted(present, reverse=True) and len(present) > 50
    assert view.table.horizontalHeader().sortIndicatorSection() == 2


def test_prepared_records_equal_records_sorted_by_the_model(qtbot) -> None:  # type: ignore[no-untyped-def]
    records = [("б", 3.0), ("а", None), ("в", 1.0), ("Г", 2.0)]
    columns = [Column("Имя", lambda r: r[0]), Column("Число", lambda r: "" if r[1] is None else str(r[1]),
                                                     sort_key=lambda r: r[1])]
    plain = RecordTableModel()
    plain.sort(1, Qt.SortOrder.DescendingOrder)
    plain.set_records(records, columns)
    prepared = RecordTableModel()
    prepared.sort(1, Qt.SortOrder.DescendingOrder)
    prepared.set_prepared(prepare_records(records, columns, prepared.requested_sort()))
    assert prepared.records() == plain.records() == [("б", 3.0), ("Г", 2.0), ("в", 1.0), ("а", None)]
    assert [prepared.search_text(r) for r in range(4)] == [plain.search_text(r) for r in range(4)]
    assert prepared.widest_row(1) == 0
    prepared.sort(0, Qt.SortOrder.AscendingOrder)
    plain.sort(0, Qt.SortOrder.AscendingOrder)
    assert prepared.records() == plain.records()
    assert [prepared.search_text(r) for r in range(4)] == [plain.search_text(r) for r in range(4)]
    assert prepared.records()[prepared.widest_row(1)] == ("б", 3.0)


def test_a_column_is_as_wide_as_its_longest_text_even_off_screen(
    qtbot, demo_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_fit, "ROWS_MEASURED", 1)
    view = _page(qtbot, ResultsView)
    view.resize(900, 250)
    view.refresh(demo_db)
    row = view.model.widest_row(0)
    assert row is not None
    longest = view.model.record(row).school.short_name
    names = [view.model.record(r).school.short_name for r in range(view.model.rowCount())]
    assert max(len(name) for name in names) == len(longest)
    width = view.table.sizeHintForIndex(view.proxy.mapFromSource(view.model.index(row, 0))).width()
    assert view.table.columnWidth(0) >= width


def test_flagged_rows_on_screen_fit_their_reasons_and_refit_after_a_sort(qtbot, demo_db) -> None:
    view = _page(qtbot, FlaggedView)
    view.refresh(demo_db)
    table = view.table

    def on_screen() -> list[int]:
        height = table.viewport().height()
        return [r for r in range(view.proxy.rowCount()) if table.rowViewportPosition(r) < height]

    def fitted() -> bool:
        return all(table.rowHeight(r) == table.sizeHintForRow(r) for r in on_screen())

    qtbot.waitUntil(fitted, timeout=5000)
    assert any(table.rowHeight(r) > table.verticalHeader().defaultSectionSize() for r in on_screen())
    table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(fitted, timeout=5000)
    table.scrollToBottom()
    qtbot.waitUntil(fitted, timeout=5000)
    assert on_screen()[-1] == view.proxy.rowCount() - 1
    fewer = min(view.years.itemData(i) for i in range(view.years.count()))
    view.show_year(fewer)  # shorter than the list scrolled to its end
    assert view.proxy.rowCount() > 0
    qtbot.waitUntil(lambda: bool(on_screen()) and fitted(), timeout=5000)
