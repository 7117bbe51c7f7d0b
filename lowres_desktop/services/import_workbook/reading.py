"""Step one of an import: read a file once and parse its sheets; nothing is written.

The sheets are those the user chose, else those a layout recognises, else a
mapping the user gave by hand for a sheet with the same header (remembered
under that header, so the next such file imports without asking).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.importing.identifiers import check_identifiers
from lowres_desktop.importing.layouts import BY_ID, LayoutNotFound, SheetChoice, choose_sheets
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    Measure,
    Origin,
    ParsedSheet,
    ParseOptions,
)
from lowres_desktop.importing.problems import CellProblem, FileRejected
from lowres_desktop.importing.values import is_blank, normalize_text
from lowres_desktop.importing.workbook_reader import SheetGrid, WorkbookFile, read_file
from lowres_desktop.services.collector import collector_paused
from lowres_desktop.services.import_workbook.choices import HandMapping, ImportChoices
from lowres_desktop.services.minimum_scores import minimum_score_lookup
from lowres_desktop.services.progress import (
    CancelCheck,
    ProgressCallback,
    check_cancel,
    never_cancel,
    no_progress,
)
from lowres_desktop.storage.unit_of_work import Database

HAND = "hand"
"""The layout name whole-sheet mappings given by hand are remembered under."""
HEADER_SEARCH_ROWS = 40


@dataclass
class FileReading:
    """A file read and parsed, before any comparison with the database."""

    path: Path
    sha256: str
    grids: list[SheetGrid]
    sheets: list[SheetChoice]
    parsed: list[ParsedSheet]

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def problems(self) -> list[CellProblem]:
        return [p for sheet in self.parsed for p in sheet.problems]


def header_key(row: list[object]) -> str:
    """A header row as one text, to know a file with the same header again."""
    return " | ".join(normalize_text(v) for v in row if not is_blank(v))[:500]


def mapping_json(mapping: ColumnMapping) -> dict[str, Any]:
    procedure = mapping.procedure
    return {
        "role": mapping.role.value,
        "kind": procedure.kind.value if procedure else None,
        "subject": procedure.subject if procedure else None,
        "grade": procedure.grade if procedure else None,
        "year": mapping.year,
        "measure": mapping.measure.value if mapping.measure else None,
    }


def _procedure(data: dict[str, Any]) -> ProcedureKey | None:
    return (
        ProcedureKey(ProcedureKind(data["kind"]), data["subject"], data["grade"])
        if data.get("kind")
        else None
    )


def _mapping_from_json(column: int, header: str, data: dict[str, Any]) -> ColumnMapping:
    measure = Measure(data["measure"]) if data.get("measure") else None
    return ColumnMapping(
        column,
        header,
        ColumnRole(data["role"]),
        _procedure(data),
        data.get("year"),
        measure,
        Origin.REMEMBERED,
    )


def hand_mapping_json(mapping: HandMapping) -> dict[str, Any]:
    return {
        "layout": mapping.layout,
        "header_row": mapping.header_row,
        "columns": {str(c): {"header": m.header, **mapping_json(m)} for c, m in mapping.columns.items()},
        **mapping_json(ColumnMapping(0, "", ColumnRole.IGNORE, mapping.procedure, mapping.year)),
    }


def _hand_mapping_from_json(header: str, data: dict[str, Any]) -> HandMapping:
    columns = {
        int(c): _mapping_from_json(int(c), m.get("header", ""), m) for c, m in data.get("columns", {}).items()
    }
    return HandMapping(
        data["layout"], data["header_row"], header, columns, _procedure(data), data.get("year")
    )


def remembered_mappings(db: Database, layout: str) -> dict[str, ColumnMapping]:
    with db.unit_of_work() as uow:
        stored = uow.imports.mappings.for_layout(layout)
    return {header: _mapping_from_json(0, header, data) for header, data in stored.items()}


def remembered_hand_mappings(db: Database) -> dict[str, HandMapping]:
    with db.unit_of_work() as uow:
        stored = uow.imports.mappings.for_layout(HAND)
    return {header: _hand_mapping_from_json(header, data) for header, data in stored.items()}


def read_import_file(
    db: Database,
    path: Path,
    choices: ImportChoices | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
    read: Callable[[Path], WorkbookFile] = read_file,
) -> FileReading:
    """Read and parse one file with the chosen (or detected) sheets; writes nothing.

    `read` is `read_file` or one that has it already running (importing/read_ahead.py).
    """
    path = Path(path)
    choices = choices or ImportChoices()
    progress(0, 100, f"Чтение «{path.name}»…")
    workbook = read(path)
    check_cancel(cancel)
    with collector_paused():
        return parse_sheets(db, path, workbook.sha256, workbook.sheets, choices, progress, cancel)


def _remembered_sheets(
    db: Database, grids: list[SheetGrid], choices: ImportChoices
) -> list[SheetChoice] | None:
    """The sheets whose header the user once mapped by hand, with that mapping put into `choices`."""
    remembered = remembered_hand_mappings(db)
    if not remembered:
        return None
    for index, grid in enumerate(grids):
        for number, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
            found = remembered.get(header_key(row))
            if found is not None:
                choices.options.setdefault(index, found.options())
                return [SheetChoice(index, found.layout, number)]
    return None


def parse_sheets(
    db: Database,
    path: Path,
    sha256: str,
    grids: list[SheetGrid],
    choices: ImportChoices,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
) -> FileReading:
    """Parse sheets already read; raises LayoutNotFound when nothing in them is known or remembered."""
    sheets = choices.sheets
    if sheets is None:
        try:
            sheets = choose_sheets(path.name, grids)
        except LayoutNotFound:
            sheets = _remembered_sheets(db, grids, choices)
            if sheets is None:
                raise
    minimum = minimum_score_lookup(db)
    parsed: list[ParsedSheet] = []
    for number, choice in enumerate(sheets):
        layout = BY_ID[choice.layout]
        given = choices.options.get(choice.sheet, ParseOptions())
        options = ParseOptions(
            header_row=given.header_row or choice.header_row,
            columns=given.columns,
            remembered=given.remembered or remembered_mappings(db, layout.id),
            procedure=given.procedure,
            year=given.year,
            minimum_scores=minimum,
        )

        def on_row(done: int, total: int, number: int = number) -> None:
            share = (number + done / max(total, 1)) / max(len(sheets), 1)
            progress(10 + round(60 * share), 100, "Разбор строк…")
            check_cancel(cancel)

        sheet = layout.parse(grids[choice.sheet], on_row, options)
        if sheet is not None:
            sheet = check_identifiers(sheet)
        if sheet is None:
            raise FileRejected(
                path.name,
                f"Лист «{grids[choice.sheet].name}» не похож на «{layout.title}» "
                f"(строка заголовка {options.header_row or 'не найдена'}).",
            )
        parsed.append(sheet)
    return FileReading(path, sha256, grids, list(sheets), parsed)
