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
    RowReader,
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
    reader = _RowReader(grid, parsed, options)
    for row, cells in data_rows(grid.rows, header_row + 1, on_row):
        if [v for v in cells if not is_blank(v)] == EXAMPLE:
            parsed.notes.append(f"Строка {row} — пример из шаблона, пропущена.")
            continue
        parsed.rows_read += 1
        reader.row(row)
    parsed.schools = list(reader.schools.values())
    return parsed


class _RowReader(RowReader):
    """One row a result: the school, the procedure and the year, then the values, each step
    placing its own problem at its cell and giving up the row."""

    def __init__(self, grid: SheetGrid, parsed: ParsedSheet, options: ParseOptions) -> None:
        at: dict[ColumnRole, int] = {}
        self.measures: dict[Measure, int] = {}
        for mapping in parsed.columns:
            if mapping.role == ColumnRole.VALUE and mapping.measure is not None:
                self.measures.setdefault(mapping.measure, mapping.column)
            elif mapping.role == ColumnRole.IGNORE:
                parsed.notes.append(f"Столбец «{mapping.header}» не распознан и пропущен.")
            else:
                at.setdefault(mapping.role, mapping.column)
        super().__init__(grid, parsed, options, at)
        self.id_role = ColumnRole.LOGIN if parsed.id_kind == IdKind.LOGIN else ColumnRole.GIA_CODE
        self.seen: dict[tuple[str, ProcedureKey, int], int] = {}
        self.schools: dict[str, SchoolInFile] = {}

    def row(self, row: int) -> None:
        login = self._login(row)
        procedure = self._procedure(row) if login is not None else None
        year = self._year(row) if procedure is not None else None
        if login is None or procedure is None or year is None:
            return
        key = (login, procedure, year)
        if key in self.seen:
            self.problem(
                row,
                self.id_role,
                f"повтор: эта школа, процедура и год уже были в строке {self.seen[key]}",
            )
            return
        self.seen[key] = row
        values = self._values(row)
        if values is None:
            return
        if login not in self.schools:
            self.schools[login] = self._school(row, login)
        if all(v is None for v in values.values()):
            return
        participants = values.get(Measure.PARTICIPANTS)
        self.parsed.results.append(
            Result(
                login,
                procedure,
                year,
                int(participants) if participants is not None else None,
                values.get(Measure.LOW),
                values.get(Measure.HIGH),
            )
        )

    def _login(self, row: int) -> str | None:
        value = self.grid.cell(row, self.at[self.id_role])
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        login = "" if is_blank(value) else str(value).strip()
        if not login or " " in login:
            why = "не указан логин или код ОО" if not login else "логин ОО не может содержать пробелы"
            self.problem(row, self.id_role, why)
            return None
        return login

    def _procedure(self, row: int) -> ProcedureKey | None:
        procedure = self.options.procedure
        if ColumnRole.PROCEDURE in self.at:
            raw = self.grid.cell(row, self.at[ColumnRole.PROCEDURE])
            procedure = parse_procedure_code(raw)
            remembered = self.options.remembered.get(normalize_text(raw))
            if procedure is None and remembered is not None and remembered.procedure is not None:
                procedure = remembered.procedure
        if procedure is None:
            self.problem(
                row,
                ColumnRole.PROCEDURE,
                "процедура не распознана: пишите как «ВПР МА 5», «ОГЭ РУ», «ЕГЭ МАП»",
            )
        return procedure

    def _year(self, row: int) -> int | None:
        year = self.options.year
        if ColumnRole.YEAR in self.at:
            try:
                year = parse_count(self.grid.cell(row, self.at[ColumnRole.YEAR]))
            except BadValue:
                year = None
        if year is None or not 1990 <= year <= 2100:
            self.problem(row, ColumnRole.YEAR, "год должен быть числом от 1990 до 2100")
            return None
        return year

    def _values(self, row: int) -> dict[Measure, float | int | None] | None:
        """The row's participants, % «2» and % high; None after a problem is placed."""
        values: dict[Measure, float | int | None] = {}
        for measure, column in self.measures.items():
            raw = self.grid.cell(row, column)
            try:
                values[measure] = parse_count(raw) if measure == Measure.PARTICIPANTS else parse_percent(raw)
            except BadValue as error:
                self.parsed.problems.append(CellProblem(self.grid.name, row, column, raw, str(error)))
                return None
        low, high = values.get(Measure.LOW), values.get(Measure.HIGH)
        if low is not None and high is not None and low + high > 100 + 1e-6:
            why = f"% «2» и % высоких вместе больше 100 ({high})"
            self.parsed.problems.append(
                CellProblem(self.grid.name, row, self.measures[Measure.LOW], low, why)
            )
            return None
        return values

    def _school(self, row: int, login: str) -> SchoolInFile:
        name = self.grid.cell(row, self.at[ColumnRole.NAME]) if ColumnRole.NAME in self.at else None
        territory = (
            self.grid.cell(row, self.at[ColumnRole.TERRITORY]) if ColumnRole.TERRITORY in self.at else None
        )
        return SchoolInFile(
            login,
            "" if is_blank(name) else str(name).strip(),
            None if is_blank(territory) else str(territory).strip(),
            row,
            self.parsed.id_kind,
        )
