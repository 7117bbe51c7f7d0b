"""The program's own long template: one row per school × procedure × year.

Columns (the header row may sit below title rows; extra columns are skipped):
«Логин ОО» | «Процедура» («ВПР МА 5», «ОГЭ РУ», «ЕГЭ МАП») | «Год» |
«Участников» | «% «2»» | «% высоких»; optionally «Название ОО» and «Территория».
Schools type their own rows into it, and it is how hand-collected numbers
come in; `services/import_template.py` writes the blank file.
"""

from __future__ import annotations

import re

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
    data_rows,
)
from lowres_desktop.importing.problems import CellProblem
from lowres_desktop.importing.procedure_headers import parse_procedure_code
from lowres_desktop.importing.values import BadValue, is_blank, normalize_text, parse_count, parse_percent
from lowres_desktop.importing.workbook_reader import SheetGrid

LAYOUT_ID = "long"
TITLE = "Шаблон программы (строка на школу × процедуру × год)"
HEADERS = ["Логин ОО", "Название ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"]
"""The header the template file is written with, in this order."""
EXAMPLE = ["sch420220", "МБОУ «СОШ № 1»", "ВПР МА 5", 2026, 48, 12.5, 35.4]
HEADER_SEARCH_ROWS = 20


def _role(text: str) -> tuple[ColumnRole, Measure | None] | None:
    if text.startswith("логин"):
        return ColumnRole.LOGIN, None
    if text in {"название оо", "наименование оо", "название", "наименование"}:
        return ColumnRole.NAME, None
    if text in {"территория", "муниципалитет", "район"}:
        return ColumnRole.TERRITORY, None
    if text.startswith("процедура"):
        return ColumnRole.PROCEDURE, None
    if text in {"год", "учебный год"}:
        return ColumnRole.YEAR, None
    if text.startswith(("участник", "кол-во участ", "количество участ")):
        return ColumnRole.VALUE, Measure.PARTICIPANTS
    if "выс" in text:
        return ColumnRole.VALUE, Measure.HIGH
    if re.search(r"%\s*2\b|% «?2»?|ниже мин", text) or text in {"% 2", "%2"}:
        return ColumnRole.VALUE, Measure.LOW
    return None


def _mappings(row: list[object], options: ParseOptions) -> list[ColumnMapping]:
    mappings = []
    for column, value in enumerate(row, start=1):
        if is_blank(value):
            continue
        header = re.sub(r"\s+", " ", str(value)).strip()
        found = _role(normalize_text(value))
        if column in options.columns:
            mapping = ColumnMapping(
                column,
                header,
                options.columns[column].role,
                measure=options.columns[column].measure,
                origin=Origin.USER,
            )
        elif found is None:
            mapping = ColumnMapping(column, header, ColumnRole.IGNORE, origin=Origin.UNRECOGNISED)
        else:
            mapping = ColumnMapping(column, header, found[0], measure=found[1])
        mappings.append(mapping)
    return mappings


def _is_header(mappings: list[ColumnMapping], options: ParseOptions) -> bool:
    """A school column, values, and a procedure and a year — as columns or, mapped by hand, for the sheet."""
    roles = {m.role for m in mappings}
    return (
        bool({ColumnRole.LOGIN, ColumnRole.GIA_CODE} & roles)
        and ColumnRole.VALUE in roles
        and (ColumnRole.PROCEDURE in roles or options.procedure is not None)
        and (ColumnRole.YEAR in roles or options.year is not None)
    )


def find_header_row(grid: SheetGrid) -> int | None:
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        mappings = _mappings(row, ParseOptions())
        if ColumnRole.LOGIN in {m.role for m in mappings} and _is_header(mappings, ParseOptions()):
            return index
    return None


def read_long_sheet(
    grid: SheetGrid, header_row: int, on_row: RowProgress, options: ParseOptions
) -> ParsedSheet | None:
    mappings = _mappings(grid.rows[header_row - 1], options)
    if not _is_header(mappings, options):
        return None
    roles = {m.role for m in mappings}
    id_kind = IdKind.LOGIN if ColumnRole.LOGIN in roles else IdKind.GIA_CODE
    parsed = ParsedSheet(grid.name, header_row, layout=LAYOUT_ID, columns=mappings, id_kind=id_kind)
    at: dict[ColumnRole, int] = {}
    measures: dict[Measure, int] = {}
    for mapping in mappings:
        if mapping.role == ColumnRole.VALUE and mapping.measure is not None:
            measures.setdefault(mapping.measure, mapping.column)
        elif mapping.role == ColumnRole.IGNORE:
            parsed.notes.append(f"Столбец «{mapping.header}» не распознан и пропущен.")
        else:
            at.setdefault(mapping.role, mapping.column)
    seen: dict[tuple[str, ProcedureKey, int], int] = {}
    schools: dict[str, SchoolInFile] = {}
    for row, cells in data_rows(grid.rows, header_row + 1, on_row):
        if [v for v in cells if not is_blank(v)] == EXAMPLE:
            parsed.notes.append(f"Строка {row} — пример из шаблона, пропущена.")
            continue
        parsed.rows_read += 1
        _parse_row(grid, row, at, measures, options, parsed, seen, schools, id_kind)
    parsed.schools = list(schools.values())
    return parsed


def _parse_row(
    grid: SheetGrid,
    row: int,
    at: dict[ColumnRole, int],
    measures: dict[Measure, int],
    options: ParseOptions,
    parsed: ParsedSheet,
    seen: dict[tuple[str, ProcedureKey, int], int],
    schools: dict[str, SchoolInFile],
    id_kind: IdKind,
) -> None:
    def problem(role: ColumnRole, why: str) -> None:
        column = at[role]
        parsed.problems.append(CellProblem(grid.name, row, column, grid.cell(row, column), why))

    id_role = ColumnRole.LOGIN if id_kind == IdKind.LOGIN else ColumnRole.GIA_CODE
    login_value = grid.cell(row, at[id_role])
    if isinstance(login_value, float) and login_value.is_integer():
        login_value = int(login_value)
    login = "" if is_blank(login_value) else str(login_value).strip()
    if not login or " " in login:
        problem(id_role, "не указан логин или код ОО" if not login else "логин ОО не может содержать пробелы")
        return
    procedure = options.procedure
    if ColumnRole.PROCEDURE in at:
        raw_procedure = grid.cell(row, at[ColumnRole.PROCEDURE])
        procedure = parse_procedure_code(raw_procedure)
        remembered = options.remembered.get(normalize_text(raw_procedure))
        if procedure is None and remembered is not None and remembered.procedure is not None:
            procedure = remembered.procedure
    if procedure is None:
        problem(ColumnRole.PROCEDURE, "процедура не распознана: пишите как «ВПР МА 5», «ОГЭ РУ», «ЕГЭ МАП»")
        return
    year = options.year
    if ColumnRole.YEAR in at:
        try:
            year = parse_count(grid.cell(row, at[ColumnRole.YEAR]))
        except BadValue:
            year = None
    if year is None or not 1990 <= year <= 2100:
        problem(ColumnRole.YEAR, "год должен быть числом от 1990 до 2100")
        return
    key = (login, procedure, year)
    if key in seen:
        problem(ColumnRole.LOGIN, f"повтор: эта школа, процедура и год уже были в строке {seen[key]}")
        return
    seen[key] = row
    values: dict[Measure, float | int | None] = {}
    for measure, column in measures.items():
        raw = grid.cell(row, column)
        try:
            values[measure] = parse_count(raw) if measure == Measure.PARTICIPANTS else parse_percent(raw)
        except BadValue as error:
            parsed.problems.append(CellProblem(grid.name, row, column, raw, str(error)))
            return
    low, high = values.get(Measure.LOW), values.get(Measure.HIGH)
    if low is not None and high is not None and low + high > 100 + 1e-6:
        parsed.problems.append(
            CellProblem(
                grid.name, row, measures[Measure.LOW], low, f"% «2» и % высоких вместе больше 100 ({high})"
            )
        )
        return
    if login not in schools:
        name = grid.cell(row, at[ColumnRole.NAME]) if ColumnRole.NAME in at else None
        territory = grid.cell(row, at[ColumnRole.TERRITORY]) if ColumnRole.TERRITORY in at else None
        schools[login] = SchoolInFile(
            login,
            "" if is_blank(name) else str(name).strip(),
            None if is_blank(territory) else str(territory).strip(),
            row,
            id_kind,
        )
    if all(v is None for v in values.values()):
        return
    participants = values.get(Measure.PARTICIPANTS)
    parsed.results.append(
        Result(login, procedure, year, int(participants) if participants is not None else None, low, high)
    )
