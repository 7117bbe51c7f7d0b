"""The roadmap editor's «Целевые показатели» tab: the indicators and their figures by year.

The description of an indicator (name, source, target) is part of the roadmap and
changes as an undoable edit saved with it; a year's figure is a fact entered when
it is known and is written at once, on the window's write pool.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.roadmaps import Indicator, Roadmap
from lowres_desktop.services.roadmaps import indicators_progress, set_indicator_value
from lowres_desktop.ui.errors import show_error
from lowres_desktop.wording.common import format_number

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext

OVERDUE_BACKGROUND = QColor("#f8d0d0")

Apply = Callable[[Roadmap, str, str], None]
"""The editor's `_apply(after, undo text, merge key)`: one undoable step."""


class RoadmapIndicators(QWidget):
    """The indicators table with its two buttons; the editor tells it which roadmap to show."""

    def __init__(self, context: AppContext, apply: Apply, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._apply_step = apply
        self._db: Database | None = None
        self._roadmap: Roadmap | None = None
        self._loading = False
        self.table = QTableWidget(0, 0)
        self.table.itemChanged.connect(self._on_table_item_changed)
        add = QPushButton(self.tr("+ Показатель"))
        add.clicked.connect(self._on_add_clicked)
        remove = QPushButton(self.tr("Удалить показатель"))
        remove.clicked.connect(self._on_remove_clicked)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def show_roadmap(self, roadmap: Roadmap, db: Database | None) -> None:
        """Show `roadmap`'s indicators and, for a stored one, the figures `db` holds."""
        self._roadmap = roadmap
        self._db = db
        self.refill()

    def _apply_edit(self, after: Roadmap, text: str, merge_key: str = "") -> None:
        self._apply_step(after, text, merge_key)


    _INDICATOR_FIELDS = ("name", "source", "target_text", "target_value", "target_year")

    def _fill(self) -> None:
        roadmap = self._roadmap
        assert roadmap is not None
        years = list(range(roadmap.period.first_year, roadmap.period.last_year + 1))
        progress = {}
        if self._db is not None and roadmap.id is not None:
            progress = {p.indicator.id: p for p in indicators_progress(self._db, roadmap.id)}
        headers = [
            self.tr("Показатель"),
            self.tr("Источник данных"),
            self.tr("Цель (как в приказе)"),
            self.tr("Цель, число"),
            self.tr("Год цели"),
            *(str(y) for y in years),
            self.tr("Достигнуто"),
        ]
        with QSignalBlocker(self.table):
            self.table.clear()
            self.table.setColumnCount(len(headers))
            self.table.setHorizontalHeaderLabels(headers)
            self.table.setRowCount(len(roadmap.indicators))
            for row, indicator in enumerate(roadmap.indicators):
                values = (
                    indicator.name,
                    indicator.source,
                    indicator.target_text,
                    format_number(indicator.target_value) if indicator.target_value is not None else "",
                    str(indicator.target_year or ""),
                )
                for column, text in enumerate(values):
                    self.table.setItem(row, column, QTableWidgetItem(text))
                state = progress.get(indicator.id)
                for offset, year in enumerate(years):
                    value = state.by_year.get(year) if state else None
                    cell = QTableWidgetItem(format_number(value) if value is not None else "")
                    if indicator.id is None:
                        cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    if state and year in state.schools_by_year and year not in _municipal_years(state):
                        cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                        cell.setToolTip(self.tr("Среднее по значениям школ"))
                    self.table.setItem(row, 5 + offset, cell)
                reached = QTableWidgetItem(_progress_text(state))
                reached.setFlags(reached.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if state is not None and state.reached is False:
                    reached.setBackground(QBrush(OVERDUE_BACKGROUND))
                self.table.setItem(row, len(headers) - 1, reached)
            self.table.setColumnWidth(0, 420)
            self.table.setColumnWidth(1, 200)
        self.note.setText(
            self.tr("Значения по годам записываются сразу; описание показателей — при сохранении карты.")
            if roadmap.id is not None
            else self.tr("Сохраните дорожную карту, чтобы вводить фактические значения.")
        )

    @Slot(QTableWidgetItem)
    def _on_table_item_changed(self, cell: QTableWidgetItem) -> None:
        roadmap = self._roadmap
        if self._loading or roadmap is None:
            return
        row, column = cell.row(), cell.column()
        indicator = roadmap.indicators[row]
        text = cell.text().strip()
        if column < len(self._INDICATOR_FIELDS):
            field = self._INDICATOR_FIELDS[column]
            value: object = text
            if field in ("target_value", "target_year"):
                number = _number(text)
                value = None if number is None else (int(number) if field == "target_year" else number)
            indicators = list(roadmap.indicators)
            indicators[row] = replace(indicator, **{field: value})
            self._apply_edit(
                replace(roadmap, indicators=tuple(indicators)), self.tr("Показатель"), f"ind-{row}-{field}"
            )
            return
        year = roadmap.period.first_year + column - 5
        if self._db is None or indicator.id is None:
            return
        number = _number(text)
        if text and number is None:
            show_error(self, DomainError(f"«{text}» — не число."))
            self.refill()
            return
        indicator_id = indicator.id
        self._context.operations.write(
            self,
            self.tr("Значение показателя"),
            lambda db, _progress, _cancel: set_indicator_value(db, indicator_id, year, number),
            lambda _result: self.refill(),
            lambda _error: self.refill(),
            initiator=self,
        )

    def refill(self) -> None:
        if self._roadmap is None:
            return
        self._loading = True
        try:
            self._fill()
        finally:
            self._loading = False

    @Slot()
    def _on_add_clicked(self) -> None:
        if self._roadmap is None:
            return
        added = Indicator(self.tr("Новый показатель"), target_year=self._roadmap.period.last_year)
        self._apply_edit(
            replace(self._roadmap, indicators=self._roadmap.indicators + (added,)), self.tr("Показатель")
        )

    @Slot()
    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if self._roadmap is None or row < 0:
            return
        indicators = list(self._roadmap.indicators)
        del indicators[row]
        self._apply_edit(replace(self._roadmap, indicators=tuple(indicators)), self.tr("Удаление показателя"))


def _municipal_years(state) -> set[int]:  # type: ignore[no-untyped-def]
    """Years whose value was entered for the municipality, not averaged from schools."""
    return {year for year in state.by_year if year not in state.schools_by_year}


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ".").replace("%", "").strip()) if text.strip() else None
    except ValueError:
        return None


def _progress_text(state) -> str:  # type: ignore[no-untyped-def]
    if state is None or state.latest_value is None:
        return "—"
    mark = "✔" if state.reached else f"{round(100 * (state.fraction or 0))} %"
    return f"{format_number(state.latest_value)} ({state.latest_year}) {mark}"
