"""One school's results: a row per procedure, a column per year, as inspectors compare them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from lowres_desktop.domain.profiles import RuleProfile, default_profile
from lowres_desktop.domain.records import ProcedureKey, Result
from lowres_desktop.ui.models.record_table_model import Column, RecordTableModel
from lowres_desktop.ui.models.results_table_model import result_tooltip
from lowres_desktop.wording.common import format_number, procedure_title


@dataclass(frozen=True)
class ProcedureRow:
    procedure: ProcedureKey
    by_year: dict[int, Result]


class SchoolResultsTableModel(RecordTableModel):
    FIXED_COLUMNS = 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._profile = default_profile()

    def set_results(self, results: list[Result], profile: RuleProfile) -> None:
        self._profile = profile
        by_procedure: dict[ProcedureKey, dict[int, Result]] = {}
        for result in results:
            by_procedure.setdefault(result.procedure, {})[result.year] = result
        years = sorted({result.year for result in results})
        rows = [ProcedureRow(p, by_procedure[p]) for p in sorted(by_procedure)]
        columns = [
            Column(self.tr("Процедура"), lambda r: r.procedure.code, sort_key=lambda r: r.procedure),
            Column(self.tr("Наименование"), lambda r: procedure_title(r.procedure)),
        ]
        columns += [self._year_column(year) for year in years]
        self.set_records(rows, columns)

    def _year_column(self, year: int) -> Column:
        def shown(row: ProcedureRow) -> str:
            found = row.by_year.get(year)
            return "" if found is None else format_number(found.pct_low)

        def sort_key(row: ProcedureRow) -> float | None:
            found = row.by_year.get(year)
            return None if found is None else found.pct_low

        def tooltip(row: ProcedureRow) -> str | None:
            found = row.by_year.get(year)
            return None if found is None else result_tooltip(found)

        def highlighted(row: ProcedureRow) -> bool:
            found = row.by_year.get(year)
            return found is not None and self._profile.is_low(found)

        return Column(
            self.tr("% «2» {year}").format(year=year),
            shown,
            sort_key=sort_key,
            tooltip=tooltip,
            highlighted=highlighted,
            align_right=True,
        )
