"""The federal ВПР system's «Статистика по отметкам», one sheet per procedure.

Title rows («Статистика по отметкам», «ВПР 2026 Русский язык 4 класс»,
«Предмет:», «Максимальный первичный балл:», «Дата:»), then the header
`Группы участников | Кол-во ОО | Кол-во участников | 2 | 3 | 4 | 5` with the
shares of each mark in % (each rounded to two decimals, so they need not add
up to exactly 100), then rows for the whole sample, the region, each
municipality («…район(reg20_m012)») and each school («МБОУ «СОШ №1»(edu203389)»).
Only school rows are kept: participants, % «2», and % high = «4» + «5».
"""

from __future__ import annotations

from lowres_desktop.domain.records import Result
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    Measure,
    ParsedSheet,
    ParseOptions,
    RowProgress,
    SchoolInFile,
)
from lowres_desktop.importing.problems import CellProblem
from lowres_desktop.importing.values import BadValue, is_blank, normalize_text, parse_count, parse_percent
from lowres_desktop.importing.vpr_common import find_row, read_title, school_rows
from lowres_desktop.importing.workbook_reader import SheetGrid

LAYOUT_ID = "vpr_statistics"
TITLE = "ВПР: «Статистика по отметкам»"
SUM_TOLERANCE = 1.0
"""How far the four shares may miss 100 % before the row is called wrong (they are rounded)."""


def _mark(value: object) -> int | None:
    text = normalize_text(value)
    return int(text) if text in {"2", "3", "4", "5"} else None


def find_header_row(grid: SheetGrid) -> int | None:
    row = find_row(grid, "группы участников")
    if row is None:
        return None
    marks = {_mark(v) for v in grid.rows[row - 1]}
    return row if {2, 3, 4, 5} <= marks else None


def read_vpr_statistics(
    grid: SheetGrid, header_row: int, on_row: RowProgress, options: ParseOptions
) -> ParsedSheet | None:
    header = grid.rows[header_row - 1]
    marks: dict[int, int] = {}
    participants_column = None
    name_column = None
    columns: list[ColumnMapping] = []
    for column, value in enumerate(header, start=1):
        text = normalize_text(value)
        mark = _mark(value)
        if text.startswith("группы участников"):
            name_column = column
            columns.append(ColumnMapping(column, str(value), ColumnRole.NAME))
        elif "участник" in text:
            participants_column = column
            columns.append(ColumnMapping(column, str(value), ColumnRole.VALUE, measure=Measure.PARTICIPANTS))
        elif mark is not None:
            marks[mark] = column
            measure = Measure.LOW if mark == 2 else Measure.HIGH if mark >= 4 else None
            role = ColumnRole.VALUE if measure else ColumnRole.IGNORE
            columns.append(ColumnMapping(column, str(value), role, measure=measure))
        elif text:
            columns.append(ColumnMapping(column, str(value), ColumnRole.IGNORE))
    if name_column is None or participants_column is None or set(marks) != {2, 3, 4, 5}:
        return None
    title = read_title(grid, header_row)
    procedure = options.procedure or title.procedure
    year = options.year or title.year
    parsed = ParsedSheet(grid.name, header_row, layout=LAYOUT_ID, columns=columns)
    parsed.procedure, parsed.year = procedure, year
    columns_filled = [
        ColumnMapping(m.column, m.header, m.role, procedure, year, m.measure, m.origin) for m in columns
    ]
    parsed.columns = columns_filled
    if procedure is None or year is None:
        parsed.problems.append(
            CellProblem(
                grid.name,
                title.row,
                1,
                grid.cell(title.row, 1),
                "не удалось определить процедуру и год по заголовку «ВПР 2026 Русский язык 4 класс»: "
                "укажите процедуру и год листа («Процедура листа» на странице «Листы и столбцы»)",
            )
        )
        return parsed
    for row, login, name in school_rows(grid, header_row + 1, name_column, parsed, on_row):
        try:
            count = parse_count(grid.cell(row, participants_column))
        except BadValue as error:
            parsed.problems.append(
                CellProblem(
                    grid.name, row, participants_column, grid.cell(row, participants_column), str(error)
                )
            )
            continue
        shares: dict[int, float | None] = {}
        for mark, column in marks.items():
            try:
                shares[mark] = parse_percent(grid.cell(row, column))
            except BadValue as error:
                parsed.problems.append(
                    CellProblem(grid.name, row, column, grid.cell(row, column), str(error))
                )
        if len(shares) < 4:
            continue
        parsed.schools.append(SchoolInFile(login, name, None, row))
        known = [v for v in shares.values() if v is not None]
        if not count or not known:
            continue
        if len(known) == 4 and abs(sum(known) - 100) > SUM_TOLERANCE:
            parsed.problems.append(
                CellProblem(
                    grid.name,
                    row,
                    marks[2],
                    shares[2],
                    f"доли отметок «2»–«5» в сумме дают {sum(known):.2f} %, а не 100 %",
                )
            )
            continue
        high = None if shares[4] is None or shares[5] is None else round(shares[4] + shares[5], 2)
        parsed.results.append(Result(login, procedure, year, count, shares[2], high))
    if not is_blank(grid.name) and not parsed.schools and not parsed.problems:
        parsed.notes.append(f"На листе «{grid.name}» нет строк школ (с логином в скобках).")
    return parsed
