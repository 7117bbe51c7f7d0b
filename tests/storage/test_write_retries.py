"""A write the database answers busy is run again from the start; new schools never collide.

PostgreSQL rolls back one of two transactions that deadlock, and one that waits past its lock
timeout; SQLite gives up after its busy timeout. `Database.run_write` reruns the whole unit of
work (it landed nothing), so the work lands exactly once; after the last attempt the user gets
the Russian «занята» message. Schools go in with ON CONFLICT DO NOTHING on both backends, so a
writer that brings a school another has just created keeps that one instead of failing.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from lowres_desktop.domain.records import School, SchoolKind
from lowres_desktop.services.import_history import undo_batch
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage import engine, unit_of_work
from lowres_desktop.storage.environment import DatabaseBusy
from lowres_desktop.storage.unit_of_work import WRITE_ATTEMPTS, Database, UnitOfWork
from tests.storage.test_concurrent_writers import SCHOOLS, _file


def _school(login: str) -> School:
    return School(login, f"МБОУ «СОШ {login}»", f"СОШ {login}", SchoolKind.SOSH, "Центральный район")


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Waits of a fraction of a second, so that running out of attempts takes no minutes."""
    monkeypatch.setattr(engine, "WRITE_WAIT_MS", 300)
    monkeypatch.setattr(unit_of_work, "RETRY_PAUSE_S", 0.05)


def _schools(db: Database, *logins: str) -> None:
    with db.unit_of_work() as uow:
        uow.schools.add_many([_school(login) for login in logins], "test")
        uow.commit()


def _count(db: Database, query: str) -> int:
    with db.unit_of_work() as uow:
        return int(uow.session.execute(text(query)).scalar_one())


def test_a_school_already_there_is_kept_and_not_counted_as_created(any_db: Database) -> None:
    _schools(any_db, "a1")
    with any_db.unit_of_work() as uow:
        created = uow.schools.add_many([_school("a1"), _school("a2")], "test")
        uow.commit()
    assert created == {"a2"}
    assert _count(any_db, "SELECT count(*) FROM schools") == 2


def _waiting_on_a_lock(url: str, expected: int) -> None:
    """Until `expected` server connections wait for a lock (a row, an index entry, an advisory lock)."""
    watcher = create_engine(url)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with watcher.connect() as connection:
                query = (
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if connection.execute(text(query)).scalar_one() >= expected:
                    return
            time.sleep(0.05)
        raise AssertionError("no connection came to wait for the lock")
    finally:
        watcher.dispose()


def test_two_writers_bringing_the_same_new_school_at_once_both_commit(postgres_target: str) -> None:
    first, second = Database.open(postgres_target), Database.open(postgres_target)
    try:
        failures: list[BaseException] = []
        created: list[set[str]] = []
        with first.unit_of_work() as uow:
            created.append(uow.schools.add_many([_school("s1")], "first"))

            def other() -> None:
                try:
                    with second.unit_of_work() as theirs:
                        created.append(theirs.schools.add_many([_school("s1"), _school("s2")], "second"))
                        theirs.commit()
                except BaseException as error:  # noqa: BLE001 — handed to the test's thread
                    failures.append(error)

            thread = threading.Thread(target=other)
            thread.start()
            _waiting_on_a_lock(postgres_target, 1)  # the second waits on the first's new login
            uow.commit()
        thread.join(timeout=30)
        assert not failures, failures
        assert created == [{"s1"}, {"s2"}]
        assert _count(first, "SELECT count(*) FROM schools") == 2
    finally:
        first.close()
        second.close()


def test_a_write_that_loses_a_real_deadlock_is_run_again_and_lands_once(postgres_target: str) -> None:
    db = Database.open(postgres_target)
    _schools(db, "a", "b")
    other = create_engine(postgres_target)
    attempts: list[int] = []
    try:
        with other.connect() as theirs:
            # The other side waits first and long: the deadlock is found by the write, which loses it.
            theirs.execute(text("SET deadlock_timeout = '30s'"))
            theirs.execute(text("UPDATE schools SET short_name = 'их' WHERE login = 'a'"))

            def blocked_on_b() -> None:
                theirs.execute(text("UPDATE schools SET short_name = 'их' WHERE login = 'b'"))
                theirs.commit()

            def work(uow: UnitOfWork) -> int:
                attempts.append(len(attempts) + 1)
                uow.session.execute(text("UPDATE schools SET full_name = full_name || '!' WHERE login = 'b'"))
                if len(attempts) == 1:
                    threading.Thread(target=blocked_on_b, daemon=True).start()
                    _waiting_on_a_lock(postgres_target, 1)
                uow.session.execute(text("UPDATE schools SET full_name = full_name || '!' WHERE login = 'a'"))
                uow.session.execute(text("INSERT INTO districts (name) VALUES ('Записано один раз')"))
                uow.commit()
                return len(attempts)

            assert db.run_write(work) == 2
        assert _count(db, "SELECT count(*) FROM districts WHERE name = 'Записано один раз'") == 1
        assert _count(db, "SELECT count(*) FROM schools WHERE full_name LIKE '%»!'") == 2
        assert _count(db, "SELECT count(*) FROM schools WHERE short_name = 'их'") == 2
    finally:
        other.dispose()
        db.close()


@pytest.fixture
def held_write(database_target: str, quick_retries: None) -> Iterator[tuple[Database, str]]:
    """The database while another program holds what every writer needs: SQLite's write lock, or
    on PostgreSQL the row the write changes."""
    db = Database.open(database_target)
    _schools(db, "a")
    if "://" in database_target:
        other = create_engine(database_target)
        with other.connect() as theirs:
            theirs.execute(text("UPDATE schools SET short_name = 'их' WHERE login = 'a'"))
            yield db, database_target
            theirs.rollback()
        other.dispose()
    else:
        theirs = sqlite3.connect(database_target, isolation_level=None)
        theirs.execute("BEGIN IMMEDIATE")
        yield db, database_target
        theirs.execute("ROLLBACK")
        theirs.close()
    db.close()


def test_a_write_still_busy_after_every_attempt_says_so_in_russian(held_write: tuple[Database, str]) -> None:
    db, target = held_write
    attempts: list[int] = []

    def work(uow: UnitOfWork) -> None:
        attempts.append(1)
        uow.session.execute(text("UPDATE schools SET full_name = 'наше' WHERE login = 'a'"))
        uow.commit()

    with pytest.raises(DatabaseBusy, match="занята") as refused:
        db.run_write(work)
    assert len(attempts) == WRITE_ATTEMPTS
    assert "повторите" in str(refused.value) and "ничего не записано" in str(refused.value)
    assert "Traceback" not in str(refused.value) and "Error" not in str(refused.value)


def test_a_writer_waiting_past_the_server_lock_timeout_gets_the_message(
    postgres_target: str, quick_retries: None
) -> None:
    db = Database.open(postgres_target)
    holder = create_engine(postgres_target)
    try:
        with holder.connect() as theirs:
            theirs.execute(text("SELECT pg_advisory_lock(:key)"), {"key": unit_of_work.WRITER_LOCK_KEY})
            with pytest.raises(DatabaseBusy, match="занята"):
                db.run_write(lambda uow: pytest.fail("ran without the writers' lock"))
            theirs.rollback()
    finally:
        holder.dispose()
        db.close()


def test_a_refusal_that_is_not_busy_is_not_run_again(tmp_path: Path) -> None:
    db = Database.open(str(tmp_path / "lowres.sqlite"))
    attempts: list[int] = []

    def work(_uow: UnitOfWork) -> None:
        attempts.append(1)
        raise ValueError("a bug, not a busy database")

    try:
        with pytest.raises(ValueError):
            db.run_write(work)
        assert attempts == [1]
    finally:
        db.close()


def test_a_school_another_writer_creates_during_an_import_is_not_the_imports_to_undo(
    postgres_target: str, tmp_path: Path
) -> None:
    """A writer that takes no writers' lock (another program) creates a school the import planned
    as new, between the plan and the write: the import keeps it, and its undo leaves it."""
    db, other = Database.open(postgres_target), Database.open(postgres_target)
    path = _file(tmp_path / "2024.xlsx", 2024)

    def meanwhile(_done: int, _total: int, message: str) -> None:
        if message == "Запись в базу…":
            _schools(other, "sch1")

    try:
        report = import_workbook(db, path, progress=meanwhile)
        assert report.batch_id is not None and "sch1" not in report.schools_new
        assert len(report.schools_new) == SCHOOLS - 1
        assert _count(db, "SELECT schools_new FROM import_batches") == SCHOOLS - 1
        assert _count(db, "SELECT count(*) FROM schools") == SCHOOLS
        assert _count(db, "SELECT count(*) FROM results") == SCHOOLS
        undo_batch(db, report.batch_id)
        with db.unit_of_work() as uow:
            assert [school.login for school in uow.schools.all()] == ["sch1"]
    finally:
        db.close()
        other.close()
