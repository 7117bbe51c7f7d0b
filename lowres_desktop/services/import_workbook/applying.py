"""Step four of an import: the plan written in one transaction per file, as a batch that can be undone.

`apply_all` is the one loop over files that the wizard and the command line
both run: each file in its own transaction, a refused file does not stop the
others, a cancel stops before the next file and says which were not reached.
A file with any cell that cannot be understood is refused whole; a file that
changes nothing writes nothing and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.merge import ConflictPolicy
from lowres_desktop.domain.records import ProcedureKey, School
from lowres_desktop.domain.schools import guess_school_kind, short_school_name
from lowres_desktop.importing.parsed import IdKind, SchoolInFile
from lowres_desktop.importing.problems import CellProblem, FileRejected
from lowres_desktop.importing.values import normalize_text
from lowres_desktop.importing.workbook_reader import WorkbookFile, read_file
from lowres_desktop.services.backups import backup_before_import
from lowres_desktop.services.collector import collector_paused
from lowres_desktop.services.import_workbook.choices import ImportChoices
from lowres_desktop.services.import_workbook.planning import (
    ImportPlan,
    Rename,
    build_plan,
    comparison_values,
    result_values,
)
from lowres_desktop.services.import_workbook.reading import (
    HAND,
    FileReading,
    hand_mapping_json,
    mapping_json,
    read_import_file,
)
from lowres_desktop.services.progress import (
    CancelCheck,
    Cancelled,
    ProgressCallback,
    check_cancel,
    never_cancel,
    no_progress,
)
from lowres_desktop.storage.audit import os_user_name
from lowres_desktop.storage.import_changes import Change, PackedChanges
from lowres_desktop.storage.import_repository import COMPARISON_FIELDS, RESULT_FIELDS, StoredRow, batch_note
from lowres_desktop.storage.repositories import ImportBatch
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork
from lowres_desktop.wording.reference import subject_names


@dataclass
class ImportReport:
    file_name: str
    sheet: str = ""
    layout: str = ""
    schools_new: list[str] = field(default_factory=list)
    schools_renamed: list[Rename] = field(default_factory=list)
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


@dataclass(frozen=True)
class FileJob:
    """One file to import: already read and chosen for (the wizard), or only a path (the command line)."""

    path: Path
    choices: ImportChoices = field(default_factory=ImportChoices)
    reading: FileReading | None = None


@dataclass(frozen=True)
class FileOutcome:
    """One file's fate: a report, the rejection message, or not reached because of a cancel."""

    path: Path
    report: ImportReport | None = None
    error: DomainError | None = None
    """Why the file was refused (nothing of it written)."""
    cancelled: bool = False

    @property
    def rejection(self) -> str | None:
        return None if self.error is None else str(self.error)


def apply_all(
    db: Database,
    files: Sequence[FileJob],
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
    read: Callable[[Path], WorkbookFile] = read_file,
) -> list[FileOutcome]:
    """Import each file in its own transaction, in order; a refused file does not stop the others.

    A file not read yet is read by `read` (see `read_import_file`).
    """
    outcomes: list[FileOutcome] = []
    for number, job in enumerate(files):

        def file_progress(
            done: int, total: int, message: str, number: int = number, job: FileJob = job
        ) -> None:
            share = done / total if total else 0.0
            prefix = f"«{job.path.name}» ({number + 1} из {len(files)}): " if len(files) > 1 else ""
            progress(round(100 * (number + share)), 100 * len(files), prefix + message)

        try:
            reading = job.reading or read_import_file(db, job.path, job.choices, file_progress, cancel, read)
            report = apply_import(db, reading, job.choices, file_progress, cancel)
        except Cancelled:
            outcomes += [FileOutcome(j.path, cancelled=True) for j in files[number:]]
            break
        except DomainError as error:
            outcomes.append(FileOutcome(job.path, error=error))
        else:
            outcomes.append(FileOutcome(job.path, report=report))
    return outcomes


def import_workbook(
    db: Database,
    path: Path,
    progress: ProgressCallback = no_progress,
    cancel: CancelCheck = never_cancel,
    on_conflict: ConflictPolicy = ConflictPolicy.REPLACE,
    skip_unmatched: bool = False,
) -> ImportReport:
    """Import one file as detected; raises FileRejected or Cancelled."""
    choices = ImportChoices(on_conflict=on_conflict, skip_unmatched=skip_unmatched)
    reading = read_import_file(db, path, choices, progress, cancel)
    return apply_import(db, reading, choices, progress, cancel)


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
            f"Коды ОО не найдены в базе ни у одной школы: {codes}. Укажите школы в программе "
            "(Файл → Импорт результатов…) или повторите с --skip-unmatched, чтобы пропустить эти строки.",
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
    """Write the file's plan in one transaction and record it as a batch; raises FileRejected or Cancelled.

    The plan is made inside the write: a retry after a busy database plans again from what the
    other writer committed.
    """
    choices = choices or ImportChoices()
    progress(75, 100, "Сравнение с базой…")
    with collector_paused():
        report = db.run_write(lambda uow: _apply(db, uow, reading, choices, progress, cancel))
    progress(100, 100, "Готово")
    return report


def _apply(
    db: Database,
    uow: UnitOfWork,
    reading: FileReading,
    choices: ImportChoices,
    progress: ProgressCallback,
    cancel: CancelCheck,
) -> ImportReport:
    layouts = sorted({sheet.layout for sheet in reading.parsed})
    report = ImportReport(
        reading.file_name,
        ", ".join(sheet.sheet for sheet in reading.parsed),
        ", ".join(layouts),
        warnings=[note for sheet in reading.parsed for note in sheet.notes],
    )
    plan = build_plan(uow, reading, choices)
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
                f"Неизвестный код предмета «{procedure.subject}»: создана новая процедура «{procedure.code}»."
            )
    check_cancel(cancel)
    for layout, mapping in choices.remember:
        header = normalize_text(mapping.header)
        uow.imports.mappings.save(layout, header, mapping_json(mapping), datetime.now())
    if choices.remember_sheet is not None:
        hand = choices.remember_sheet
        uow.imports.mappings.save(HAND, hand.header, hand_mapping_json(hand), datetime.now())
    if not report.changed_anything and not plan.aliases:
        if choices.remember or choices.remember_sheet:
            uow.commit()
        return report
    backup_before_import(db)
    progress(85, 100, "Запись в базу…")
    report.batch_id = _write(uow, reading, plan, report)
    check_cancel(cancel)
    uow.commit()
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
    created = uow.schools.add_many(new_schools, batch_note(batch_id))
    if len(created) < len(new_schools):  # the rest another program created meanwhile: not this batch's
        report.schools_new = [login for login in report.schools_new if login in created]
        uow.import_batches.set_schools_new(batch_id, len(created))
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
        if login not in created:
            continue  # another writer's school: its batch records it, and its undo removes it
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
    inserts, updates = _split_writes(
        "result",
        plan.results,
        RESULT_FIELDS,
        result_values,
        plan.stored_results,
        school_ids,
        procedure_ids,
        changes,
        batch_id,
    )
    history.insert_results(note, inserts)
    history.update_results(note, updates)
    inserts, updates = _split_writes(
        "comparison", plan.comparisons, COMPARISON_FIELDS, comparison_values, plan.stored_comparisons,
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
    stored: dict[tuple[int, int, int], StoredRow],
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
            updates.append({"id": old_row.id, **written, **({"import_batch_id": batch_id} if marked else {})})
            old = dict(zip(fields, old_row.values, strict=True))
            if marked:
                old["batch"] = old_row.batch
        changes.add_values(target, school_id, procedure_id, year, fields, values, old)
    return inserts, updates
