"""Rows written by `insert_rows` are stored exactly as SQLAlchemy's own insert stores them."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Table, func, insert, select, text

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, School, SchoolKind
from lowres_desktop.storage.audit import audit_table
from lowres_desktop.storage.bulk_insert import REBUILD_INDEXES_FROM, insert_rows
from lowres_desktop.storage.import_repository import CHANGE_COLUMNS
from lowres_desktop.storage.models import ImportBatchRow, ProcedureRow, ResultRow, SchoolRow
from lowres_desktop.storage.models_import import ImportChangeRow
from lowres_desktop.storage.unit_of_work import Database

BATCHES: Table = ImportBatchRow.__table__  # type: ignore[assignment]
CHANGES: Table = ImportChangeRow.__table__  # type: ignore[assignment]
SCHOOLS: Table = SchoolRow.__table__  # type: ignore[assignment]
RESULTS: Table = ResultRow.__table__  # type: ignore[assignment]


def _stored(db: Database, table: str, columns: str) -> list[tuple[object, ...]]:
    """The values as the database holds them (JSON and dates as stored text on SQLite)."""
    with db.unit_of_work() as uow:
        return [tuple(row) for row in uow.session.execute(text(f"SELECT {columns} FROM {table} ORDER BY id"))]


def test_dates_booleans_and_json_are_stored_as_sqlalchemy_stores_them(any_db: Database) -> None:
    when = datetime(2026, 11, 22, 9, 30, 15, 123456)
    batch = ("f.xlsx", "ab" * 32, when, "кадры", 1, 0, 2, 0, 0)
    batch_columns = (
        "file_name",
        "sha256",
        "imported_at",
        "os_user",
        "schools_new",
        "schools_renamed",
        "results_new",
        "results_changed",
        "results_unchanged",
    )
    school = ("sch1", "МБОУ «СОШ № 1»", "СОШ № 1", "СОШ", False)
    school_columns = ("login", "full_name", "short_name", "kind", "active")
    with any_db.unit_of_work() as uow:
        uow.session.execute(insert(BATCHES), [dict(zip(batch_columns, batch, strict=True))])
        insert_rows(uow.session, BATCHES, batch_columns, [batch])
        uow.session.execute(insert(SCHOOLS), [dict(zip(school_columns, school, strict=True))])
        insert_rows(uow.session, SCHOOLS, school_columns, [("sch2", *school[1:])])
        school_id = uow.session.scalar(select(SchoolRow.id).where(SchoolRow.login == "sch1"))
        new = {"fields": ["pct_low"], "changes": [[1, 2024, 12.5]]}
        change_columns = CHANGE_COLUMNS
        for old in (None, {"1/2023": {"pct_low": None, "batch": 3}}):
            change = (1, "results", school_id, None, None, old, new)
            uow.session.execute(insert(CHANGES), [dict(zip(change_columns, change, strict=True))])
            insert_rows(uow.session, CHANGES, change_columns, [change])
        uow.commit()
    core, bulk = _stored(any_db, "import_batches", ", ".join(batch_columns))
    assert core == bulk
    core, bulk = _stored(any_db, "schools", "full_name, short_name, kind, active")
    assert core == bulk
    rows = _stored(any_db, "import_changes", "target, old_values, new_values")
    assert rows[0] == rows[1] and rows[2] == rows[3]
    assert rows[0] != rows[2]
    with any_db.unit_of_work() as uow:
        read = uow.session.scalars(select(ImportChangeRow).order_by(ImportChangeRow.id)).all()
        assert [(r.old_values, r.new_values) for r in read][1::2] == [
            (None, new),
            ({"1/2023": {"pct_low": None, "batch": 3}}, new),
        ]
        assert uow.session.scalar(select(ImportBatchRow.imported_at).where(ImportBatchRow.id == 2)) == when


def test_numbers_into_float_columns_are_stored_as_sqlalchemy_stores_them(any_db: Database) -> None:
    with any_db.unit_of_work() as uow:
        uow.schools.add(School("sch1", "СОШ № 1", "СОШ № 1", SchoolKind.SOSH))
        uow.procedures.add(ProcedureKey(ProcedureKind.VPR, "МА", 5))
        uow.session.flush()
        school_id = uow.session.scalar(select(SchoolRow.id))
        procedure_id = uow.session.scalar(select(ProcedureRow.id))
        columns = ("school_id", "procedure_id", "year", "participants", "pct_low", "pct_high")
        core = (school_id, procedure_id, 2023, 25, 12, 40.5)
        uow.session.execute(insert(RESULTS), [dict(zip(columns, core, strict=True))])
        insert_rows(uow.session, RESULTS, columns, [(school_id, procedure_id, 2024, 25, 12, 40.5)])
        uow.commit()
    rows = _stored(any_db, "results", "participants, pct_low, pct_high")
    assert rows[0] == rows[1] == (25, 12.0, 40.5)
    assert [type(value) for value in rows[1]] == [int, float, float]


def test_a_note_logs_one_audit_entry_and_no_note_logs_none(any_db: Database) -> None:
    columns = ("login", "full_name", "short_name", "kind", "active")
    rows = [(f"sch{n}", f"СОШ № {n}", f"СОШ № {n}", "СОШ", True) for n in range(1200)]
    with any_db.unit_of_work() as uow:
        before = uow.session.scalar(select(func.count()).select_from(audit_table()))
        insert_rows(uow.session, SCHOOLS, columns, rows[:600], "пакет импорта № 7")
        insert_rows(uow.session, SCHOOLS, columns, rows[600:])
        uow.commit()
    with any_db.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(SCHOOLS)) == 1200
        entries = uow.session.execute(select(audit_table())).mappings().all()[before:]
        assert len(entries) == 1
        assert "пакет импорта № 7" in str(dict(entries[0]))


def _result_indexes(db: Database) -> list[tuple[object, ...]]:
    with db.unit_of_work() as uow:
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'results' ORDER BY name"
        )
        return [tuple(row) for row in uow.session.execute(text(query))]


def test_many_rows_into_an_empty_sqlite_table_leave_its_indexes_as_they_were(tmp_path: Path) -> None:
    """The indexes dropped for the rows and built after them are the table's own again, committed or
    rolled back; the UNIQUE constraint holds while the rows go in."""
    db = Database.open(str(tmp_path / "new.sqlite"))
    before = _result_indexes(db)
    assert len([sql for _name, sql in before if sql]) >= 4
    columns = ("school_id", "procedure_id", "year", "participants", "pct_low", "pct_high")
    for duplicated in (True, False):
        with db.unit_of_work(write=True) as uow:
            uow.schools.add(School("sch1", "СОШ № 1", "СОШ № 1", SchoolKind.SOSH))
            for subject in ("МА", "РУ", "ФИ", "ХИ", "БИ", "ИН", "ГЕ", "ИС", "ОБ", "ЛИ"):
                uow.procedures.add(ProcedureKey(ProcedureKind.OGE, subject, None))
            uow.session.flush()
            school_id = uow.session.scalar(select(SchoolRow.id))
            procedures = uow.session.scalars(select(ProcedureRow.id)).all()
            rows = [(school_id, p, year, 25, 12.5, 40.0) for p in procedures for year in range(2000, 2100)]
            assert len(rows) >= REBUILD_INDEXES_FROM
            if duplicated:
                with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
                    insert_rows(uow.session, RESULTS, columns, rows + rows[:1])
                continue
            insert_rows(uow.session, RESULTS, columns, rows)
            uow.commit()
        assert _result_indexes(db) == before
    assert _stored(db, "results", "count(*)") == [(len(rows),)]
    db.close()
