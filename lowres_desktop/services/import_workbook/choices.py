"""What the user (or the command line) decided about a file before it is imported.

The defaults import as the command line does: sheets as detected, the file
wins conflicts, unknown ГИА codes refuse the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lowres_desktop.domain.merge import ConflictPolicy
from lowres_desktop.domain.records import ProcedureKey
from lowres_desktop.importing.layouts import SheetChoice
from lowres_desktop.importing.parsed import ColumnMapping, IdKind, ParseOptions

CREATE_SCHOOL = "+"
"""In `ImportChoices.assign`: create a new school for this identifier."""
Key = tuple[str, ProcedureKey, int]
"""A record's school (login), procedure and year."""


@dataclass(frozen=True)
class SchoolRef:
    """An identifier as a file carries it."""

    kind: IdKind
    value: str


@dataclass(frozen=True)
class RecordRef:
    """A result or a mark comparison of the file, for a per-record conflict decision."""

    target: str
    """«result» or «comparison»."""
    key: Key


@dataclass(frozen=True)
class HandMapping:
    """What the user said a sheet holds: a layout («long» per school, «rcoi» per student) and its columns."""

    layout: str
    header_row: int
    header: str
    """`header_key` of the header row: the mapping is remembered and found again under it."""
    columns: dict[int, ColumnMapping]
    procedure: ProcedureKey | None = None
    year: int | None = None

    def options(self) -> ParseOptions:
        return ParseOptions(self.header_row, self.columns, procedure=self.procedure, year=self.year)


@dataclass
class ImportChoices:
    sheets: list[SheetChoice] | None = None
    options: dict[int, ParseOptions] = field(default_factory=dict)
    on_conflict: ConflictPolicy = ConflictPolicy.REPLACE
    replace: set[RecordRef] = field(default_factory=set)
    """With PER_RECORD: the records where the file wins."""
    assign: dict[SchoolRef, str | None] = field(default_factory=dict)
    """Identifier → login of an existing school, CREATE_SCHOOL, or None to skip its rows."""
    skip_unmatched: bool = False
    remember: list[tuple[str, ColumnMapping]] = field(default_factory=list)
    """(layout, mapping) of header meanings the user chose and wants remembered."""
    remember_sheet: HandMapping | None = None
    """A whole sheet mapped by hand, to remember under its header."""
