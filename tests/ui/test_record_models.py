"""The shared table machinery: sorting by real keys with empties last, filtering on any column."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt

from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.record_table_model import Column, RecordTableModel


@dataclass(frozen=True)
class Row:
    name: str
    value: float | None


COLUMNS = [
    Column("Школа", lambda r: r.name, sort_key=lambda r: natural_sort_key(r.name)),
    Column(
        "%", lambda r: "" if r.value is None else f"{r.value:g}".replace(".", ","), sort_key=lambda r: r.value
    ),
]
ROWS = [Row("СОШ № 12", 12.5), Row("СОШ № 9", None), Row("Лицей № 2", 9.0), Row("СОШ № 100", 40.0)]


def names(proxy: RecordSortProxyModel) -> list[str]:
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_sorting_uses_real_keys_and_keeps_empty_values_last(qtbot) -> None:
    model = RecordTableModel()
    model.set_records(ROWS, COLUMNS)
    proxy = RecordSortProxyModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["Лицей № 2", "СОШ № 9", "СОШ № 12", "СОШ № 100"]
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["Лицей № 2", "СОШ № 12", "СОШ № 100", "СОШ № 9"]
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert names(proxy) == ["СОШ № 100", "СОШ № 12", "Лицей № 2", "СОШ № 9"]


def test_a_selected_row_stays_selected_through_a_sort(qtbot) -> None:
    model = RecordTableModel()
    model.set_records(ROWS, COLUMNS)
    proxy = RecordSortProxyModel(model)
    selection = QItemSelectionModel(proxy)
    selection.select(proxy.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    kept = QPersistentModelIndex(model.index(0, 0))
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert kept.data() == "СОШ № 12"
    assert [index.data() for index in selection.selectedIndexes()] == ["СОШ № 12"]


def test_filter_matches_any_column_ignoring_case_and_resets(qtbot) -> None:
    model = RecordTableModel()
    model.set_records(ROWS, COLUMNS)
    proxy = RecordSortProxyModel(model)
    proxy.setFilterFixedString("лицей")
    assert names(proxy) == ["Лицей № 2"]
    proxy.setFilterFixedString("12,5")
    assert names(proxy) == ["СОШ № 12"]
    proxy.setFilterFixedString("")
    assert proxy.rowCount() == 4
    model.set_records([Row("ООШ № 5", 1.0)], COLUMNS)
    proxy.setFilterFixedString("оош")
    assert names(proxy) == ["ООШ № 5"]


def test_new_records_keep_the_order_the_header_shows(qtbot) -> None:
    model = RecordTableModel()
    proxy = RecordSortProxyModel(model)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_records(ROWS, COLUMNS)
    assert names(proxy) == ["СОШ № 100", "СОШ № 12", "Лицей № 2", "СОШ № 9"]
