"""Use cases of the import history: list the batches, undo one, edit a result by hand.

Every import and every hand edit is a batch with the values it replaced.
Undo restores exactly those values, in one transaction, and only while
nothing later has changed the same records: otherwise it names the later
batches to undo first, so no one's work is silently lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.records import ProcedureKey
from lowres_desktop.importing.values import BadValue, parse_count, parse_percent
from lowres_desktop.storage.audit import conflict, os_user_name
from lowres_desktop.storage.import_changes import Change, pack
from lowres_desktop.storage.import_repository import (
    COMPARISON_FIELDS,
    RESULT_FIELDS,
    SCHOOL_FIELDS,
    BatchSummary,
    StoredRow,
    undo_note,
)
from lowres_desktop.storage.models import ResultRow
from lowres_desktop.storage.repositories import ImportBatch
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork
from lowres_desktop.wording.common import format_number

_EPSILON = 1e-9
MANUAL_FILE_NAME = "Правка вручную"


def import_history(db: Database) -> list[BatchSummary]:
    """Every batch, newest first."""
    with db.unit_of_work() as uow:
        return uow.imports.history.batches()


@dataclass(frozen=True)
class UndoReport:
    batch_id: int
    file_name: str
    results_restored: int
    results_removed: int
    comparisons_restored: int
    schools_removed: int
    schools_renamed_back: int


def _same(current: object, expected: object) -> bool:
    if isinstance(current, int | float) and isinstance(expected, int | float):
        return abs(current - expected) < _EPSILON
    return current == expected


@dataclass(frozen=True)
class BatchValue:
    """One record a batch wrote, as the history shows it: what it was before and what the batch made it."""

    what: str
    login: str
    school: str
    procedure: str
    year: int | None
    was: str
    became: str


_TARGET_TITLES = {"result": "результат", "comparison": "сравнение отметок", "school": "школа"}
_VALUE_TITLES = {
    "participants": "участников",
    "pct_low": "% «2»",
    "pct_high": "% высоких",
    "lowered_pct": "понизили, %",
    "confirmed_pct": "подтвердили, %",
    "raised_pct": "повысили, %",
    "login": "логин",
    "name": "название",
    "full_name": "название",
}


def _values_text(values: dict[str, object] | None) -> str:
    """«участников: 48; % «2»: 12,5; % высоких: —», or «—» when the record did not exist."""
    if values is None:
        return "—"
    shown = []
    for name, title in _VALUE_TITLES.items():
        if name not in values:
            continue
        value = values[name]
        if name in ("name", "full_name"):
            shown.append(str(value))
        elif value is None or isinstance(value, int | float):
            shown.append(f"{title}: {format_number(value, 2)}")
        else:
            shown.append(f"{title}: {value}")
    return "; ".join(shown)


def batch_values(db: Database, batch_id: int) -> list[BatchValue]:
    """Every value batch `batch_id` wrote, with the one it replaced: what the audit log points to."""
    with db.unit_of_work() as uow:
        history = uow.imports.history
        if history.batch(batch_id) is None:
            raise DomainError(f"Пакета импорта № {batch_id} нет в журнале.")
        changes = history.changes(batch_id)
        logins = {id_: login for login, id_ in history.school_ids().items()}
        codes = {id_: key.code for key, id_ in history.procedure_ids().items()}
        names = {school.login: school.full_name for school in uow.schools.all()}
    values = []
    for change in changes:
        login = logins.get(change.school_id, "")
        values.append(
            BatchValue(
                _TARGET_TITLES.get(change.target, change.target),
                login,
                names.get(login, "школа удалена"),
                codes.get(change.procedure_id, "") if change.procedure_id is not None else "",
                change.year,
                _values_text(change.old),
                _values_text(change.new),
            )
        )
    values.sort(key=lambda v: (v.what != "школа", v.login, v.procedure, v.year or 0))
    return values


def undo_batch(db: Database, batch_id: int) -> UndoReport:
    """Restore what batch `batch_id` replaced; raises DomainError (nothing written) when it cannot."""
    return db.run_write(lambda uow: _undo_batch(uow, batch_id))


def _undo_batch(uow: UnitOfWork, batch_id: int) -> UndoReport:
    history = uow.imports.history
    batch = history.batch(batch_id)
    if batch is None:
        raise DomainError(f"Пакета импорта № {batch_id} нет в журнале.")
    if batch.undone_at is not None:
        raise DomainError(
            f"Пакет № {batch_id} («{batch.file_name}») уже отменён {batch.undone_at:%d.%m.%Y %H:%M}."
        )
    changes = history.changes(batch_id)
    later = history.later_batches_touching(batch_id, changes)
    if later:
        numbers = ", ".join(f"№ {n}" for n in later)
        raise DomainError(
            f"Пакет № {batch_id} нельзя отменить: те же значения позже изменили пакеты {numbers}. "
            "Сначала отмените их (от последнего к первому)."
        )
    if not changes and batch.kind == "file" and batch.results_new + batch.results_changed > 0:
        raise DomainError(
            f"Пакет № {batch_id} импортирован до появления журнала изменений: отменить его нельзя."
        )
    report = _undo(uow, batch_id, batch.file_name, changes)
    history.mark_undone(batch_id, datetime.now(), os_user_name())
    uow.commit()
    return report


def _undo(uow: UnitOfWork, batch_id: int, file_name: str, changes: list[Change]) -> UndoReport:
    """Check every value the batch wrote is still there, then restore and delete in bulk.

    A region's batch holds tens of thousands of values: one query and one ORM object per
    value took ten seconds, so the stored values are read per school and written back by
    statements covering many rows (the audit log names the batch once per statement).
    """
    history = uow.imports.history
    note = undo_note(batch_id)
    results = [c for c in changes if c.target == "result"]
    comparisons = [c for c in changes if c.target == "comparison"]
    schools = sorted({c.school_id for c in results + comparisons})
    stored_results = history.stored_results(schools) if results else {}
    stored_comparisons = history.stored_comparisons(schools) if comparisons else {}
    restored_results: list[dict[str, Any]] = []
    for change in results:
        stored = _still_written(batch_id, change, RESULT_FIELDS, stored_results)
        if change.old is not None:
            old = {name: change.old.get(name) for name in RESULT_FIELDS}
            restored_results.append({"id": stored.id, **old, "import_batch_id": change.old.get("batch")})
    restored_comparisons: list[dict[str, Any]] = []
    removed_comparisons: list[int] = []
    for change in comparisons:
        stored = _still_written(batch_id, change, COMPARISON_FIELDS, stored_comparisons)
        if change.old is None:
            removed_comparisons.append(stored.id)
        else:
            old = {name: change.old.get(name) for name in COMPARISON_FIELDS}
            restored_comparisons.append({"id": stored.id, **old})
    history.update_results(note, restored_results)
    removed = history.delete_batch_results(batch_id, note)
    if removed != sum(1 for c in results if c.old is None):
        raise DomainError(
            f"Пакет № {batch_id} нельзя отменить: записанные им результаты с тех пор изменены не через "
            "импорт. Ничего не изменено."
        )
    history.update_comparisons(note, restored_comparisons)
    history.delete_comparisons(removed_comparisons, note)
    renamed = 0
    created: list[int] = []
    for change in changes:
        if change.target != "school" or (school := history.school(change.school_id)) is None:
            continue
        if change.old is None:
            created.append(change.school_id)
        elif school.full_name == change.new.get("full_name"):
            for name in SCHOOL_FIELDS:
                setattr(school, name, change.old[name])
            renamed += 1
    uow.session.flush()
    keep = history.schools_with_data(created)
    gone = [school_id for school_id in created if school_id not in keep]
    history.delete_schools(gone, note)
    return UndoReport(
        batch_id,
        file_name,
        len(restored_results),
        removed,
        len(restored_comparisons) + len(removed_comparisons),
        len(gone),
        renamed,
    )


def _key(change: Change) -> tuple[int, int, int]:
    assert change.procedure_id is not None and change.year is not None
    return (change.school_id, change.procedure_id, change.year)


def _still_written(
    batch_id: int,
    change: Change,
    fields: tuple[str, ...],
    stored: dict[tuple[int, int, int], StoredRow],
) -> StoredRow:
    """The stored row when it still holds what the batch wrote; refuses otherwise."""
    row = stored.get(_key(change))
    if row is None or not all(
        _same(value, change.new.get(name)) for name, value in zip(fields, row.values, strict=True)
    ):
        raise DomainError(
            f"Пакет № {batch_id} нельзя отменить: значение, которое он записал, с тех пор изменено "
            "не через импорт. Ничего не изменено."
        )
    return row


@dataclass(frozen=True)
class ResultEdit:
    """New values typed by hand (numbers, or text as typed: «12,5»); None clears a value."""

    login: str
    procedure: ProcedureKey
    year: int
    participants: int | str | None
    pct_low: float | str | None
    pct_high: float | str | None
    shown: tuple[int | None, float | None, float | None] | None
    """What the editor showed (participants, % «2», % high), None if there was no result: a save
    over values someone has changed since is refused, so no one's correction is silently lost."""


def _checked(edit: ResultEdit) -> dict[str, float | int | None]:
    try:
        values = {
            "participants": parse_count(edit.participants),
            "pct_low": parse_percent(edit.pct_low),
            "pct_high": parse_percent(edit.pct_high),
        }
    except BadValue as error:
        raise DomainError(f"Значение не принято: {error}.") from error
    low, high = values["pct_low"], values["pct_high"]
    if low is not None and high is not None and low + high > 100 + _EPSILON:
        raise DomainError("% «2» и % высоких результатов вместе не могут быть больше 100.")
    return values


def _same_shown(stored: tuple[object, ...] | None, shown: tuple[object, ...] | None) -> bool:
    if stored is None or shown is None:
        return stored is shown
    return all(_same(a, b) for a, b in zip(stored, shown, strict=True))


def edit_result(db: Database, edit: ResultEdit) -> int | None:
    """Store a hand-edited result as a batch of its own (so it can be undone); None if nothing changed."""
    values = _checked(edit)
    return db.run_write(lambda uow: _store_edit(uow, edit, values))


def _store_edit(uow: UnitOfWork, edit: ResultEdit, values: dict[str, float | int | None]) -> int | None:
    history = uow.imports.history
    school_ids = history.school_ids()
    if edit.login not in school_ids:
        raise DomainError(f"Школы с логином {edit.login} нет в базе.")
    procedure_ids = history.procedure_ids()
    if edit.procedure not in procedure_ids:
        uow.procedures.add(edit.procedure)
        uow.session.flush()
        procedure_ids = history.procedure_ids()
    school_id, procedure_id = school_ids[edit.login], procedure_ids[edit.procedure]
    row = history.current_result(school_id, procedure_id, edit.year)
    old = None if row is None else {name: getattr(row, name) for name in RESULT_FIELDS}
    stored = None if old is None else tuple(old.values())
    if not _same_shown(stored, edit.shown):
        raise conflict(uow.session, ResultRow.__tablename__, str(row.id) if row is not None else "")
    if old is not None and all(_same(old[name], values[name]) for name in RESULT_FIELDS):
        return None
    batch_id = uow.import_batches.add(
        ImportBatch(
            file_name=f"{MANUAL_FILE_NAME}: {edit.login}, {edit.procedure.code}, {edit.year}",
            sha256="",
            imported_at=datetime.now(),
            os_user=os_user_name(),
            schools_new=0,
            schools_renamed=0,
            results_new=int(row is None),
            results_changed=int(row is not None),
            results_unchanged=0,
        )
    )
    if row is None:
        row = ResultRow(school_id=school_id, procedure_id=procedure_id, year=edit.year)
        history.add_row(row)
    else:
        assert old is not None
        old["batch"] = row.import_batch_id
    for name in RESULT_FIELDS:
        setattr(row, name, values[name])
    row.import_batch_id = batch_id
    history.add_changes(batch_id, pack([Change("result", school_id, procedure_id, edit.year, old, values)]))
    history.add_details(batch_id, "manual", "", "", [], 0, 0)
    uow.commit()
    return batch_id
