"""Many rows into one table in one statement, straight to the SQLite driver where the database is SQLite.

A region's file writes tens of thousands of results and a change record per
school; SQLAlchemy's per-row parameter handling of an executemany cost as
much as SQLite's own work. On SQLite the rows go to the driver as tuples,
through the columns' own bind processors (JSON, dates, booleans) so that
what is stored is what SQLAlchemy would store; other databases get the Core
statement.

Into an empty SQLite table (the first import of a region into a new
database) the table's own indexes are dropped and created again after the
rows, in the same transaction: building an index over the rows at once
costs less than placing each row into five B-trees one after another (a
third of writing a region's results).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Float, Table, insert
from sqlalchemy.orm import Session

from lowres_desktop.storage.audit import bulk_note, log_bulk


def insert_rows(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    note: str | None = None,
) -> None:
    """Insert `rows` (values in the order of `columns`) in the session's transaction.

    With `note`, the audit log gets one entry naming the record that keeps the rows'
    values; without, the rows are not logged (they are themselves such a record).
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        values = [dict(zip(columns, row, strict=True)) for row in rows]
        if note is None:
            connection.execute(insert(table), values)
        else:
            session.execute(insert(table), values, execution_options=bulk_note(note))
        return
    processors = [
        (index, processor)
        for index, name in enumerate(columns)
        if not isinstance(table.c[name].type, Float)
        and (processor := table.c[name].type.bind_processor(dialect)) is not None
    ]
    if processors:
        rows = [_processed(row, processors) for row in rows]
    driver = connection.connection.driver_connection
    cursor = driver.cursor()  # type: ignore[union-attr]
    try:
        # Only inside the open transaction: a DROP before it would be committed on its own.
        rebuilt = _indexes_to_rebuild(cursor, table.name, len(rows)) if driver.in_transaction else []  # type: ignore[union-attr]
        for name, _sql in rebuilt:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.executemany(
            f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            rows,
        )
        for _name, sql in rebuilt:
            cursor.execute(sql)
    finally:
        cursor.close()
    if note is not None:
        log_bulk(session, "insert", table, note, len(rows))


REBUILD_INDEXES_FROM = 1000
"""Rows into an empty table from which its indexes are built after the rows rather than row by row."""


def _indexes_to_rebuild(cursor: Any, table_name: str, count: int) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's own indexes when it is empty and gets many rows.

    The indexes of UNIQUE and PRIMARY KEY constraints (no statement of their
    own) stay: they belong to the table's definition.
    """
    if count < REBUILD_INDEXES_FROM or cursor.execute(f'SELECT 1 FROM "{table_name}" LIMIT 1').fetchone():
        return []
    return cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table_name,),
    ).fetchall()


def _processed(row: tuple[Any, ...], processors: list[tuple[int, Any]]) -> tuple[Any, ...]:
    values = list(row)
    for index, processor in processors:
        values[index] = processor(values[index])
    return tuple(values)
