"""ВПР «Ф1 Индивидуальные результаты»: one school's participants of one procedure, from ФИС ОКО.

Title rows «ВПР 2024 Русский язык 5 класс» (and the form's name), an
organisation line with the school's login and «Кол-во участников: N», a row
of Б/П difficulty marks, then the header `ОО | Муниципалитет | Название ОО |
Код участника | Класс | Вариант | 1 (2б) | … | Первичный балл | Отметка |
Отметка по журналу` and one row per participant. Missing marks are «X», «-»
or «нет отметки». It gives the school's participants, % «2» and % high, and —
from «Отметка по журналу» — the comparison with the journal that the
«Сравнение отметок…» export gives, for the objectivity analysis. Counting is
`student_register`'s; one file per school and procedure, many in one import.
"""

from __future__ import annotations

import re

from lowres_desktop.domain.records import ProcedureKey
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    ParsedSheet,
    ParseOptions,
    RowProgress,
    SchoolInFile,
    data_rows,
)
from lowres_desktop.importing.problems import CellProblem
from lowres_desktop.importing.student_register import MARKS, Absence, RegisterTally, Scale, read_score
from lowres_desktop.importing.values import BadValue, is_blank, normalize_text
from lowres_desktop.importing.vpr_common import read_title
from lowres_desktop.importing.workbook_reader import SheetGrid

LAYOUT_ID = "vpr_f1"
TITLE = "ВПР «Ф1 Индивидуальные результаты» (отметки участников одной школы)"
HEADER_SEARCH_ROWS = 30
_LOGIN = re.compile(r"(?<![A-Za-z0-9])((?:sch|edu)\d+)(?![A-Za-z0-9])", re.IGNORECASE)
_PARTICIPANTS = re.compile(r"кол-?во участников\s*:?\s*(\d+)", re.IGNORECASE)
_COLUMNS = {
    "оо": ColumnRole.LOGIN,
    "логин оо": ColumnRole.LOGIN,
    "муниципалитет": ColumnRole.TERRITORY,
    "название оо": ColumnRole.NAME,
    "наименование оо": ColumnRole.NAME,
    "класс": ColumnRole.GRADE,
    "первичный балл": ColumnRole.PRIMARY,
    "отметка": ColumnRole.MARK,
    "отметка по журналу": ColumnRole.JOURNAL_MARK,
}


def _roles(row: list[object]) -> dict[ColumnRole, int]:
    found: dict[ColumnRole, int] = {}
    for column, value in enumerate(row, start=1):
        role = _COLUMNS.get(normalize_text(value)) if isinstance(value, str) else None
        if role is not None:
            found.setdefault(role, column)
    return found


def find_header_row(grid: SheetGrid) -> int | None:
    """The row with «Код участника» and «Отметка» under a title naming a ВПР."""
    for number, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        texts = {normalize_text(v) for v in row if isinstance(v, str)}
        if "код участника" in texts and "отметка" in texts:
            title = read_title(grid, number)
            return number if title.procedure is not None else None
    return None


def read_vpr_f1(grid: SheetGrid, header_row: int, on_row: RowProgress, options: ParseOptions) -> ParsedSheet:
    """The school's participants, % «2», % high and journal comparison; without procedure, year or
    «Отметка» the one problem says so."""
    at = _roles(grid.rows[header_row - 1])
    title = read_title(grid, header_row)
    procedure = options.procedure or title.procedure
    year = options.year or title.year
    parsed = ParsedSheet(grid.name, header_row, layout=LAYOUT_ID, procedure=procedure, year=year)
    parsed.columns = [
        ColumnMapping(column, str(grid.cell(header_row, column)), role, procedure, year)
        for role, column in sorted(at.items(), key=lambda item: item[1])
    ]
    if procedure is None or year is None:
        parsed.problems.append(
            CellProblem(
                grid.name,
                title.row,
                1,
                None,
                "не найдены процедура и год: строка «ВПР 2024 Русский язык 5 класс»",
            )
        )
        return parsed
    if ColumnRole.MARK not in at:
        parsed.problems.append(CellProblem(grid.name, header_row, 1, None, "нет столбца «Отметка»"))
        return parsed
    login, stated = _organisation(grid, header_row)
    tally = RegisterTally()
    schools: dict[str, SchoolInFile] = {}
    for number, _cells in data_rows(grid.rows, header_row + 1, on_row):
        school = _school(grid, number, at) or login
        if school is None:
            parsed.problems.append(
                CellProblem(grid.name, number, at.get(ColumnRole.LOGIN, 1), None, "не указан логин ОО")
            )
        elif _count_participant(grid, number, at, parsed, tally, (school, procedure, year)):
            if school not in schools:
                schools[school] = _school_in_file(grid, number, at, school)
    parsed.notes.append(f"«{procedure.code}» {year}: {MARKS.note}.")
    _summarise(parsed, tally, schools, stated)
    return parsed


def _count_participant(
    grid: SheetGrid,
    number: int,
    at: dict[ColumnRole, int],
    parsed: ParsedSheet,
    tally: RegisterTally,
    key: tuple[str, ProcedureKey, int],
) -> bool:
    """Count the row's mark (and its journal mark) for the school; False after a problem is placed."""
    marks = _marks(grid, number, at, parsed)
    if marks is None:
        return False
    mark, journal = marks
    tally.add(key, MARKS, mark, mark)
    if journal is not None:
        tally.compare(key, mark, journal)
    return True


def _school_in_file(grid: SheetGrid, number: int, at: dict[ColumnRole, int], school: str) -> SchoolInFile:
    name = _text(grid, number, at, ColumnRole.NAME)
    territory = _text(grid, number, at, ColumnRole.TERRITORY) or None
    return SchoolInFile(school, name, territory, number)


def _summarise(
    parsed: ParsedSheet, tally: RegisterTally, schools: dict[str, SchoolInFile], stated: int | None
) -> None:
    """Put the tally into the sheet, with a note when the organisation line states another count."""
    parsed.results = tally.results()
    parsed.comparisons = tally.comparisons()
    parsed.schools = list(schools.values())
    parsed.rows_read = tally.rows
    parsed.notes.append(tally.summary())
    counted = sum(result.participants or 0 for result in parsed.results)
    if stated is not None and stated != counted:
        parsed.notes.append(f"В строке организации указано участников {stated}, строк с отметкой {counted}.")


def _marks(
    grid: SheetGrid, number: int, at: dict[ColumnRole, int], parsed: ParsedSheet
) -> tuple[float | Absence, float | Absence | None] | None:
    """The row's mark and journal mark (None without that column); None after a problem is placed."""
    read: list[float | Absence | None] = []
    for role, prefix in ((ColumnRole.MARK, ""), (ColumnRole.JOURNAL_MARK, "отметка по журналу: ")):
        column = at.get(role)
        if column is None:
            read.append(None)
            continue
        try:
            read.append(read_score(grid.cell(number, column), Scale.MARK))
        except BadValue as error:
            parsed.problems.append(
                CellProblem(grid.name, number, column, grid.cell(number, column), f"{prefix}{error}")
            )
            return None
    mark, journal = read
    assert mark is not None
    return mark, journal


def _organisation(grid: SheetGrid, header_row: int) -> tuple[str | None, int | None]:
    """The login and the stated number of participants from the lines above the header."""
    login: str | None = None
    stated: int | None = None
    for row in grid.rows[: header_row - 1]:
        text = " ".join(str(v) for v in row if not is_blank(v))
        count = _PARTICIPANTS.search(text)
        if count:
            stated = int(count[1])
            found = _LOGIN.search(text)
            if found:
                login = found[1].lower()
    return login, stated


def _school(grid: SheetGrid, number: int, at: dict[ColumnRole, int]) -> str | None:
    value = grid.cell(number, at[ColumnRole.LOGIN]) if ColumnRole.LOGIN in at else None
    found = _LOGIN.search(str(value)) if not is_blank(value) else None
    return found[1].lower() if found else None


def _text(grid: SheetGrid, number: int, at: dict[ColumnRole, int], role: ColumnRole) -> str:
    value = grid.cell(number, at[role]) if role in at else None
    return "" if is_blank(value) else re.sub(r"\s+", " ", str(value)).strip()
