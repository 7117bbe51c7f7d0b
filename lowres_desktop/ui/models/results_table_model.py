"""Schools × procedures of one year: each cell the share of «2», highlighted when it is low.

Columns follow the procedures present in the year, so the spec is rebuilt
with every grid; the values come from the grid the view already fetched.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject

from lowres_desktop.domain.profiles import RuleProfile, default_profile
from lowres_desktop.domain.records import ProcedureKey, Result, School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.browse import ResultsGrid
from lowres_desktop.services.wording import format_number, format_percent, procedure_title
from lowres_desktop.ui.models.record_table_model import Column, RecordTableModel


@dataclass(frozen=True)
class ResultsRow:
    school: School
    cells: dict[ProcedureKey, Result]


def result_tooltip(result: Result) -> str:
    """The numbers behind a «% 2» cell: participants and the share of high results too."""
    return QCoreApplication.translate(
        "ResultsTableModel",
        "{procedure}, {year}\nУчастников: {participants}\n"
        "% «2»: {low}\n% высоких результатов: {high}",
    ).format(
        procedure=procedure_title(result.procedure),
        year=result.year,
        participants="—" if result.participants is None else result.participants,
        low=format_percent(result.pct_low),
        high=format_percent(result.pct_high),
    )


class ResultsTableModel(RecordTableModel):
    FIXED_COLUMNS = 2
    """School name and login come before the procedures."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._procedures: list[ProcedureKey] = []
        self._profile = default_profile()

    def set_grid(self, grid: ResultsGrid, profile: RuleProfile) -> None:
        self._profile = profile
        self._procedures = list(grid.procedures)
        rows = [ResultsRow(s, grid.cells.get(s.login, {})) for s in grid.schools]
        columns = [
            Column(
                self.tr("Школа"),
                lambda r: r.school.short_name,
                sort_key=lambda r: natural_sort_key(r.school.short_name),
                tooltip=lambda r: r.school.full_name,
            ),
            Column(self.tr("Логин ОО"), lambda r: r.school.login),
        ]
        columns += [self._procedure_column(p) for p in self._procedures]
        self.set_records(rows, columns)

    def procedures(self) -> list[ProcedureKey]:
        return list(self._procedures)

    def result(self, row: int, column: int) -> Result | None:
        if column < self.FIXED_COLUMNS:
            return None
        return self.record(row).cells.get(self._procedures[column - self.FIXED_COLUMNS])

    def _procedure_column(self, procedure: ProcedureKey) -> Column:
        def result(row: ResultsRow) -> Result | None:
            return row.cells.get(procedure)

        def shown(row: ResultsRow) -> str:
            found = result(row)
            return "" if found is None else format_number(found.pct_low)

        def sort_key(row: ResultsRow) -> float | None:
            found = result(row)
            return None if found is None else found.pct_low

        def tooltip(row: ResultsRow) -> str | None:
            found = result(row)
            return None if found is None else f"{row.school.short_name}\n{result_tooltip(found)}"

        def highlighted(row: ResultsRow) -> bool:
            found = result(row)
            return found is not None and self._profile.is_low(found)

        return Column(
            procedure.code,
            shown,
            sort_key=sort_key,
            tooltip=tooltip,
            header_tooltip=procedure_title(procedure),
            highlighted=highlighted,
            align_right=True,
        )
