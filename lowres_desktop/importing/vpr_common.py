"""What the federal ВПР system's exports share: the title rows naming the procedure and year,
and rows named «МБОУ «СОШ №1»(edu203389)» with the school's login in the last brackets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.importing.parsed import ParsedSheet
from lowres_desktop.importing.problems import CellProblem
from lowres_desktop.importing.subjects import subject_code
from lowres_desktop.importing.values import is_blank, normalize_text
from lowres_desktop.importing.workbook_reader import SheetGrid

_TITLE = re.compile(
    r"(?P<kind>ВПР|НИКО)\s+(?:(?P<year>(?:19|20)\d{2})\s+)?(?P<subject>[^\d]+?)\s+(?P<grade>\d{1,2})\s*(?:класс|кл)",
    re.IGNORECASE,
)
_SHEET = re.compile(r"^(?P<subject>[А-ЯЁA-Z]{2,4})\s*(?P<grade>\d{1,2})\b")
_LAST_BRACKET = re.compile(r"\(([^()]*)\)\s*$")
_LOGIN = re.compile(r"^(sch|edu)\d+$", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class TitleInfo:
    procedure: ProcedureKey | None
    year: int | None
    row: int
    """The row the procedure was read from, to place a problem about it."""


def read_title(grid: SheetGrid, header_row: int) -> TitleInfo:
    """The procedure and year from the rows above the header, or from the sheet name («РУ 4 …»)."""
    procedure: ProcedureKey | None = None
    year: int | None = None
    place = 1
    for number, row in enumerate(grid.rows[: header_row - 1], start=1):
        for value in row:
            if isinstance(value, date | datetime) and year is None:
                year = value.year
            if not isinstance(value, str):
                continue
            match = _TITLE.search(value)
            if match and procedure is None:
                code = subject_code(match["subject"])
                if code is not None:
                    kind = ProcedureKind(match["kind"].upper())
                    procedure = ProcedureKey(kind, code, int(match["grade"]))
                    place = number
                if match["year"]:
                    year = int(match["year"])
            elif year is None and normalize_text(value).startswith("дата"):
                found = _YEAR.search(value)
                if found:
                    year = int(found[1])
    if procedure is None:
        match = _SHEET.match(grid.name.strip().upper())
        if match:
            procedure = ProcedureKey(ProcedureKind.VPR, match["subject"], int(match["grade"]))
    return TitleInfo(procedure, year, place)


def school_login(name: object) -> tuple[str, str] | None:
    """(login, name without it) for a school row; None for the sample, region and municipality rows."""
    if is_blank(name):
        return None
    text = re.sub(r"\s+", " ", str(name)).strip()
    match = _LAST_BRACKET.search(text)
    if not match or not _LOGIN.match(match[1].strip()):
        return None
    return match[1].strip().lower(), text[: match.start()].strip()


def school_rows(
    grid: SheetGrid,
    first_row: int,
    name_column: int,
    parsed: ParsedSheet,
    on_row: Callable[[int, int], None],
) -> Iterator[tuple[int, str, str]]:
    """(row, login, name) of each school row once; a login seen again is a problem of `parsed`."""
    seen: dict[str, int] = {}
    total = len(grid.rows)
    for row in range(first_row, total + 1):
        if row % 500 == 0:
            on_row(row, total)
        school = school_login(grid.cell(row, name_column))
        if school is None:
            continue
        parsed.rows_read += 1
        login, name = school
        if login in seen:
            parsed.problems.append(
                CellProblem(
                    grid.name, row, name_column, login, f"логин уже встречался в строке {seen[login]}"
                )
            )
            continue
        seen[login] = row
        yield row, login, name


def find_row(grid: SheetGrid, first_cell: str, limit: int = 30) -> int | None:
    """The first row whose first non-empty cell starts with `first_cell` (normalized)."""
    for number, row in enumerate(grid.rows[:limit], start=1):
        first = next((v for v in row if not is_blank(v)), None)
        if first is not None and normalize_text(first).startswith(first_cell):
            return number
    return None
