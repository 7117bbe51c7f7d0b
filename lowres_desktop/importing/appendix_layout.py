"""The wide layout of seed 002's appendix 1.

Fixed columns «Территория», «Название ОО», «Логин ОО», then for every
procedure-year a header («ВПр МА 5 2019») spanning sub-columns «% 2»,
«% Выс. рез-тов» and, when present, the number of participants. The header
may start below title rows, be merged or written once over its block, and
the blocks may come in any order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from lowres_desktop.domain.records import ProcedureKey, Result
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    IdKind,
    Measure,
    Origin,
    ParsedSheet,
    ParseOptions,
    RowProgress,
    SchoolInFile,
)
from lowres_desktop.importing.problems import CellProblem
from lowres_desktop.importing.procedure_headers import parse_procedure_header
from lowres_desktop.importing.values import (
    BadValue,
    is_blank,
    normalize_text,
    parse_count,
    parse_percent,
)
from lowres_desktop.importing.workbook_reader import SheetGrid

__all__ = ["Measure", "ParsedSheet", "SchoolInFile", "find_header_row", "read_appendix_sheet"]

HEADER_SEARCH_ROWS = 40
_TOTALS = re.compile(r"^(итого|всего|среднее|в целом)")
_LOGIN = re.compile(r"^\S+$")
_FIXED = {
    ColumnRole.NAME: {"название оо", "наименование оо", "название", "наименование", "оо", "ou"},
    ColumnRole.TERRITORY: {"территория", "муниципалитет", "район", "мо", "ате"},
}


def measure_of(text: str) -> Measure | None:
    """The measure a sub-header names: «% 2», «% Выс. рез-тов», «Кол-во участников»."""
    if "выс" in text:
        return Measure.HIGH
    if "участ" in text or "кол-во" in text or "количество" in text:
        return Measure.PARTICIPANTS
    if re.search(r"%\s*2\b|^2$|ниже|не преодол|порог", text):
        return Measure.LOW
    return None


@dataclass(frozen=True)
class _Columns:
    id_column: int
    id_kind: IdKind
    name: int | None
    territory: int | None
    blocks: dict[int, tuple[ProcedureKey, int, Measure]]

    @cached_property
    def readers(self) -> list[tuple[int, Callable[[object], float | int | None]]]:
        """(0-based column, parser) of every value column: a row's values are read in one pass."""
        return [
            (column - 1, parse_count if measure == Measure.PARTICIPANTS else parse_percent)
            for column, (_procedure, _year, measure) in self.blocks.items()
        ]

    @cached_property
    def width(self) -> int:
        """Cells a row needs so that every value column exists (rows may end early)."""
        return max(self.blocks)

    @cached_property
    def groups(self) -> list[tuple[ProcedureKey, int, int, int, int]]:
        """(procedure, year, participants, low, high) of each procedure-year, in the order they first appear.

        The measures are positions in a row's values as `readers` reads them, -1 where the block
        has no such column (the values end with a None). Worked out once per sheet, not once per
        row: a region's workbook has tens of thousands of cells.
        """
        grouped: dict[tuple[ProcedureKey, int], dict[Measure, int]] = {}
        for position, (procedure, year, measure) in enumerate(self.blocks.values()):
            grouped.setdefault((procedure, year), {})[measure] = position
        return [
            (
                procedure,
                year,
                slots.get(Measure.PARTICIPANTS, -1),
                slots.get(Measure.LOW, -1),
                slots.get(Measure.HIGH, -1),
            )
            for (procedure, year), slots in grouped.items()
        ]


def find_header_row(grid: SheetGrid) -> int | None:
    """The first row, among the first rows, with a «Логин ОО» cell and a procedure header."""
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        texts = [normalize_text(v) for v in row]
        if any(t.startswith("логин") and len(t) < 20 for t in texts) and any(
            parse_procedure_header(v) for v in row
        ):
            return index
    return None


def _text(row: list[object], column: int) -> str:
    value = row[column - 1] if column - 1 < len(row) else None
    return "" if is_blank(value) else re.sub(r"\s+", " ", str(value)).strip()


def _fixed_role(text: str) -> ColumnRole | None:
    if text.startswith("логин"):
        return ColumnRole.LOGIN
    if text.startswith("код оо"):
        return ColumnRole.GIA_CODE
    for role, names in _FIXED.items():
        if text in names:
            return role
    return None


def detect_columns(grid: SheetGrid, header_row: int, options: ParseOptions) -> list[ColumnMapping]:
    """How each column under the header row is understood: user choice, detection, or memory."""
    header = grid.rows[header_row - 1] if header_row - 1 < len(grid.rows) else []
    sub = grid.rows[header_row] if header_row < len(grid.rows) else []
    mappings: list[ColumnMapping] = []
    current: tuple[ProcedureKey, int] | None = None
    block_top = ""
    for column in range(1, max(len(header), len(sub)) + 1):
        top = _text(header, column)
        below = _text(sub, column)
        if top:
            block_top = top
        shown_top = top or block_top
        label = f"{shown_top} / {below}" if below and below != shown_top else shown_top
        named = parse_procedure_header(top)
        role = _fixed_role(normalize_text(top))
        if named:
            current = named
        elif top:
            current = None
        if role is not None:
            mapping = ColumnMapping(column, label, role)
        elif current is not None:
            measure = measure_of(normalize_text(below))
            mapping = (
                ColumnMapping(column, label, ColumnRole.VALUE, current[0], current[1], measure)
                if measure is not None
                else ColumnMapping(column, label, ColumnRole.IGNORE, origin=Origin.UNRECOGNISED)
            )
        elif label:
            mapping = ColumnMapping(column, label, ColumnRole.IGNORE, origin=Origin.UNRECOGNISED)
        else:
            continue
        if mapping.origin == Origin.UNRECOGNISED and normalize_text(label) in options.remembered:
            remembered = options.remembered[normalize_text(label)]
            mapping = replace(remembered, column=column, header=label, origin=Origin.REMEMBERED)
        if column in options.columns:
            mapping = replace(options.columns[column], column=column, header=label, origin=Origin.USER)
        mappings.append(mapping)
    return mappings


def _columns(mappings: list[ColumnMapping], parsed: ParsedSheet) -> _Columns | None:
    by_role: dict[ColumnRole, int] = {}
    blocks: dict[int, tuple[ProcedureKey, int, Measure]] = {}
    for mapping in mappings:
        if mapping.role == ColumnRole.VALUE:
            if mapping.procedure is None or mapping.year is None or mapping.measure is None:
                parsed.notes.append(f"Столбец «{mapping.header}»: не указаны процедура, год или показатель.")
                continue
            blocks[mapping.column] = (mapping.procedure, mapping.year, mapping.measure)
        elif mapping.role == ColumnRole.IGNORE:
            if mapping.origin == Origin.UNRECOGNISED:
                parsed.notes.append(f"Столбец «{mapping.header}» не распознан и пропущен.")
        else:
            by_role.setdefault(mapping.role, mapping.column)
    if ColumnRole.LOGIN in by_role:
        id_column, id_kind = by_role[ColumnRole.LOGIN], IdKind.LOGIN
    elif ColumnRole.GIA_CODE in by_role:
        id_column, id_kind = by_role[ColumnRole.GIA_CODE], IdKind.GIA_CODE
    else:
        return None
    return _Columns(
        id_column, id_kind, by_role.get(ColumnRole.NAME), by_role.get(ColumnRole.TERRITORY), blocks
    )


def read_appendix_sheet(
    grid: SheetGrid, header_row: int, on_row: RowProgress, options: ParseOptions
) -> ParsedSheet | None:
    """Records and problems of one sheet, or None when the sheet is not in this layout."""
    parsed = ParsedSheet(grid.name, header_row, layout="appendix")
    parsed.columns = detect_columns(grid, header_row, options)
    columns = _columns(parsed.columns, parsed)
    if columns is None or not columns.blocks:
        return None
    parsed.id_kind = columns.id_kind
    seen_logins: dict[str, int] = {}
    total = len(grid.rows)
    for row_number in range(header_row + 2, total + 1):
        if row_number % 200 == 0:
            on_row(row_number, total)
        _parse_row(grid, row_number, columns, parsed, seen_logins)
    parsed.rows_read = max(total - header_row - 1, 0)
    return parsed


def _id_label(columns: _Columns) -> str:
    return "логин ОО" if columns.id_kind == IdKind.LOGIN else "код ОО"


def _fixed_text(grid: SheetGrid, row: int, column: int | None) -> str:
    if column is None:
        return ""
    value = grid.cell(row, column)
    return "" if is_blank(value) else re.sub(r"\s+", " ", str(value)).strip()


def _parse_row(
    grid: SheetGrid,
    row: int,
    columns: _Columns,
    parsed: ParsedSheet,
    seen_logins: dict[str, int],
) -> None:
    cells = grid.rows[row - 1]
    login = _fixed_text(grid, row, columns.id_column)
    if not login and all(is_blank(v) for v in cells):
        return
    name = _fixed_text(grid, row, columns.name)
    territory = _fixed_text(grid, row, columns.territory)
    label = next((t for t in (territory, name, login) if t), "")
    if _TOTALS.match(label.lower()):
        parsed.notes.append(f"Строка {row} («{label}») — итоговая, пропущена.")
        return
    if not login:
        if any(not is_blank(grid.cell(row, c)) for c in columns.blocks):
            parsed.problems.append(
                CellProblem(grid.name, row, columns.id_column, None, f"не указан {_id_label(columns)}")
            )
        else:
            parsed.notes.append(f"Строка {row} («{label}») без логина и данных пропущена.")
        return
    if not _LOGIN.match(login):
        parsed.problems.append(
            CellProblem(
                grid.name, row, columns.id_column, login, f"{_id_label(columns)} не может содержать пробелы"
            )
        )
        return
    if login in seen_logins:
        parsed.problems.append(
            CellProblem(
                grid.name,
                row,
                columns.id_column,
                login,
                f"{_id_label(columns).removesuffix(' ОО')} уже встречался в строке {seen_logins[login]}",
            )
        )
        return
    seen_logins[login] = row
    if not name and columns.name is not None:
        parsed.problems.append(CellProblem(grid.name, row, columns.name, None, "нет названия ОО"))
        return
    parsed.schools.append(SchoolInFile(login, name, territory or None, row, columns.id_kind))
    if len(cells) < columns.width:
        cells = cells + [None] * (columns.width - len(cells))
    try:
        values = [parse(cells[index]) for index, parse in columns.readers]
    except BadValue:
        values = _values_with_problems(grid, row, cells, columns, parsed)
    values.append(None)
    for procedure, year, participants, low, high in columns.groups:
        counted, low_share, high_share = values[participants], values[low], values[high]
        if counted is None and low_share is None and high_share is None:
            continue
        parsed.results.append(Result(login, procedure, year, counted, low_share, high_share))


def _values_with_problems(
    grid: SheetGrid, row: int, cells: list[object], columns: _Columns, parsed: ParsedSheet
) -> list[float | int | None]:
    """A row's values when some cell is bad: each bad cell becomes a problem and reads as empty."""
    values: list[float | int | None] = []
    for index, parse in columns.readers:
        try:
            values.append(parse(cells[index]))
        except BadValue as error:
            parsed.problems.append(CellProblem(grid.name, row, index + 1, cells[index], str(error)))
            values.append(None)
    return values
