"""The database refuses what the import refuses, for every writer, the same on SQLite and PostgreSQL
(revision i14_value_bounds), and an old database with such rows is upgraded to fit."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DataError, IntegrityError

from lowres_desktop.storage.migrations import alembic_config, upgrade_to_head
from lowres_desktop.storage.unit_of_work import Database

SCHOOL = (
    "INSERT INTO schools (login, full_name, short_name, kind, active, version) "
    "VALUES (:login, :name, :short, 'school', true, 1)"
)


def _insert_school(db: Database, login: str, name: str = "СОШ № 1", short: str = "СОШ № 1") -> None:
    with db.engine.begin() as connection:
        connection.execute(text(SCHOOL), {"login": login, "name": name, "short": short})


@pytest.mark.parametrize(
    ("login", "name", "short"),
    [
        ("=1+2", "СОШ", "СОШ"),
        ("@sch1", "СОШ", "СОШ"),
        ("sch 1", "СОШ", "СОШ"),
        ("s" * 65, "СОШ", "СОШ"),
        ("sch1", "Я" * 501, "СОШ"),
        ("sch1", "СОШ", "Я" * 201),
    ],
)
def test_schools_out_of_bounds_are_refused(database_target: str, login: str, name: str, short: str) -> None:
    db = Database.open(database_target)
    try:
        # PostgreSQL's VARCHAR refuses an over-long value itself (DataError); the CHECK does it on SQLite.
        with pytest.raises((IntegrityError, DataError)):
            _insert_school(db, login, name, short)
        _insert_school(db, "sch420220", "Я" * 500, "Я" * 200)
    finally:
        db.close()


def test_participants_past_100000_and_a_second_procedure_without_grade_are_refused(
    database_target: str,
) -> None:
    db = Database.open(database_target)
    try:
        _insert_school(db, "sch1")
        procedure = text("INSERT INTO procedures (kind, subject, grade) VALUES ('ОГЭ', 'РУ', NULL)")
        with db.engine.begin() as connection:
            connection.execute(procedure)
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(procedure)
        result = (
            "INSERT INTO results (school_id, procedure_id, year, participants, version) "
            "SELECT s.id, p.id, 2025, :n, 1 FROM schools s, procedures p"
        )
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(text(result), {"n": 100_001})
        with db.engine.begin() as connection:
            connection.execute(text(result), {"n": 100_000})
    finally:
        db.close()


def test_an_old_database_with_such_rows_is_upgraded_to_fit(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "i3_import_history")
        command.upgrade(config, "i3_results_year_index")
        command.upgrade(config, "i8_issued_documents")
        command.upgrade(config, "i7_office")
        command.upgrade(config, "i7_office_roadmaps")
    engine.dispose()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(
            "INSERT INTO schools (id, login, full_name, short_name, kind, active) "
            "VALUES (1, '=HYPERLINK(1)', ?, 'СОШ', 'school', 1)",
            ("Я" * 700,),
        )
        connection.execute("INSERT INTO procedures (id, kind, subject, grade) VALUES (1, 'ОГЭ', 'РУ', NULL)")
        connection.execute(
            "INSERT INTO results (school_id, procedure_id, year, participants) "
            "VALUES (1, 1, 2025, 3000000000)"
        )
        connection.commit()
    upgrade_to_head(f"sqlite:///{path}")
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT login, length(full_name) FROM schools").fetchone() == (
            "x=HYPERLINK(1)",
            500,
        )
        assert connection.execute("SELECT participants FROM results").fetchone() == (None,)
        listed = connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        indexes = {name for (name,) in listed}
        assert "uq_procedures_identity" in indexes
