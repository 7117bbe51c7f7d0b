"""Schools × procedures of one year: each cell the share of «2», highlighted when it is low.

Columns follow the procedures present in the year, so the spec is rebuilt
with every grid; the values come from the grid the view already fetched.
`prepare_grid` builds the rows, texts and sort keys of a country's 40,000
schools on the worker thread that fetched them, so the window only swaps them in.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject

from lowres_desktop.domain.profiles import RuleProfile, default_profile
from lowres_desktop.domain.records import ProcedureKey, Result, ResultValues, School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.browse import ResultsGrid
from lowres_desktop.ui.models.record_table_model import (
    Column,
    PreparedRecords,
    RecordTableModel,
    SortOrder,
    prepare_records,
)
from lowres_desktop.wording.common import format_number, format_percent, procedure_title

FIXED_COLUMNS = 2
"""School name and login come before the procedures."""


@dataclass(frozen=True, slots=True)
class ResultsRow:
    row: int
    """The school's row in the grid."""
    school: School
    values: tuple[ResultValues | None, ...]
    """One entry per procedure of the grid, None where the school has no result."""


@dataclass(frozen=True)
class PreparedGrid:
    """A grid with its table rows ready to show, built off the GUI thread."""

    grid: ResultsGrid
    profile: RuleProfile
    table: PreparedRecords


def result_tooltip(result: Result) -> str:
    """The numbers behind a «% 2» cell: participants and the share of high results too."""
    return QCoreApplication.translate(
        "ResultsTableModel",
        "{procedure}, {year}\nУчастников: {participants}\n% «2»: {low}\n% высоких результатов: {high}",
    ).format(
        procedure=procedure_title(result.procedure),
        year=result.year,
        participants="—" if result.participants is None else result.participants,
        low=format_percent(result.pct_low),
        high=format_percent(result.pct_high),
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResultsTableModel", text)


def _procedure_column(grid: ResultsGrid, profile: RuleProfile, column: int) -> Column:
    """The column of the grid's procedure at `column`; records are built only for hover and highlight."""
    procedure = grid.procedures[column]

    def shown(row: ResultsRow) -> str:
        values = row.values[column]
        return "" if values is None else format_number(values[1])

    def sort_key(row: ResultsRow) -> float | None:
        values = row.values[column]
        return None if values is None else values[1]

    def tooltip(row: ResultsRow) -> str | None:
        result = grid.result(row.row, column)
        return None if result is None else f"{row.school.short_name}\n{result_tooltip(result)}"

    def highlighted(row: ResultsRow) -> bool:
        result = grid.result(row.row, column)
        return result is not None and profile.is_low(result)

    return Column(
        procedure.code,
        shown,
        sort_key=sort_key,
        tooltip=tooltip,
        header_tooltip=procedure_title(procedure),
        highlighted=highlighted,
        align_right=True,
    )


def prepare_grid(grid: ResultsGrid, profile: RuleProfile, sort: SortOrder | None) -> PreparedGrid:
    """The table of `grid` sorted by `sort`: pure Python, for the thread that fetched the grid."""
    rows = [
        ResultsRow(row, school, values)
        for row, (school, values) in enumerate(zip(grid.schools, grid.values, strict=True))
    ]
    columns = [
        Column(
            _tr("Школа"),
            lambda r: r.school.short_name,
            sort_key=lambda r: natural_sort_key(r.school.short_name),
            tooltip=lambda r: r.school.full_name,
        ),
        Column(_tr("Логин ОО"), lambda r: r.school.login),
    ]
    columns += [_procedure_column(grid, profile, column) for column in range(len(grid.procedures))]
    return PreparedGrid(grid, profile, prepare_records(rows, columns, sort))


class ResultsTableModel(RecordTableModel):
    FIXED_COLUMNS = FIXED_COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid: ResultsGrid | None = None
        self._profile = default_profile()

    def set_grid(self, prepared: PreparedGrid) -> None:
        if self._grid is not None:
            self.release_later(self._grid.values, self._grid.schools)
        self._grid = prepared.grid
        self._profile = prepared.profile
        self.set_prepared(prepared.table)

    def clear(self) -> None:
        self._grid = None
        self.set_records([], [])

    def procedures(self) -> list[ProcedureKey]:
        return [] if self._grid is None else list(self._grid.procedures)

    def result(self, row: int, column: int) -> Result | None:
        if column < FIXED_COLUMNS or self._grid is None:
            return None
        return self._grid.result(self.record(row).row, column - FIXED_COLUMNS)
