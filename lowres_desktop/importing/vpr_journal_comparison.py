"""The federal ВПР system's «Сравнение отметок с отметками по журналу», for the objectivity analysis.

Sheet names are cut at Excel's 31 characters («РУ 4 Сравнение отметок с отмет»);
title rows as in «Статистика по отметкам»; a header `Группы участников |
Кол-во участников | Понизили … | Подтвердили … | Повысили …`, each of the
three as a % column and a count column (in one header row — «Понизили, %»,
«Понизили, кол-во» — or a word over a second row of «%» / «Кол-во»). School
rows carry the login in the last brackets; the others are skipped. A share
missing but a count present is computed from the count and participants.
"""

from __future__ import annotations

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.objectivity import MarkComparison
from lowres_desktop.domain.records import ProcedureKey
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    ParsedSheet,
    ParseOptions,
    RowProgress,
    SchoolInFile,
)
from lowres_desktop.importing.problems import CellProblem
from lowres_desktop.importing.values import BadValue, is_blank, normalize_text, parse_count, parse_percent
from lowres_desktop.importing.vpr_common import find_row, read_title, school_rows
from lowres_desktop.importing.workbook_reader import SheetGrid

LAYOUT_ID = "vpr_comparison"
TITLE = "ВПР: «Сравнение отметок с отметками по журналу»"
_GROUPS = ("понизили", "подтвердили", "повысили")


def find_header_row(grid: SheetGrid) -> int | None:
    row = find_row(grid, "группы участников")
    if row is None:
        return None
    texts = " ".join(normalize_text(v) for v in grid.rows[row - 1])
    return row if all(group in texts for group in _GROUPS) else None


def _layout(grid: SheetGrid, header_row: int) -> tuple[int, dict[tuple[str, str], int], int | None, int]:
    """(name column, {(group, "pct"|"count"): column}, participants column, first data row)."""
    header = grid.rows[header_row - 1]
    sub = grid.rows[header_row] if header_row < len(grid.rows) else []
    sub_is_header = (
        bool(sub)
        and is_blank(sub[0])
        and any(normalize_text(v) in {"%", "кол-во", "количество", "чел.", "чел"} for v in sub)
    )
    name_column = 1
    participants = None
    found: dict[tuple[str, str], int] = {}
    group = None
    for column in range(1, len(header) + 1):
        top = normalize_text(header[column - 1])
        below = normalize_text(sub[column - 1]) if sub_is_header and column - 1 < len(sub) else ""
        if top.startswith("группы участников"):
            name_column, group = column, None
            continue
        named = next((g for g in _GROUPS if g in top), None)
        if named:
            group = named
        elif top:
            group = None
            if "участник" in top:
                participants = column
            continue
        if group is None:
            continue
        label = f"{top if named else ''} {below}"
        kind = (
            "pct"
            if "%" in label or "доля" in label
            else "count"
            if "кол" in label or "чел" in label
            else None
        )
        if kind and (group, kind) not in found:
            found[(group, kind)] = column
    return name_column, found, participants, header_row + (2 if sub_is_header else 1)


def read_vpr_comparison(
    grid: SheetGrid, header_row: int, on_row: RowProgress, options: ParseOptions
) -> ParsedSheet | None:
    name_column, found, participants_column, first_row = _layout(grid, header_row)
    if not all((g, "pct") in found or (g, "count") in found for g in _GROUPS):
        return None
    title = read_title(grid, header_row)
    procedure = options.procedure or title.procedure
    year = options.year or title.year
    parsed = ParsedSheet(grid.name, header_row, layout=LAYOUT_ID, procedure=procedure, year=year)
    parsed.columns = [ColumnMapping(name_column, "Группы участников", ColumnRole.NAME, procedure, year)]
    if participants_column:
        parsed.columns.append(ColumnMapping(participants_column, "Кол-во участников", ColumnRole.VALUE))
    parsed.columns += [
        ColumnMapping(column, f"{group.capitalize()}, {'%' if kind == 'pct' else 'кол-во'}", ColumnRole.VALUE)
        for (group, kind), column in sorted(found.items(), key=lambda item: item[1])
    ]
    if procedure is None or year is None:
        parsed.problems.append(
            CellProblem(
                grid.name,
                title.row,
                1,
                grid.cell(title.row, 1),
                "не удалось определить процедуру и год по заголовку: укажите процедуру и год листа "
                "(«Процедура листа» на странице «Листы и столбцы»)",
            )
        )
        return parsed
    for row, login, name in school_rows(grid, first_row, name_column, parsed, on_row):
        _parse_row(grid, row, login, name, found, participants_column, parsed, procedure, year)
    return parsed


def _parse_row(
    grid: SheetGrid,
    row: int,
    login: str,
    name: str,
    found: dict[tuple[str, str], int],
    participants_column: int | None,
    parsed: ParsedSheet,
    procedure: ProcedureKey,
    year: int,
) -> None:
    values: dict[tuple[str, str], float | int | None] = {}
    columns = dict(found)
    if participants_column:
        columns[("participants", "count")] = participants_column
    for key, column in columns.items():
        raw = grid.cell(row, column)
        try:
            values[key] = parse_percent(raw) if key[1] == "pct" else parse_count(raw)
        except BadValue as error:
            parsed.problems.append(CellProblem(grid.name, row, column, raw, str(error)))
    if len(values) < len(columns):
        return
    participants = values.get(("participants", "count"))
    shares: list[float | None] = []
    for group in _GROUPS:
        share = values.get((group, "pct"))
        count = values.get((group, "count"))
        if share is None and count is not None and participants:
            share = round(100 * count / participants, 2)
        shares.append(None if share is None else float(share))
    parsed.schools.append(SchoolInFile(login, name, None, row))
    if all(share is None for share in shares):
        return
    first = min(found.values())
    missing = [group for group, share in zip(_GROUPS, shares, strict=True) if share is None]
    if missing:
        parsed.problems.append(CellProblem(grid.name, row, first, None, f"нет доли «{missing[0]}»"))
        return
    try:
        comparison = MarkComparison(
            login,
            procedure,
            year,
            int(participants) if participants is not None else None,
            *(float(share) for share in shares if share is not None),
        )
    except DomainError as error:
        parsed.problems.append(CellProblem(grid.name, row, first, None, error.message))
        return
    parsed.comparisons.append(comparison)
