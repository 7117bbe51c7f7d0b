"""Use case: import result files, one transaction per file, each a batch that can be undone.

Three steps, so the wizard can show what will happen before anything does:
`read_import_file` reads and parses (no writes), `plan_import` compares with
the database (no writes), `apply_import` writes the plan in one transaction
and records every value it replaced. `import_workbook` runs all three, as the
command line does. A file with any cell that cannot be understood is refused
whole; a file that changes nothing writes nothing and says so.

Values merge per measure: a value the file leaves empty never erases a stored
one. A conflict is a measure both sides have with different values; the
policy decides it — replace (the file wins), keep (the database wins), fail
(refuse the file), or per record (`ImportChoices.replace`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from lowres_desktop.domain.objectivity import MarkComparison
from lowres_desktop.domain.quotes import typographic_quotes
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School
from lowres_desktop.domain.schools import guess_school_kind, short_school_name
from lowres_desktop.importing.identifiers import check_identifiers
from lowres_desktop.importing.layouts import BY_ID, SheetChoice, choose_sheets
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    IdKind,
    Measure,
    Origin,
    ParsedSheet,
    ParseOptions,
    SchoolInFile,
)
from lowres_desktop.importing.problems import CellProblem, FileRejected
from lowres_desktop.importing.values import normalize_text
from lowres_desktop.importing.workbook_reader import SheetGrid, read_file
from lowres_desktop.services.backups import backup_before_import
from lowres_desktop.services.collector import collector_paused
from lowres_desktop.services.conflict_policy import ConflictPolicy
from lowres_desktop.services.minimum_scores import minimum_score_lookup
from lowres_desktop.services.progress import (
    CancelCheck,
    ProgressCallback,
    check_cancel,
    never_cancel,
    no_progress,
)
from lowres_desktop.storage.audit import os_user_name
from lowres_desktop.storage.import_changes import Change, PackedChanges
from lowres_desktop.storage.import_repository import COMPARISON_FIELDS, RESULT_FIELDS, batch_note
from lowres_desktop.storage.repositories import ImportBatch
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork
from lowres_desktop.wording.reference import subject_names

_EPSILON = 1e-9
CREATE_SCHOOL = "+"
"""In `ImportChoices.assign`: create a new school for this identifier."""
Key = tuple[str, ProcedureKey, int]


@dataclass(frozen=True)
class SchoolRef:
    """An identifier as a file carries it."""

    kind: IdKind
    value: str


@dataclass
class ImportChoices:
    """What the user (or the command line) decided; the defaults import as the CLI does."""

    sheets: list[SheetChoice] | None = None
    options: dict[int, ParseOptions] = field(default_factory=dict)
    on_conflict: ConflictPolicy = ConflictPolicy.REPLACE
    replace: set[tuple[str, Key]] = field(default_factory=set)
    """With PER_RECORD: the («result»|«comparison», key) records where the file wins."""
    assign: dict[SchoolRef, str | None] = field(default_factory=dict)
    """Identifier → login of an existing school, CREATE_SCHOOL, or None to skip its rows."""
    skip_unmatched: bool = False
    remember: list[tuple[str, ColumnMapping]] = field(default_factory=list)


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


@dataclass(frozen=True)
class Conflict:
    target: str
    """«result» or «comparison»."""
    key: Key
    stored: tuple[float | int | None, ...]
    incoming: tuple[float | int | None, ...]
    sheet: str
    row: int


@dataclass(frozen=True)
class UnknownSchool:
    ref: SchoolRef
    name: str
    sheet: str
    row: int


@dataclass
class ImportPlan:
    """What applying the file would do, given the choices."""

    schools_new: list[tuple[str, SchoolInFile]] = field(default_factory=list)
    schools_renamed: list[tuple[str, str, str]] = field(default_factory=list)
    unknown: list[UnknownSchool] = field(default_factory=list)
    """Identifiers matching no school and not assigned: rows skipped or the file refused."""
    procedures_new: list[ProcedureKey] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    results: list[tuple[Result, bool]] = field(default_factory=list)
    """(merged result to write, whether the file won its conflict)."""
    results_new: int = 0
    results_changed: int = 0
    results_unchanged: int = 0
    results_kept: int = 0
    comparisons: list[MarkComparison] = field(default_factory=list)
    comparisons_new: int = 0
    comparisons_changed: int = 0
    aliases: list[tuple[SchoolRef, str]] = field(default_factory=list)
    rows: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Login → (sheet, row) where the file names the school, to place conflicts."""
    stored_results: dict[tuple[int, int, int], tuple[Any, ...]] = field(default_factory=dict, repr=False)
    stored_comparisons: dict[tuple[int, int, int], tuple[Any, ...]] = field(default_factory=dict, repr=False)
    """What the database held for the file's schools when planned: `apply_import` plans and
    writes in one transaction, so its writes split on these without reading them again."""


@dataclass
class ImportReport:
    file_name: str
    sheet: str = ""
    layout: str = ""
    schools_new: list[str] = field(default_factory=list)
    schools_renamed: list[tuple[str, str, str]] = field(default_factory=list)
    procedures_new: list[ProcedureKey] = field(default_factory=list)
    results_new: int = 0
    results_changed: int = 0
    results_unchanged: int = 0
    results_kept: int = 0
    comparisons_new: int = 0
    comparisons_changed: int = 0
    unmatched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    imported_before: datetime | None = None
    batch_id: int | None = None

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.schools_new
            or self.schools_renamed
            or self.procedures_new
            or self.results_new
            or self.results_changed
            or self.comparisons_new
            or self.comparisons_changed
        )


def _mapping_json(mapping: ColumnMapping) -> dict[str, Any]:
    procedure = mapping.procedure
    return {
        "role": mapping.role.value,
        "kind": procedure.kind.value if procedure else None,
        "subject": procedure.subject if procedure else None,
        "grade": procedure.grade if procedure else None,
        "year": mapping.year,
        "measure": mapping.measure.value if mapping.measure else None,
    }


def _mapping_from_json(header: str, data: dict[str, Any]) -> ColumnMapping:
    procedure = (
        ProcedureKey(ProcedureKind(data["kind"]), data["subject"], data["grade"])
        if data.get("kind")
        else None
    )
    measure = Measure(data["measure"]) if data.get("measure") else None
    return ColumnMapping(
        0, header, ColumnRole(data["role"]), procedure, data.get("year"), measure, Origin.REMEMBERED
    )


def remembered_mappings(db: Database, layout: str) -> dict[str, ColumnMapping]:
    with db.unit_of_work() as uow:
        stored = uow.imports.mappings.for_layout(layout)
    return {header: _mapping_from_json(header, data) for header, data in stored.items()}


def read_import_file(
    db: Database,
    path: Path,
    choices: ImportChoices | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
) -> FileReading:
    """Read and parse one file with the chosen (or detected) sheets; writes nothing."""
    path = Path(path)
    choices = choices or ImportChoices()
    progress(0, 100, f"Чтение «{path.name}»…")
    read = read_file(path)
    check_cancel(cancel)
    with collector_paused():
        return _parse_grids(db, path, read.sha256, read.sheets, choices, progress, cancel)


def reparse_file(db: Database, reading: FileReading, choices: ImportChoices) -> FileReading:
    """Parse the already read sheets again with new choices (another sheet, header row or mapping)."""
    return _parse_grids(db, reading.path, reading.sha256, reading.grids, choices, no_progress, never_cancel)


def _parse_grids(
    db: Database,
    path: Path,
    sha256: str,
    grids: list[SheetGrid],
    choices: ImportChoices,
    progress: ProgressCallback,
    cancel: CancelCheck,
) -> FileReading:
    sheets = choices.sheets if choices.sheets is not None else choose_sheets(path.name, grids)
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


def _values(result: Result) -> tuple[float | int | None, ...]:
    return (result.participants, result.pct_low, result.pct_high)


def _comparison_values(c: MarkComparison) -> tuple[float | int | None, ...]:
    return (c.participants, c.lowered_pct, c.confirmed_pct, c.raised_pct)


def _close(x: float | int | None, y: float | int | None) -> bool:
    return (x is None and y is None) or (x is not None and y is not None and abs(x - y) < _EPSILON)


def _merge(
    stored: tuple[Any, ...], incoming: tuple[Any, ...], file_wins: bool
) -> tuple[tuple[Any, ...], bool]:
    """(merged values, whether both sides had a different value somewhere)."""
    conflict = any(
        s is not None and i is not None and not _close(s, i) for s, i in zip(stored, incoming, strict=True)
    )
    merged = tuple(
        (i if i is not None else s) if file_wins else (s if s is not None else i)
        for s, i in zip(stored, incoming, strict=True)
    )
    return merged, conflict


class _Resolver:
    """Identifiers from the file → logins in the database, and what to create."""

    def __init__(self, uow: UnitOfWork, choices: ImportChoices, plan: ImportPlan) -> None:
        self.logins = set(uow.imports.history.school_ids())
        self.aliases = uow.imports.identifiers.logins_by_value(IdKind.LOGIN.value)
        self.gia = uow.imports.identifiers.logins_by_value(IdKind.GIA_CODE.value)
        self.choices = choices
        self.plan = plan
        self.created: dict[SchoolRef, str] = {}

    def login(self, school: SchoolInFile, sheet: str) -> str | None:
        ref = SchoolRef(school.id_kind, school.login)
        if ref in self.created:
            return self.created[ref]
        if ref in self.choices.assign:
            target = self.choices.assign[ref]
            if target is None:
                return None
            if target == CREATE_SCHOOL:
                return self._create(ref, school)
            self.plan.aliases.append((ref, target))
            self.created[ref] = target
            return target
        if school.id_kind == IdKind.LOGIN:
            if school.login in self.logins:
                return school.login
            if school.login in self.aliases:
                return self.aliases[school.login]
            return self._create(ref, school)
        if school.login in self.gia:
            return self.gia[school.login]
        self.plan.unknown.append(UnknownSchool(ref, school.name, sheet, school.row))
        return None

    def learn_gia_code(self, code: str, login: str) -> None:
        """A file naming a school by its login and its ГИА code: later files may give only the code."""
        if code not in self.gia:
            self.gia[code] = login
            self.plan.aliases.append((SchoolRef(IdKind.GIA_CODE, code), login))

    def _create(self, ref: SchoolRef, school: SchoolInFile) -> str:
        login = ref.value if ref.kind == IdKind.LOGIN else f"gia{ref.value}"
        if ref.kind != IdKind.LOGIN:
            self.plan.aliases.append((ref, login))
        if login not in self.logins:
            self.logins.add(login)
            self.plan.schools_new.append((login, school))
        self.created[ref] = login
        return login


def _plan(uow: UnitOfWork, reading: FileReading, choices: ImportChoices) -> ImportPlan:
    plan = ImportPlan()
    resolver = _Resolver(uow, choices, plan)
    history = uow.imports.history
    existing_procedures = set(history.procedure_ids())
    results: list[Result] = []
    comparisons: list[MarkComparison] = []
    names: dict[str, SchoolInFile] = {}
    for sheet in reading.parsed:
        logins: dict[str, str | None] = {}
        for found in sheet.schools:
            school = replace(found, name=typographic_quotes(found.name))
            login = resolver.login(school, sheet.sheet)
            if login is not None and school.gia_code:
                resolver.learn_gia_code(school.gia_code, login)
            logins[school.login] = login
            if login is not None:
                plan.rows.setdefault(login, (sheet.sheet, school.row))
            if login is not None and school.name:
                names.setdefault(login, school)
        for result in sheet.results:
            login = logins.get(result.login)
            if login == result.login:
                results.append(result)
            elif login is not None:
                results.append(Result(login, result.procedure, result.year, *_values(result)))
        for comparison in sheet.comparisons:
            login = logins.get(comparison.login)
            if login is not None:
                comparisons.append(
                    MarkComparison(
                        login, comparison.procedure, comparison.year, *_comparison_values(comparison)
                    )
                )
    used = {r.procedure for r in results} | {c.procedure for c in comparisons}
    plan.procedures_new = sorted(used - existing_procedures)
    stored_schools = {s.login: s for s in uow.schools.all()} if names else {}
    for login, school in names.items():
        stored = stored_schools.get(login)
        if stored is not None and stored.full_name != school.name:
            plan.schools_renamed.append((login, stored.full_name, school.name))
    school_ids = history.school_ids()
    procedure_ids = history.procedure_ids()
    known = [
        school_ids[login]
        for login in {r.login for r in results} | {c.login for c in comparisons}
        if login in school_ids
    ]
    stored_results = plan.stored_results = history.stored_results(known)
    for result in results:
        key = _ids(school_ids, procedure_ids, result.login, result.procedure, result.year)
        stored = stored_results.get(key) if key else None
        if stored is None:
            plan.results_new += 1
            plan.results.append((result, True))
            continue
        incoming = _values(result)
        old = tuple(stored[1:4])
        file_wins = _file_wins(choices, "result", result.key)
        merged, conflict = _merge(old, incoming, file_wins)
        if conflict:
            plan.conflicts.append(
                Conflict("result", result.key, old, incoming, *plan.rows.get(result.login, ("", 0)))
            )
            if not file_wins:
                plan.results_kept += 1
        if all(_close(a, b) for a, b in zip(merged, old, strict=True)):
            plan.results_unchanged += 1
            continue
        plan.results_changed += 1
        plan.results.append((Result(result.login, result.procedure, result.year, *merged), file_wins))
    stored_comparisons = plan.stored_comparisons = history.stored_comparisons(known) if comparisons else {}
    for comparison in comparisons:
        key = _ids(school_ids, procedure_ids, comparison.login, comparison.procedure, comparison.year)
        stored = stored_comparisons.get(key) if key else None
        if stored is None:
            plan.comparisons_new += 1
            plan.comparisons.append(comparison)
            continue
        incoming = _comparison_values(comparison)
        old = tuple(stored[1:5])
        file_wins = _file_wins(choices, "comparison", comparison.key)
        merged, conflict = _merge(old, incoming, file_wins)
        if conflict:
            plan.conflicts.append(
                Conflict(
                    "comparison", comparison.key, old, incoming, *plan.rows.get(comparison.login, ("", 0))
                )
            )
        if all(_close(a, b) for a, b in zip(merged, old, strict=True)):
            continue
        plan.comparisons_changed += 1
        plan.comparisons.append(
            MarkComparison(comparison.login, comparison.procedure, comparison.year, *merged)
        )
    return plan


def _file_wins(choices: ImportChoices, target: str, key: Key) -> bool:
    if choices.on_conflict == ConflictPolicy.PER_RECORD:
        return (target, key) in choices.replace
    return choices.on_conflict != ConflictPolicy.KEEP


def _ids(
    school_ids: dict[str, int],
    procedure_ids: dict[ProcedureKey, int],
    login: str,
    procedure: ProcedureKey,
    year: int,
) -> tuple[int, int, int] | None:
    if login not in school_ids or procedure not in procedure_ids:
        return None
    return (school_ids[login], procedure_ids[procedure], year)


def plan_import(db: Database, reading: FileReading, choices: ImportChoices | None = None) -> ImportPlan:
    """What `apply_import` would do now; writes nothing."""
    with collector_paused(), db.unit_of_work() as uow:
        return _plan(uow, reading, choices or ImportChoices())


def _refuse_unless_clean(reading: FileReading, plan: ImportPlan, choices: ImportChoices) -> None:
    if reading.problems:
        raise FileRejected(reading.file_name, f"Найдено ошибок: {len(reading.problems)}.", reading.problems)
    if not any(sheet.schools or sheet.results or sheet.comparisons for sheet in reading.parsed):
        sheets = ", ".join(f"«{sheet.sheet}»" for sheet in reading.parsed)
        raise FileRejected(
            reading.file_name,
            f"Таблица найдена (лист {sheets}, строка заголовка {reading.parsed[0].header_row}), "
            "но в ней нет ни одной строки с данными.",
        )
    if plan.unknown and not choices.skip_unmatched:
        codes = ", ".join(sorted({u.ref.value for u in plan.unknown}))
        raise FileRejected(
            reading.file_name,
            f"Коды ОО не найдены в базе ни у одной школы: {codes}. Укажите школы в мастере импорта "
            "или повторите с --skip-unmatched, чтобы пропустить эти строки.",
            [CellProblem(u.sheet, u.row, 1, u.ref.value, "код ОО не найден в базе") for u in plan.unknown],
        )
    if plan.conflicts and choices.on_conflict == ConflictPolicy.FAIL:
        shown = [
            CellProblem(
                c.sheet or reading.file_name,
                c.row or 1,
                1,
                c.key[0],
                f"{c.key[1].code} {c.key[2]}: в базе {_text(c.stored)}, в файле {_text(c.incoming)}",
            )
            for c in plan.conflicts
        ]
        raise FileRejected(
            reading.file_name,
            f"Значения в файле расходятся с базой ({len(plan.conflicts)}): выберите, заменять ли их "
            "(--on-conflict replace или keep).",
            shown,
        )


def _text(values: tuple[Any, ...]) -> str:
    return " / ".join("—" if v is None else f"{v:g}" for v in values)


def apply_import(
    db: Database,
    reading: FileReading,
    choices: ImportChoices | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
) -> ImportReport:
    """Write the file's plan in one transaction and record it as a batch; raises FileRejected or Cancelled."""
    choices = choices or ImportChoices()
    layouts = sorted({sheet.layout for sheet in reading.parsed})
    report = ImportReport(
        reading.file_name,
        ", ".join(sheet.sheet for sheet in reading.parsed),
        ", ".join(layouts),
        warnings=[note for sheet in reading.parsed for note in sheet.notes],
    )
    progress(75, 100, "Сравнение с базой…")
    with collector_paused(), db.unit_of_work(write=True) as uow:
        plan = _plan(uow, reading, choices)
        _refuse_unless_clean(reading, plan, choices)
        report.unmatched = sorted({u.ref.value for u in plan.unknown})
        if report.unmatched:
            report.warnings.append(
                f"Пропущены строки школ с кодами ОО, которых нет в базе: {', '.join(report.unmatched)}."
            )
        previous = uow.import_batches.with_hash(reading.sha256)
        if previous:
            report.imported_before = previous[-1].imported_at
        report.schools_new = [login for login, _school in plan.schools_new]
        report.schools_renamed = plan.schools_renamed
        report.procedures_new = plan.procedures_new
        report.results_new, report.results_changed = plan.results_new, plan.results_changed
        report.results_unchanged, report.results_kept = plan.results_unchanged, plan.results_kept
        report.comparisons_new = plan.comparisons_new
        report.comparisons_changed = plan.comparisons_changed
        known_subjects = subject_names()
        for procedure in plan.procedures_new:
            if procedure.subject not in known_subjects:
                report.warnings.append(
                    f"Неизвестный код предмета «{procedure.subject}»: "
                    f"создана новая процедура «{procedure.code}»."
                )
        check_cancel(cancel)
        for layout, mapping in choices.remember:
            uow.imports.mappings.save(
                layout, normalize_text(mapping.header), _mapping_json(mapping), datetime.now()
            )
        if not report.changed_anything and not plan.aliases:
            if choices.remember:
                uow.commit()
            return report
        backup_before_import(db)
        progress(85, 100, "Запись в базу…")
        report.batch_id = _write(uow, reading, plan, report)
        check_cancel(cancel)
        uow.commit()
    progress(100, 100, "Готово")
    return report


def _write(uow: UnitOfWork, reading: FileReading, plan: ImportPlan, report: ImportReport) -> int:
    history = uow.imports.history
    uow.procedures.add_many(plan.procedures_new)
    stored_schools = {s.login: s for s in uow.schools.all()} if plan.schools_renamed else {}
    batch_id = uow.import_batches.add(
        ImportBatch(
            file_name=reading.file_name,
            sha256=reading.sha256,
            imported_at=datetime.now(),
            os_user=os_user_name(),
            schools_new=len(report.schools_new),
            schools_renamed=len(report.schools_renamed),
            results_new=report.results_new,
            results_changed=report.results_changed,
            results_unchanged=report.results_unchanged,
        )
    )
    new_schools = [_new_school(login, school) for login, school in plan.schools_new]
    uow.schools.add_many(new_schools, batch_note(batch_id))
    for login, _old, new in plan.schools_renamed:
        school = stored_schools[login]
        uow.schools.update(
            School(login, new, short_school_name(new), guess_school_kind(new), school.district, school.active)
        )
    uow.session.flush()
    school_ids = history.school_ids()
    procedure_ids = history.procedure_ids()
    for ref, login in plan.aliases:
        uow.imports.identifiers.assign(school_ids[login], ref.kind.value, ref.value)
    changes = PackedChanges()
    for login, school in plan.schools_new:
        changes.add(
            Change("school", school_ids[login], None, None, None, {"login": login, "name": school.name})
        )
    for login, old, new in plan.schools_renamed:
        old_school = stored_schools[login]
        changes.add(
            Change(
                "school",
                school_ids[login],
                None,
                None,
                {"full_name": old, "short_name": old_school.short_name, "kind": old_school.kind.value},
                {
                    "full_name": new,
                    "short_name": short_school_name(new),
                    "kind": guess_school_kind(new).value,
                },
            )
        )
    note = batch_note(batch_id)
    results = [result for result, _wins in plan.results]
    inserts, updates = _split_writes(
        "result",
        results,
        RESULT_FIELDS,
        _values,
        plan.stored_results,
        school_ids,
        procedure_ids,
        changes,
        batch_id,
    )
    history.insert_results(note, inserts)
    history.update_results(note, updates)
    inserts, updates = _split_writes(
        "comparison", plan.comparisons, COMPARISON_FIELDS, _comparison_values, plan.stored_comparisons,
        school_ids, procedure_ids, changes,
    )  # fmt: skip
    history.insert_comparisons(note, inserts)
    history.update_comparisons(note, updates)
    history.add_changes(batch_id, changes.rows())
    history.add_details(
        batch_id,
        "file",
        report.layout,
        report.sheet,
        report.warnings,
        report.results_kept,
        report.comparisons_new + report.comparisons_changed,
    )
    return batch_id


def _new_school(login: str, school: SchoolInFile) -> School:
    name = school.name or (f"ОО с кодом ГИА {school.login}" if school.id_kind == IdKind.GIA_CODE else login)
    return School(login, name, short_school_name(name), guess_school_kind(name), school.territory)


def _split_writes(
    target: str,
    records: Sequence[Any],
    fields: tuple[str, ...],
    values_of: Callable[[Any], tuple[float | int | None, ...]],
    stored: dict[tuple[int, int, int], tuple[Any, ...]],
    school_ids: dict[str, int],
    procedure_ids: dict[ProcedureKey, int],
    changes: PackedChanges,
    batch_id: int | None = None,
) -> tuple[list[tuple[Any, ...]], list[dict[str, Any]]]:
    """Rows to insert (school, procedure, year, `fields`…[, batch]) and rows to update (by id)
    of `records`, each recorded in `changes`.

    With `batch_id` (results), every written row names the batch and a replaced
    value keeps the batch that had written it, so undo gives both back.
    """
    marked: tuple[int, ...] = () if batch_id is None else (batch_id,)
    inserts: list[tuple[Any, ...]] = []
    updates: list[dict[str, Any]] = []
    for record in records:
        school_id, procedure_id, year = school_ids[record.login], procedure_ids[record.procedure], record.year
        values = values_of(record)
        old_row = stored.get((school_id, procedure_id, year))
        old: dict[str, Any] | None = None
        if old_row is None:
            inserts.append((school_id, procedure_id, year, *values, *marked))
        else:
            written = dict(zip(fields, values, strict=True))
            updates.append({"id": old_row[0], **written, **({"import_batch_id": batch_id} if marked else {})})
            old = dict(zip(fields, old_row[1 : 1 + len(fields)], strict=True))
            if marked:
                old["batch"] = old_row[1 + len(fields)]
        changes.add_values(target, school_id, procedure_id, year, fields, values, old)
    return inserts, updates


def import_workbook(
    db: Database,
    path: Path,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
    on_conflict: ConflictPolicy = ConflictPolicy.REPLACE,
    skip_unmatched: bool = False,
) -> ImportReport:
    """Import one file as detected, as the command line does; raises FileRejected or Cancelled."""
    choices = ImportChoices(on_conflict=on_conflict, skip_unmatched=skip_unmatched)
    reading = read_import_file(db, path, choices, progress, cancel)
    return apply_import(db, reading, choices, progress, cancel)
