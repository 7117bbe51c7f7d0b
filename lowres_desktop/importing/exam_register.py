"""ОГЭ/ЕГЭ registers, one row per participant, as regional processing centres (РЦОИ) send them.

The same register comes in many ordinary variants, and all are read by their
columns, found under the names offices meet, in any order:
- the subject and year either in a title line over each block («01 - Русский
  язык 2022.06.23», «ЕГЭ 2024 Математика (профильный уровень)») or in columns
  of every row («Код предмета», «Предмет», «Год», «Дата экзамена»), several
  subjects and years in one file;
- the school as «Логин ОО» or the ГИА «Код ОО» (with both, the login);
- the score as «Балл», «Тестовый балл», «Итоговый балл», «Первичный балл»,
  the mark as «Отметка» or «Оценка»; a status column or the score cell itself
  may say «неявка» or «удалён»;
- CSV (any encoding and delimiter the reader knows) or a sheet of a workbook;
  footer rows («Средние», «Минимальная граница», «Всего участников») skipped.
The exam is ЕГЭ or ОГЭ as a column, a title or the wizard says, else by the
grade (9 → ОГЭ, 10–12 → ЕГЭ). Counting is `student_register`'s; a register
mapped by hand in the wizard comes here with its columns in `ParseOptions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    IdKind,
    Origin,
    ParsedSheet,
    ParseOptions,
    RowProgress,
    RowReader,
    SchoolInFile,
    data_rows,
)
from lowres_desktop.importing.problems import CellProblem
from lowres_desktop.importing.student_register import (
    RegisterTally,
    Scale,
    Threshold,
    absence_of,
    read_score,
    threshold,
)
from lowres_desktop.importing.subjects import RCOI_NUMBERS, subject_code
from lowres_desktop.importing.values import BadValue, is_blank, normalize_text, parse_count
from lowres_desktop.importing.workbook_reader import SheetGrid

LAYOUT_ID = "rcoi"
TITLE = "Ведомость ОГЭ/ЕГЭ по участникам (РЦОИ; CSV или Excel)"
HEADER_SEARCH_ROWS = 40

NAMES: dict[ColumnRole, frozenset[str]] = {
    ColumnRole.LOGIN: frozenset({"логин оо", "логин", "логин оу", "логин образовательной организации"}),
    ColumnRole.GIA_CODE: frozenset(
        {"код оо", "код оу", "код школы", "код образовательной организации", "код оо (гиа)", "код ппэ оо"}
    ),
    ColumnRole.NAME: frozenset(
        {
            "наименование оо",
            "название оо",
            "краткое наименование оо",
            "полное наименование оо",
            "наименование образовательной организации",
            "образовательная организация",
            "школа",
        }
    ),
    ColumnRole.TERRITORY: frozenset(
        {"муниципалитет", "наименование мсу", "мсу", "ате", "территория", "район"}
    ),
    ColumnRole.SUBJECT: frozenset(
        {"предмет", "код предмета", "наименование предмета", "учебный предмет", "название предмета"}
    ),
    ColumnRole.EXAM: frozenset({"вид экзамена", "форма экзамена", "экзамен", "форма гиа", "форма"}),
    ColumnRole.YEAR: frozenset({"год", "год проведения", "год экзамена"}),
    ColumnRole.DATE: frozenset({"дата экзамена", "дата", "дата проведения", "дата сдачи"}),
    ColumnRole.GRADE: frozenset({"класс", "параллель"}),
    ColumnRole.SCORE: frozenset(
        {
            "балл",
            "тестовый балл",
            "итоговый балл",
            "балл (100)",
            "стобалльный балл",
            "балл по 100-балльной шкале",
        }
    ),
    ColumnRole.PRIMARY: frozenset({"первичный балл", "первичный", "сумма первичных баллов"}),
    ColumnRole.MARK: frozenset(
        {"отметка", "оценка", "балл (5)", "отметка по пятибалльной шкале", "итоговая отметка"}
    ),
    ColumnRole.STATUS: frozenset({"статус", "статус участника", "статус результата", "признак", "явка"}),
}
"""Header texts (as `normalize_text` gives them) of the columns a register may have."""
REGISTER_ROLES = tuple(NAMES)
"""The roles a register's column can have, in the order the wizard offers them."""
_SCORES = {ColumnRole.SCORE, ColumnRole.PRIMARY, ColumnRole.MARK}
_FOOTER = ("средн", "минимальн", "всего", "итого", "максимальн")
_TITLE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[-–—.]\s*")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DATE = re.compile(r"(?<!\d)\d{1,4}[.\-/]\d{1,2}[.\-/]\d{1,4}(?!\d)")
_KIND = re.compile(r"\b(ОГЭ|ЕГЭ|ГВЭ(?:-\d+|-9|-11)?)\b", re.IGNORECASE)
_GRADE = re.compile(r"^\s*(\d{1,2})")


def header_roles(row: list[object]) -> dict[ColumnRole, int]:
    """Role → column (1-based) of the cells of `row` that name a register's column; first one wins."""
    found: dict[ColumnRole, int] = {}
    for column, value in enumerate(row, start=1):
        if not isinstance(value, str):
            continue
        text = normalize_text(value)
        for role, names in NAMES.items():
            if text in names:
                found.setdefault(role, column)
                break
    return found


def _is_header(roles: dict[ColumnRole, int]) -> bool:
    return bool({ColumnRole.LOGIN, ColumnRole.GIA_CODE} & set(roles)) and bool(_SCORES & set(roles))


@dataclass(frozen=True)
class _Context:
    """What a title line says: any of the exam, the subject (with its ГИА number) and the year."""

    kind: ProcedureKind | None = None
    subject: str | None = None
    year: int | None = None

    def over(self, outer: _Context) -> _Context:
        return _Context(self.kind or outer.kind, self.subject or outer.subject, self.year or outer.year)


def _kind(text: str) -> ProcedureKind | None:
    match = _KIND.search(text)
    if not match:
        return None
    word = match[1].upper()
    return ProcedureKind.OGE if word == "ОГЭ" or word.endswith("9") else ProcedureKind.EGE


def _subject(text: str) -> str | None:
    """«01 - Русский язык», «Русский язык», «1», «Математика (профильный уровень)» → the subject code."""
    number = _TITLE_NUMBER.match(text)
    rest = _KIND.sub(" ", _DATE.sub(" ", _YEAR.sub(" ", text[number.end() :] if number else text)))
    rest = re.sub(r"\s+", " ", rest).strip(" -–—,.:")
    code = subject_code(rest) if rest else None
    if code is None and number:
        code = RCOI_NUMBERS.get(int(number[1]))
    if code is None and re.fullmatch(r"\d{1,2}", text.strip()):
        code = RCOI_NUMBERS.get(int(text))
    return code


def _title(row: list[object]) -> _Context | None:
    """A row holding only one text naming an exam, a subject or a year: a title over what follows."""
    cells = [v for v in row if not is_blank(v)]
    if len(cells) != 1 or not isinstance(cells[0], str) or len(cells[0]) > 200:
        return None
    text = cells[0]
    year = _YEAR.search(text)
    found = _Context(_kind(text), _subject(text), int(year[1]) if year else None)
    return found if found.subject or found.kind or found.year else None


def find_header_row(grid: SheetGrid) -> int | None:
    """The first row naming a school column and a score or mark column."""
    for number, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        if _is_header(header_roles(row)):
            return number
    return None


def _columns(header: list[object], options: ParseOptions) -> list[ColumnMapping]:
    """Every header cell with its role: detected, remembered for that header text, or the user's."""
    detected = {column: role for role, column in header_roles(header).items()}
    mappings = []
    for column in sorted(set(range(1, len(header) + 1)) | set(options.columns)):
        value = header[column - 1] if column - 1 < len(header) else None
        text = "" if is_blank(value) else re.sub(r"\s+", " ", str(value)).strip()
        given = options.columns.get(column)
        remembered = options.remembered.get(normalize_text(text)) if text else None
        if given is not None:
            mappings.append(ColumnMapping(column, text, given.role, origin=Origin.USER))
        elif remembered is not None and remembered.role in REGISTER_ROLES:
            mappings.append(ColumnMapping(column, text, remembered.role, origin=Origin.REMEMBERED))
        elif column in detected:
            mappings.append(ColumnMapping(column, text, detected[column]))
        elif text:
            mappings.append(ColumnMapping(column, text, ColumnRole.IGNORE, origin=Origin.UNRECOGNISED))
    return mappings


def _at(mappings: list[ColumnMapping]) -> dict[ColumnRole, int]:
    at: dict[ColumnRole, int] = {}
    for mapping in mappings:
        if mapping.role != ColumnRole.IGNORE:
            at.setdefault(mapping.role, mapping.column)
    return at


def read_register(
    grid: SheetGrid, header_row: int, on_row: RowProgress, options: ParseOptions
) -> ParsedSheet:
    """The participants counted per school, procedure and year; a missing key column is the one problem."""
    header = grid.rows[header_row - 1]
    mappings = _columns(header, options)
    at = _at(mappings)
    id_kind = IdKind.LOGIN if ColumnRole.LOGIN in at else IdKind.GIA_CODE
    parsed = ParsedSheet(grid.name, header_row, layout=LAYOUT_ID, columns=mappings, id_kind=id_kind)
    missing = _missing(at)
    if missing:
        parsed.problems.append(CellProblem(grid.name, header_row, 1, None, missing))
        return parsed
    outer = _context_above(grid, header_row, options)
    reader = _Reader(grid, parsed, options, at, outer)
    header_key = [normalize_text(v) for v in header]
    for number, cells in data_rows(grid.rows, header_row + 1, on_row):
        found = _title(cells)
        if found is not None:
            reader.block = found.over(outer)
        elif not _is_footer_or_header(cells, header_key):
            reader.row(number, cells)
    reader.finish()
    return parsed


def _context_above(grid: SheetGrid, header_row: int, options: ParseOptions) -> _Context:
    """What the title lines over the header say, over the exam the wizard names for the sheet."""
    outer = _Context(options.procedure.kind if options.procedure else None, None, None)
    for row in grid.rows[: header_row - 1]:
        found = _title(row)
        if found is not None:
            outer = found.over(outer)
    return outer


def _is_footer_or_header(cells: list[object], header_key: list[str]) -> bool:
    """A totals line under a block («Средние», «Всего участников») or the header repeated over the next."""
    first = next(v for v in cells if not is_blank(v))
    if isinstance(first, str) and normalize_text(first).startswith(_FOOTER):
        return True
    return [normalize_text(v) for v in cells] == header_key


def _missing(at: dict[ColumnRole, int]) -> str | None:
    if ColumnRole.LOGIN not in at and ColumnRole.GIA_CODE not in at:
        return "не указан столбец с логином или кодом ОО"
    if not _SCORES & set(at):
        return "не указан столбец с баллом или отметкой"
    return None


class _Reader(RowReader):
    """Reads participant rows into the tally, resolving each row's procedure and year once per variant."""

    def __init__(
        self,
        grid: SheetGrid,
        parsed: ParsedSheet,
        options: ParseOptions,
        at: dict[ColumnRole, int],
        outer: _Context,
    ) -> None:
        super().__init__(grid, parsed, options, at)
        self.block = outer
        self.tally = RegisterTally()
        self.schools: dict[str, SchoolInFile] = {}
        self.notes: dict[tuple[ProcedureKey, int], str] = {}
        self._id = at.get(ColumnRole.LOGIN) or at[ColumnRole.GIA_CODE]
        self._id_kind = parsed.id_kind
        self._procedures: dict[tuple[object, ...], ProcedureKey | str] = {}
        self._years: dict[object, int | None] = {}
        self._splits: dict[tuple[ProcedureKey, int], Threshold | None] = {}
        self._unresolved: set[tuple[object, ...]] = set()

    def finish(self) -> None:
        """Put the tally into the sheet: its results, schools, notes, and the first result's procedure."""
        parsed = self.parsed
        parsed.results = self.tally.results()
        parsed.schools = list(self.schools.values())
        parsed.rows_read = self.tally.rows
        parsed.notes = [*self.notes.values(), self.tally.summary()]
        if parsed.results:
            parsed.procedure, parsed.year = parsed.results[0].procedure, parsed.results[0].year

    def _cell(self, cells: list[object], role: ColumnRole) -> object:
        column = self.at.get(role)
        if column is None or column - 1 >= len(cells):
            return None
        return cells[column - 1]

    def row(self, number: int, cells: list[object]) -> None:
        raw_id = cells[self._id - 1] if self._id - 1 < len(cells) else None
        school = "" if is_blank(raw_id) else str(raw_id).strip()
        if isinstance(raw_id, float) and raw_id.is_integer():
            school = str(int(raw_id))
        if not school:
            if self._id_kind == IdKind.LOGIN:
                self.problem(number, ColumnRole.LOGIN, "не указан логин ОО")
            else:
                self.problem(number, ColumnRole.GIA_CODE, "не указан код ОО")
            return
        procedure = self._procedure(number, cells)
        year = self._year(number, cells)
        if procedure is None or year is None:
            return
        split = self._split(number, procedure, year)
        if split is None:
            return
        value = self._value(number, cells, split)
        if value is None:
            return
        mark = None
        if ColumnRole.MARK in self.at and split.scale != Scale.MARK and split.high is None:
            try:
                mark = read_score(self._cell(cells, ColumnRole.MARK), Scale.MARK)
            except BadValue as error:
                self.problem(number, ColumnRole.MARK, str(error))
                return
        self.tally.add((school, procedure, year), split, value, mark)
        if school not in self.schools:
            name = self._cell(cells, ColumnRole.NAME)
            territory = self._cell(cells, ColumnRole.TERRITORY)
            self.schools[school] = SchoolInFile(
                school,
                "" if is_blank(name) else str(name).strip(),
                None if is_blank(territory) else str(territory).strip(),
                number,
                self._id_kind,
                self._gia_code(cells),
            )

    def _gia_code(self, cells: list[object]) -> str | None:
        if self._id_kind != IdKind.LOGIN or ColumnRole.GIA_CODE not in self.at:
            return None
        value = self._cell(cells, ColumnRole.GIA_CODE)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return None if is_blank(value) else str(value).strip()

    def _value(self, number: int, cells: list[object], split: Threshold) -> float | object | None:
        status = self._cell(cells, ColumnRole.STATUS)
        if not is_blank(status):
            absence = absence_of(status)
            if absence is not None:
                return absence
        role = {Scale.TEST: ColumnRole.SCORE, Scale.PRIMARY: ColumnRole.PRIMARY, Scale.MARK: ColumnRole.MARK}[
            split.scale
        ]
        if role not in self.at and split.scale == Scale.MARK:
            role = ColumnRole.SCORE if ColumnRole.SCORE in self.at else ColumnRole.PRIMARY
        if role not in self.at:
            names = {ColumnRole.SCORE: "тестовым баллом", ColumnRole.PRIMARY: "первичным баллом",
                     ColumnRole.MARK: "отметкой"}  # fmt: skip
            self.problem(number, None, f"нет столбца с {names[role]}, нужного для этого экзамена")
            return None
        try:
            return read_score(self._cell(cells, role), split.scale)
        except BadValue as error:
            self.problem(number, role, str(error))
            return None

    def _procedure(self, number: int, cells: list[object]) -> ProcedureKey | None:
        key = (
            self.block,
            self._cell(cells, ColumnRole.SUBJECT),
            self._cell(cells, ColumnRole.EXAM),
            self._cell(cells, ColumnRole.GRADE),
        )
        found = self._procedures.get(key)
        if found is None:
            found = self._procedures[key] = self._resolve(*key)
        if isinstance(found, str):
            if key not in self._unresolved:
                self._unresolved.add(key)
                self.problem(number, ColumnRole.SUBJECT if ColumnRole.SUBJECT in self.at else None, found)
            return None
        return found

    def _resolve(self, block: _Context, subject: object, exam: object, grade: object) -> ProcedureKey | str:
        if isinstance(subject, float) and subject.is_integer():
            subject = int(subject)
        code = _subject(str(subject)) if not is_blank(subject) else block.subject
        kind = _kind(str(exam)) if not is_blank(exam) else None
        kind = kind or (_kind(str(subject)) if not is_blank(subject) else None) or block.kind
        if kind is None and not is_blank(grade):
            match = _GRADE.match(str(int(grade) if isinstance(grade, float) else grade))
            if match and 9 <= int(match[1]) <= 12:
                kind = ProcedureKind.OGE if int(match[1]) == 9 else ProcedureKind.EGE
        if kind is None and code in {"МАП", "МАБ"}:
            kind = ProcedureKind.EGE
        if kind is None and self.options.procedure is not None:
            kind = self.options.procedure.kind
        if code is None and self.options.procedure is not None:
            code = self.options.procedure.subject
        if code is None or kind is None:
            return "не удалось определить экзамен (ОГЭ или ЕГЭ) и предмет: укажите процедуру листа"
        if kind == ProcedureKind.OGE and code in {"МАП", "МАБ"}:
            code = "МА"
        return ProcedureKey(kind, code)

    def _year(self, number: int, cells: list[object]) -> int | None:
        if self.options.year:
            return self.options.year
        raw = self._cell(cells, ColumnRole.YEAR)
        role = ColumnRole.YEAR
        if is_blank(raw):
            raw, role = self._cell(cells, ColumnRole.DATE), ColumnRole.DATE
        if is_blank(raw):
            if self.block.year:
                return self.block.year
            self.problem(
                number, None, "не указан год: нет столбца с годом или датой экзамена и строки-заголовка"
            )
            return None
        if raw not in self._years:
            self._years[raw] = _year_of(raw)
        year = self._years[raw]
        if year is None:
            self.problem(number, role, "год не распознан (ожидается год или дата экзамена)")
        return year

    def _split(self, number: int, procedure: ProcedureKey, year: int) -> Threshold | None:
        key = (procedure, year)
        if key not in self._splits:
            split = threshold(procedure, year, self.options.minimum_scores, ColumnRole.MARK in self.at)
            self._splits[key] = split
            if split is None:
                self.problem(
                    number,
                    None,
                    f"в справочнике нет минимального балла для «{procedure.code}» {year} г.: "
                    "добавьте его (Справка → Минимальные баллы)",
                )
            else:
                self.notes[key] = f"«{procedure.code}» {year}: {split.note}."
        return self._splits[key]


def _year_of(value: object) -> int | None:
    if isinstance(value, date | datetime):
        return value.year
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            year = parse_count(value)
        except BadValue:
            return None
        return year if year is not None and 1990 <= year <= 2100 else None
    match = _YEAR.search(str(value))
    return int(match[1]) if match else None
