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
from dataclasses import dataclass, field
from enum import StrEnum

from lowres_desktop.domain.records import ProcedureKey, Result
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

HEADER_SEARCH_ROWS = 40
_TOTALS = re.compile(r"^(итого|всего|среднее|в целом)")
_LOGIN = re.compile(r"^\S+$")


class Measure(StrEnum):
    LOW = "low"
    HIGH = "high"
    PARTICIPANTS = "participants"


@dataclass(frozen=True)
class SchoolInFile:
    login: str
    name: str
    territory: str | None
    row: int


@dataclass
class ParsedSheet:
    sheet: str
    header_row: int
    schools: list[SchoolInFile] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


def _measure(text: str) -> Measure | None:
    if "выс" in text:
        return Measure.HIGH
    if "участ" in text or "кол-во" in text or "количество" in text:
        return Measure.PARTICIPANTS
    if re.search(r"%\s*2\b|^2$|ниже|не преодол|порог", text):
        return Measure.LOW
    return None


@dataclass(frozen=True)
class _Columns:
    login: int
    name: int | None
    territory: int | None
    blocks: dict[int, tuple[ProcedureKey, int, Measure]]


def find_header_row(grid: SheetGrid) -> int | None:
    """The first row, among the first rows, with a «Логин ОО» cell."""
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        if any(normalize_text(v).startswith("логин") for v in row):
            return index
    return None


def _columns(grid: SheetGrid, header_row: int, parsed: ParsedSheet) -> _Columns | None:
    header = grid.rows[header_row - 1]
    sub = grid.rows[header_row] if header_row < len(grid.rows) else []
    login = name = territory = None
    blocks: dict[int, tuple[ProcedureKey, int, Measure]] = {}
    current: tuple[ProcedureKey, int] | None = None
    for column, value in enumerate(header, start=1):
        text = normalize_text(value)
        named = parse_procedure_header(value)
        if named:
            current = named
        elif text.startswith("логин"):
            login, current = column, None
        elif text in {"название оо", "наименование оо", "название", "наименование", "оо", "ou"}:
            name, current = column, None
        elif text in {"территория", "муниципалитет", "район", "мо", "ате"}:
            territory, current = column, None
        elif text:
            parsed.notes.append(f"Столбец «{value}» не распознан и пропущен.")
            current = None
        if current is None or (text and not named):
            continue
        sub_text = normalize_text(sub[column - 1] if column - 1 < len(sub) else None)
        measure = _measure(sub_text)
        if measure is None:
            if sub_text:
                parsed.notes.append(
                    f"Столбец «{sub[column - 1]}» под «{current[0].code} {current[1]}» "
                    "не распознан и пропущен."
                )
            continue
        blocks[column] = (current[0], current[1], measure)
    if login is None:
        return None
    return _Columns(login, name, territory, blocks)


def parse_appendix_sheet(
    grid: SheetGrid, on_row: Callable[[int, int], None] = lambda _done, _total: None
) -> ParsedSheet | None:
    """Records and problems of one sheet, or None when the sheet is not in this layout."""
    header_row = find_header_row(grid)
    if header_row is None:
        return None
    parsed = ParsedSheet(grid.name, header_row)
    columns = _columns(grid, header_row, parsed)
    if columns is None or not columns.blocks:
        return None
    seen_logins: dict[str, int] = {}
    total = len(grid.rows)
    for row_number in range(header_row + 2, total + 1):
        if row_number % 200 == 0:
            on_row(row_number, total)
        _parse_row(grid, row_number, columns, parsed, seen_logins)
    return parsed


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
    if all(is_blank(v) for v in cells):
        return
    login = _fixed_text(grid, row, columns.login)
    name = _fixed_text(grid, row, columns.name)
    territory = _fixed_text(grid, row, columns.territory)
    has_values = any(not is_blank(grid.cell(row, c)) for c in columns.blocks)
    label = next((t for t in (territory, name, login) if t), "")
    if _TOTALS.match(label.lower()):
        parsed.notes.append(f"Строка {row} («{label}») — итоговая, пропущена.")
        return
    if not login:
        if has_values:
            parsed.problems.append(CellProblem(grid.name, row, columns.login, None, "не указан логин ОО"))
        else:
            parsed.notes.append(f"Строка {row} («{label}») без логина и данных пропущена.")
        return
    if not _LOGIN.match(login):
        parsed.problems.append(
            CellProblem(grid.name, row, columns.login, login, "логин ОО не может содержать пробелы")
        )
        return
    if login in seen_logins:
        parsed.problems.append(
            CellProblem(
                grid.name,
                row,
                columns.login,
                login,
                f"логин уже встречался в строке {seen_logins[login]}",
            )
        )
        return
    seen_logins[login] = row
    if not name and columns.name is not None:
        parsed.problems.append(CellProblem(grid.name, row, columns.name, None, "нет названия ОО"))
        return
    parsed.schools.append(SchoolInFile(login, name or login, territory or None, row))
    values: dict[tuple[ProcedureKey, int], dict[Measure, float | int | None]] = {}
    for column, (procedure, year, measure) in columns.blocks.items():
        raw = grid.cell(row, column)
        try:
            value = parse_count(raw) if measure == Measure.PARTICIPANTS else parse_percent(raw)
        except BadValue as error:
            parsed.problems.append(CellProblem(grid.name, row, column, raw, str(error)))
            continue
        values.setdefault((procedure, year), {})[measure] = value
    for (procedure, year), measures in values.items():
        if all(v is None for v in measures.values()):
            continue
        participants = measures.get(Measure.PARTICIPANTS)
        parsed.results.append(
            Result(
                login=login,
                procedure=procedure,
                year=year,
                participants=int(participants) if participants is not None else None,
                pct_low=measures.get(Measure.LOW),
                pct_high=measures.get(Measure.HIGH),
            )
        )
