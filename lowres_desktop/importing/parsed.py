"""What every layout gives back: schools and records keyed by the identifier the file carries,
how each column was understood, and problems placed at their cells.

Records from a file carry the school as the file names it (a federal login,
a ГИА «Код ОО»); the import service resolves identifiers to schools, so
that layouts never need the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from lowres_desktop.domain.objectivity import MarkComparison
from lowres_desktop.domain.records import ProcedureKey, Result
from lowres_desktop.importing.problems import CellProblem
from lowres_desktop.importing.values import is_blank

if TYPE_CHECKING:
    from lowres_desktop.importing.workbook_reader import SheetGrid


class Measure(StrEnum):
    LOW = "low"
    HIGH = "high"
    PARTICIPANTS = "participants"


class IdKind(StrEnum):
    """Which identifier a file uses for schools."""

    LOGIN = "login"
    GIA_CODE = "gia_code"


class ColumnRole(StrEnum):
    LOGIN = "login"
    GIA_CODE = "gia_code"
    NAME = "name"
    TERRITORY = "territory"
    PROCEDURE = "procedure"
    YEAR = "year"
    VALUE = "value"
    IGNORE = "ignore"
    SUBJECT = "subject"
    """Per-student registers from here on: the subject («Русский язык», «01», «01 - Русский язык»)."""
    EXAM = "exam"
    """«ЕГЭ», «ОГЭ»: the kind of exam, when a register has a column for it."""
    DATE = "date"
    """The exam date: gives the year when there is no year column."""
    GRADE = "grade"
    SCORE = "score"
    """The test score (ЕГЭ 100-point scale)."""
    PRIMARY = "primary"
    MARK = "mark"
    STATUS = "status"
    """A participant's status («неявка», «удалён», «аннулирован»)."""
    JOURNAL_MARK = "journal_mark"


class Origin(StrEnum):
    """Why a column means what it means: shown in the wizard next to each mapping."""

    DETECTED = "detected"
    REMEMBERED = "remembered"
    USER = "user"
    UNRECOGNISED = "unrecognised"


@dataclass(frozen=True)
class ColumnMapping:
    """One column of the header: a fixed column, a procedure-year-measure value column, or skipped."""

    column: int
    header: str
    role: ColumnRole
    procedure: ProcedureKey | None = None
    year: int | None = None
    measure: Measure | None = None
    origin: Origin = Origin.DETECTED

    @property
    def key(self) -> str:
        """The header text that a remembered mapping is stored under."""
        return self.header


@dataclass(frozen=True)
class SchoolInFile:
    login: str
    """The identifier as the file writes it (a login, or a ГИА code when `id_kind` says so)."""
    name: str
    territory: str | None
    row: int
    id_kind: IdKind = IdKind.LOGIN
    gia_code: str | None = None
    """The ГИА «Код ОО» beside the login, when a register gives both: remembered for later files."""


@dataclass(frozen=True)
class MinimumScore:
    """The threshold used to count «below the minimum» and «high» in per-student results."""

    procedure: ProcedureKey
    year: int
    scale: str
    """«test» (ЕГЭ 100-point), «primary» (ОГЭ primary score) or «mark» (2–5)."""
    minimum: float
    high: float | None
    table_year: int
    """The year of the table row actually used (the nearest earlier year when the exact one is missing)."""


MinimumScores = Callable[[ProcedureKey, int], MinimumScore | None]


@dataclass(frozen=True)
class ParseOptions:
    """Choices that override detection: from the wizard, or remembered from earlier imports."""

    header_row: int | None = None
    columns: Mapping[int, ColumnMapping] = field(default_factory=dict)
    remembered: Mapping[str, ColumnMapping] = field(default_factory=dict)
    procedure: ProcedureKey | None = None
    year: int | None = None
    minimum_scores: MinimumScores | None = None


@dataclass
class ParsedSheet:
    sheet: str
    header_row: int
    layout: str = "appendix"
    schools: list[SchoolInFile] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    comparisons: list[MarkComparison] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    columns: list[ColumnMapping] = field(default_factory=list)
    procedure: ProcedureKey | None = None
    year: int | None = None
    id_kind: IdKind = IdKind.LOGIN
    rows_read: int = 0


RowProgress = Callable[[int, int], None]
"""Told (rows done, rows in the sheet) now and then while a layout reads: progress and cancel."""

PROGRESS_EVERY = 1000
"""Rows between two calls of a `RowProgress`: often enough for the bar, rare enough to cost nothing."""


def no_row_progress(_done: int, _total: int) -> None:
    """The `RowProgress` of a read nobody watches (tests, the layout detector)."""


def data_rows(
    rows: Sequence[list[object]], first_row: int, on_row: RowProgress
) -> Iterator[tuple[int, list[object]]]:
    """(row number, cells) of each row from `first_row` to the end that is not blank, telling `on_row`.

    The one loop of the layouts that read one record a row, so that the
    progress every import shows and its cancel check come at the same pace.
    """
    total = len(rows)
    for number in range(first_row, total + 1):
        if number % PROGRESS_EVERY == 0:
            on_row(number, total)
        cells = rows[number - 1]
        if not all(is_blank(value) for value in cells):
            yield number, cells


class RowReader:
    """What a layout reading a record a row holds: the sheet, the result it fills, the user's
    options and each column's place; problems are placed at the row's cell of a column."""

    def __init__(
        self, grid: SheetGrid, parsed: ParsedSheet, options: ParseOptions, at: dict[ColumnRole, int]
    ) -> None:
        self.grid, self.parsed, self.options, self.at = grid, parsed, options, at

    def problem(self, row: int, role: ColumnRole | None, why: str) -> None:
        """A problem at the row's cell of `role` (its value with it); without a role, at the row's start."""
        column = self.at.get(role, 1) if role else 1
        value = self.grid.cell(row, column) if role else None
        self.parsed.problems.append(CellProblem(self.grid.name, row, column, value, why))
