"""The audit log and optimistic locking, once for every table, through session events.

Every feature writes through a unit of work; listening on its session factory
records each change (who, when, what, old and new value) in the same
transaction as the change itself, so no feature has to remember to log, and
a rolled-back action leaves no log either. ORM flushes are covered by
`after_flush`; bulk `update()`/`delete()` statements run through the session
by `do_orm_execute` (the affected rows are read first). Deletes the database
cascades by itself are covered by the logged delete of their parent.

A bulk statement that already leaves its own record of every value (an
import batch keeps each old and new value for undo) passes `bulk_note()` as
its execution options: the log then keeps one entry for the statement, naming
that record and the number of rows, instead of copying tens of thousands of
values a second time.

Locking: tables with a `version` column map it as SQLAlchemy's
`version_id_col`, so an UPDATE of a row that changed since it was read in
the same transaction fails. An editor that showed a row minutes ago passes
the version it showed through `expect_version`; if the row has been changed
since, the flush is refused with `EditConflict`, naming who changed it last
and when (from this log).
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Result, Table, event, insert, inspect, select
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, UOWTransaction, object_mapper, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from lowres_desktop.domain.errors import DomainError

_EXPECTED = "lowres_expected_versions"
_BULK_NOTE = "lowres_audit_bulk_note"
_RECORDER = "lowres_audit_recorder"
_MAX_TEXT = 1000

_log = logging.getLogger(__name__)


class EditConflict(DomainError):
    """Someone else saved the same record after this user opened it."""


def audit_table() -> Table:
    """The log's table, its model imported at the first change or read of the log.

    Every session factory has the recorder, but a command that only reads
    (`lowres flag`) then never defines and configures the model's mapper.
    """
    from lowres_desktop.storage.models_office import AuditEntryRow

    return AuditEntryRow.__table__  # type: ignore[return-value]


def os_user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "неизвестен"


def value_text(value: object) -> str | None:
    """A stored value as the log keeps it."""
    if value is None:
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<файл, {len(bytes(value))} байт>"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        value = value.value
    text = str(value)
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def bulk_note(record: str) -> dict[str, str]:
    """Execution options for a bulk statement whose values `record` (shown in the log) keeps itself."""
    return {_BULK_NOTE: record}


def log_bulk(session: Session, action: str, table: Table, note: str, count: int) -> None:
    """One entry for rows a repository wrote past the session (straight to the driver, for speed)."""
    recorder = session.info.get(_RECORDER)
    if recorder is not None:
        recorder.log_bulk(session, action, table, note, count)


def _audited(table: Table) -> bool:
    return table.name != audit_table().name


def _row_key(values: Iterable[object]) -> str:
    return ",".join(str(value) for value in values)


def _summary(values: dict[str, object]) -> str:
    return "; ".join(f"{name}={value_text(value)}" for name, value in values.items() if value is not None)


def _object_values(mapper: Mapper[Any], obj: object, committed: bool = False) -> dict[str, object]:
    state = inspect(obj)
    values: dict[str, object] = {}
    for attr in mapper.column_attrs:
        if committed:
            history = state.attrs[attr.key].history
            value = (history.deleted or history.unchanged or [None])[0]
        else:
            value = state.dict.get(attr.key)
        values[attr.columns[0].name] = value
    return values


def expect_version(session: Session, row: object, version: int) -> None:
    """Refuse to save `row` if its stored version is no longer `version` (what the editor showed)."""
    mapper = object_mapper(row)
    key = (mapper.local_table.name, _row_key(mapper.primary_key_from_instance(row)))
    session.info.setdefault(_EXPECTED, {})[key] = version


def last_change(session: Session, table_name: str, row_key: str) -> tuple[str, datetime] | None:
    log = audit_table()
    found = (
        session.connection()
        .execute(
            select(log.c.user_name, log.c.changed_at)
            .where(log.c.table_name == table_name, log.c.row_key == row_key)
            .order_by(log.c.id.desc())
            .limit(1)
        )
        .first()
    )
    return (found[0], found[1]) if found else None


def conflict(session: Session, table_name: str, row_key: str) -> EditConflict:
    change = last_change(session, table_name, row_key)
    who = f"{change[0]} {change[1]:%d.%m.%Y в %H:%M}" if change else "другой пользователь"
    return EditConflict(
        f"Эту запись уже изменил(а) {who}, пока она была открыта у вас. Ваши изменения не "
        "сохранены и остались в окне: перепишите или скопируйте их, обновите данные и внесите "
        "их снова поверх новой версии."
    )


class AuditRecorder:
    """Listens on one session factory; `user` names who is working (OS user or a chosen name)."""

    def __init__(self, user: Callable[[], str]) -> None:
        self._user = user

    def install(self, factory: sessionmaker[Session]) -> None:
        factory.configure(info={_RECORDER: self})
        event.listen(factory, "before_flush", self._before_flush)
        event.listen(factory, "after_flush", self._after_flush)
        event.listen(factory, "do_orm_execute", self._on_execute)

    def _entry(
        self, action: str, table: str, key: str, field: str | None, old: object, new: object
    ) -> dict[str, object]:
        return {
            "changed_at": datetime.now(),
            "user_name": self._user(),
            "action": action,
            "table_name": table,
            "row_key": key,
            "field": field,
            "old_value": value_text(old),
            "new_value": value_text(new),
        }

    def _before_flush(self, session: Session, _context: UOWTransaction, _instances: object) -> None:
        expected: dict[tuple[str, str], int] = session.info.get(_EXPECTED, {})
        if not expected:
            return
        for obj in list(session.dirty) + list(session.deleted):
            mapper = object_mapper(obj)
            if mapper.version_id_col is None:
                continue
            if obj in session.dirty and not session.is_modified(obj, include_collections=False):
                continue
            key = (mapper.local_table.name, _row_key(mapper.primary_key_from_instance(obj)))
            wanted = expected.pop(key, None)
            stored = mapper.get_property_by_column(mapper.version_id_col).key
            if wanted is not None and getattr(obj, stored) != wanted:
                raise conflict(session, *key)

    def _after_flush(self, session: Session, _context: UOWTransaction) -> None:
        entries: list[dict[str, object]] = []
        for obj in session.new:
            mapper = object_mapper(obj)
            if _audited(mapper.local_table):
                key = _row_key(mapper.primary_key_from_instance(obj))
                summary = _summary(_object_values(mapper, obj))
                entries.append(self._entry("insert", mapper.local_table.name, key, None, None, summary))
        for obj in session.dirty:
            mapper = object_mapper(obj)
            if not _audited(mapper.local_table):
                continue
            state = inspect(obj)
            key = _row_key(mapper.primary_key_from_instance(obj))
            for attr in mapper.column_attrs:
                column = attr.columns[0]
                if column is mapper.version_id_col:
                    continue
                history = state.attrs[attr.key].history
                if not history.added:
                    continue
                old = history.deleted[0] if history.deleted else None
                if old == history.added[0] and history.deleted:
                    continue
                entries.append(
                    self._entry("update", mapper.local_table.name, key, column.name, old, history.added[0])
                )
        for obj in session.deleted:
            mapper = object_mapper(obj)
            if _audited(mapper.local_table):
                key = _row_key(mapper.primary_key_from_instance(obj))
                summary = _summary(_object_values(mapper, obj, committed=True))
                entries.append(self._entry("delete", mapper.local_table.name, key, None, summary, None))
        if entries:
            session.connection().execute(insert(audit_table()), entries)

    def _on_execute(self, state: ORMExecuteState) -> Result[Any] | None:
        if not (state.is_insert or state.is_update or state.is_delete):
            return None
        statement = state.statement
        table = statement.table  # type: ignore[attr-defined]
        if not isinstance(table, Table) or not _audited(table):
            return None
        many = state.parameters if isinstance(state.parameters, list) else None
        note = state.execution_options.get(_BULK_NOTE)
        if note is not None:
            action = "insert" if state.is_insert else "update" if state.is_update else "delete"
            if many is None:
                result = state.invoke_statement()
                self.log_bulk(state.session, action, table, note, result.rowcount)  # type: ignore[attr-defined]
                return result
            entries = [self._bulk_entry(action, table.name, note, len(many))]
        elif state.is_insert:
            entries = [self._inserted(table, values) for values in many or [state.parameters or {}]]
        elif many is not None and statement.whereclause is None:  # type: ignore[attr-defined]
            entries = self._updated_by_key(state.session, table, many)
        else:
            entries = self._changed_where(state, table)
        if entries:
            state.session.connection().execute(insert(audit_table()), entries)
        return None

    def _bulk_entry(self, action: str, table: str, note: str, count: int) -> dict[str, object]:
        summary = f"{count} записей; было и стало для каждой — в журнале импорта ({note})"
        return self._entry(action, table, note, None, None, summary)

    def log_bulk(self, session: Session, action: str, table: Table, note: str, count: int) -> None:
        entry = self._bulk_entry(action, table.name, note, count)
        session.connection().execute(insert(audit_table()), [entry])

    def _inserted(self, table: Table, values: dict[str, object]) -> dict[str, object]:
        key = _row_key(values.get(column.name, "") for column in table.primary_key.columns)
        return self._entry("insert", table.name, key, None, None, _summary(dict(values)))

    def _updated_by_key(
        self, session: Session, table: Table, many: list[dict[str, Any]]
    ) -> list[dict[str, object]]:
        """An ORM bulk UPDATE by primary key: one parameter set per row."""
        (primary,) = table.primary_key.columns
        entries = []
        for start in range(0, len(many), 500):
            chunk = many[start : start + 500]
            ids = [values[primary.name] for values in chunk]
            old = {
                row[primary.name]: row
                for row in session.connection().execute(select(table).where(primary.in_(ids))).mappings()
            }
            for values in chunk:
                before = old.get(values[primary.name], {})
                for name, new in values.items():
                    if name != primary.name and before.get(name) != new:
                        key = str(values[primary.name])
                        entries.append(self._entry("update", table.name, key, name, before.get(name), new))
        return entries

    def _changed_where(self, state: ORMExecuteState, table: Table) -> list[dict[str, object]]:
        """An UPDATE or DELETE with a WHERE clause: the affected rows are read first."""
        statement = state.statement
        query = select(table)
        if statement.whereclause is not None:  # type: ignore[attr-defined]
            query = query.where(statement.whereclause)  # type: ignore[attr-defined]
        rows = state.session.connection().execute(query).mappings().all()
        keys = [column.name for column in table.primary_key.columns]
        entries = []
        for row in rows:
            key = _row_key(row[name] for name in keys)
            if state.is_delete:
                entries.append(self._entry("delete", table.name, key, None, _summary(dict(row)), None))
                continue
            for column, new in statement._values.items():  # type: ignore[attr-defined]
                name = getattr(column, "name", str(column))
                new_value = getattr(new, "value", new)
                if row.get(name) != new_value:
                    entries.append(self._entry("update", table.name, key, name, row.get(name), new_value))
        return entries


def stale_conflict(session: Session, error: StaleDataError) -> EditConflict:
    """The same refusal when the row changed between reading and writing inside one transaction."""
    session.rollback()
    _log.info("stale row: %s", error)
    return EditConflict(
        "Запись изменил другой пользователь в тот же момент. Ваши изменения не сохранены и остались "
        "в окне: обновите данные и внесите их снова."
    )
