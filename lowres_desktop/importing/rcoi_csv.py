"""Per-student ОГЭ/ЕГЭ results as the regional processing centre (РЦОИ) sends them.

A CSV with «;» in Windows-1251: per subject a title line («01 - Русский язык
2022.06.23»), a header such as `№;Код МСУ;Код ОО;Класс;…;Первичный балл;Балл`,
one row per participant, and footer rows («Средние», «Минимальная граница»,
«Всего участников») that are skipped. Only per-school figures leave this
module — participants, % below the minimum score, % high — never a student's
row, name or score: problems name the cell, not the person.

The exam is ОГЭ when the participants are in grade 9 and ЕГЭ for grades
10–12 (or as the title or the wizard says). The threshold comes from the
minimum-score table (`ParseOptions.minimum_scores`), per subject and year.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    IdKind,
    MinimumScore,
    ParsedSheet,
    ParseOptions,
    SchoolInFile,
)
from lowres_desktop.importing.problems import CellProblem
from lowres_desktop.importing.subjects import RCOI_NUMBERS, subject_code
from lowres_desktop.importing.values import BadValue, is_blank, normalize_text, parse_count
from lowres_desktop.importing.workbook_reader import SheetGrid

LAYOUT_ID = "rcoi"
TITLE = "РЦОИ: результаты ОГЭ/ЕГЭ по участникам (CSV)"
_TITLE = re.compile(
    r"^\s*(?P<number>\d{1,2})\s*[-–—]\s*(?P<name>.+?)\s+(?P<year>(?:19|20)\d{2})[.\-/]\d{1,2}[.\-/]\d{1,2}\s*$"
)
_FOOTER = ("средн", "минимальн", "всего", "итого")
_GRADE = re.compile(r"^\s*(\d{1,2})")
DETECT_ROWS = 15


@dataclass
class _Block:
    title_row: int
    number: int
    name: str
    year: int
    header_row: int = 0
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)


def _title(row: list[object]) -> re.Match[str] | None:
    cells = [v for v in row if not is_blank(v)]
    if len(cells) != 1 or not isinstance(cells[0], str):
        return None
    return _TITLE.match(cells[0])


def _header_columns(row: list[object]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for column, value in enumerate(row, start=1):
        text = normalize_text(value)
        if text == "код оо":
            columns["school"] = column
        elif text in {"код мсу", "код ате"}:
            columns["district"] = column
        elif text == "класс":
            columns["grade"] = column
        elif text == "первичный балл":
            columns["primary"] = column
        elif text in {"балл", "тестовый балл", "балл (100)"}:
            columns["test"] = column
        elif text in {"отметка", "оценка", "балл (5)"}:
            columns["mark"] = column
    return columns


def find_header_row(grid: SheetGrid) -> int | None:
    for number, row in enumerate(grid.rows[:DETECT_ROWS], start=1):
        if _title(row) and number < len(grid.rows):
            columns = _header_columns(grid.rows[number])
            if "school" in columns and ({"primary", "test", "mark"} & set(columns)):
                return number + 1
    return None


def _blocks(grid: SheetGrid) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, row in enumerate(grid.rows, start=1):
        match = _title(row)
        if match:
            current = _Block(number, int(match["number"]), match["name"].strip(), int(match["year"]))
            blocks.append(current)
            continue
        if current is None or all(is_blank(v) for v in row):
            continue
        if not current.columns:
            current.columns = _header_columns(row)
            current.header_row = number
            continue
        first = normalize_text(next((v for v in row if not is_blank(v)), ""))
        if first.startswith(_FOOTER):
            continue
        current.rows.append(number)
    return [b for b in blocks if "school" in b.columns]


def _kind(grid: SheetGrid, block: _Block, options: ParseOptions) -> ProcedureKind | None:
    title = block.name.upper()
    for kind in (ProcedureKind.OGE, ProcedureKind.EGE):
        if kind.value in title:
            return kind
    if options.procedure is not None:
        return options.procedure.kind
    if "grade" in block.columns:
        grades = Counter()
        for row in block.rows:
            match = _GRADE.match(str(grid.cell(row, block.columns["grade"]) or ""))
            if match:
                grades[int(match[1])] += 1
        if grades:
            grade = grades.most_common(1)[0][0]
            return ProcedureKind.OGE if grade <= 9 else ProcedureKind.EGE
    return None


def _procedure(grid: SheetGrid, block: _Block, options: ParseOptions) -> ProcedureKey | None:
    kind = _kind(grid, block, options)
    name = re.sub(r"\b(ОГЭ|ЕГЭ|ГВЭ)\b", "", block.name, flags=re.IGNORECASE).strip(" -–")
    code = subject_code(name) or RCOI_NUMBERS.get(block.number)
    if kind is None or code is None:
        return options.procedure
    if kind == ProcedureKind.OGE and code in {"МАП", "МАБ"}:
        code = "МА"
    return ProcedureKey(kind, code)


def parse_rcoi(
    grid: SheetGrid,
    on_row: Callable[[int, int], None] = lambda _done, _total: None,
    options: ParseOptions | None = None,
) -> ParsedSheet | None:
    options = options or ParseOptions()
    header_row = find_header_row(grid)
    if header_row is None:
        return None
    blocks = _blocks(grid)
    parsed = ParsedSheet(grid.name, header_row, layout=LAYOUT_ID, id_kind=IdKind.GIA_CODE)
    names = {"school": "Код ОО", "district": "Код МСУ", "grade": "Класс", "primary": "Первичный балл"}
    names |= {"test": "Балл", "mark": "Отметка"}
    schools: dict[str, SchoolInFile] = {}
    total = len(grid.rows)
    for block in blocks:
        procedure = _procedure(grid, block, options)
        year = options.year or block.year
        parsed.columns += [
            ColumnMapping(
                column,
                names[key],
                ColumnRole.GIA_CODE if key == "school" else ColumnRole.VALUE,
                procedure,
                year,
            )
            for key, column in sorted(block.columns.items(), key=lambda item: item[1])
        ]
        if procedure is None:
            parsed.problems.append(
                CellProblem(
                    grid.name,
                    block.title_row,
                    1,
                    block.name,
                    "не удалось определить экзамен (ОГЭ или ЕГЭ) и предмет: укажите их в мастере",
                )
            )
            continue
        parsed.procedure, parsed.year = procedure, year
        score = options.minimum_scores(procedure, year) if options.minimum_scores else None
        if score is None:
            parsed.problems.append(
                CellProblem(
                    grid.name,
                    block.title_row,
                    1,
                    block.name,
                    f"в справочнике нет минимального балла для «{procedure.code}» {year} г.: "
                    "добавьте его (Справка → Минимальные баллы)",
                )
            )
            continue
        column = _score_column(block, score)
        if column is None:
            parsed.problems.append(
                CellProblem(
                    grid.name,
                    block.header_row,
                    1,
                    None,
                    f"нет столбца с баллом нужной шкалы ({_SCALES[score.scale]})",
                )
            )
            continue
        parsed.notes.append(_threshold_note(score))
        counts: dict[str, list[int]] = {}
        for row in block.rows:
            if row % 2000 == 0:
                on_row(row, total)
            parsed.rows_read += 1
            _count_row(grid, row, block, score, column, counts, schools, parsed)
        for code, (participants, low, high) in counts.items():
            parsed.results.append(
                Result(
                    code,
                    procedure,
                    year,
                    participants,
                    round(100 * low / participants, 2),
                    round(100 * high / participants, 2) if high >= 0 else None,
                )
            )
    parsed.schools = list(schools.values())
    return parsed


_SCALES = {"test": "тестовый балл", "primary": "первичный балл", "mark": "отметка"}


def _threshold_note(score: MinimumScore) -> str:
    high = f", высокий результат — от {score.high:g}" if score.high is not None else ""
    table = f" (строка справочника за {score.table_year} г.)" if score.table_year != score.year else ""
    return (
        f"«{score.procedure.code}» {score.year}: ниже минимума — {_SCALES[score.scale]} меньше "
        f"{score.minimum:g}{high}{table}."
    )


def _score_column(block: _Block, score: MinimumScore) -> int | None:
    if score.scale == "primary":
        return block.columns.get("primary")
    if score.scale == "mark":
        return block.columns.get("mark") or block.columns.get("test")
    return block.columns.get("test")


def _count_row(
    grid: SheetGrid,
    row: int,
    block: _Block,
    score: MinimumScore,
    column: int,
    counts: dict[str, list[int]],
    schools: dict[str, SchoolInFile],
    parsed: ParsedSheet,
) -> None:
    school_column = block.columns["school"]
    raw_code = grid.cell(row, school_column)
    code = "" if is_blank(raw_code) else str(raw_code).strip()
    if not code:
        parsed.problems.append(CellProblem(grid.name, row, school_column, None, "не указан код ОО"))
        return
    raw = grid.cell(row, column)
    try:
        value = _score(raw)
    except BadValue as error:
        parsed.problems.append(CellProblem(grid.name, row, column, raw, str(error)))
        return
    if value is None:
        return
    mark_column = block.columns.get("mark")
    high = -1
    if score.high is not None:
        high = int(value >= score.high)
    elif mark_column is not None and mark_column != column:
        try:
            mark = parse_count(grid.cell(row, mark_column))
        except BadValue as error:
            parsed.problems.append(
                CellProblem(grid.name, row, mark_column, grid.cell(row, mark_column), str(error))
            )
            return
        high = int(mark is not None and mark >= 4)
    entry = counts.setdefault(code, [0, 0, 0 if high >= 0 else -1])
    entry[0] += 1
    entry[1] += int(value < score.minimum)
    if high >= 0 and entry[2] >= 0:
        entry[2] += high
    if code not in schools:
        schools[code] = SchoolInFile(code, "", None, row, IdKind.GIA_CODE)


def _score(value: object) -> float | None:
    number = parse_count(value) if not isinstance(value, float) else value
    if number is None:
        return None
    if not 0 <= number <= 100:
        raise BadValue("балл вне диапазона 0–100")
    return float(number)
