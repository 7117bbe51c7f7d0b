"""Backups: the round trip with data compared, the limit, the daily copy, imports, unusable files."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.services.backups import (
    UnopenableDatabase,
    backup_limit,
    backup_now,
    daily_backup,
    list_backups,
    restore_backup,
    set_backup_limit,
)
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage.models import ResultRow
from lowres_desktop.storage.unit_of_work import Database
from tests.data.seed_workbook import build_seed_workbook

TABLES = ("districts", "schools", "procedures", "results", "import_batches")


def dump(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        rows: list[tuple[object, ...]] = []
        for table in TABLES:
            rows += [(table, *row) for row in connection.execute(f"SELECT * FROM {table} ORDER BY id")]
        return rows


@pytest.fixture
def seeded(tmp_path: Path, seed_xlsx: Path) -> Path:
    path = tmp_path / "office.sqlite"
    db = Database.open(str(path))
    import_workbook(db, seed_xlsx)
    db.close()
    return path


def test_backup_then_restore_gives_back_every_row_and_the_restore_can_be_undone(seeded: Path) -> None:
    db = Database.open(str(seeded))
    before = dump(seeded)
    copy = backup_now(db)
    assert copy.reason_text == "вручную" and copy.size_bytes > 0
    with db.unit_of_work() as uow:
        uow.session.execute(delete(ResultRow).where(ResultRow.year == 2019))
        uow.commit()
    changed = dump(seeded)
    assert changed != before
    db.close()

    undo = restore_backup(str(seeded), copy.path)

    assert dump(seeded) == before
    assert undo is not None and undo.reason_text == "перед восстановлением"
    assert dump(undo.path) == changed
    restore_backup(str(seeded), undo.path)
    assert dump(seeded) == changed
    Database.open(str(seeded)).close()


def test_only_the_newest_copies_are_kept(seeded: Path) -> None:
    db = Database.open(str(seeded))
    assert backup_limit(db) == 20
    set_backup_limit(db, 3)
    made = [backup_now(db).path for _ in range(5)]
    kept = [backup.path for backup in list_backups(str(seeded))]
    assert kept == list(reversed(made[-3:]))
    with pytest.raises(DomainError):
        set_backup_limit(db, 0)
    db.close()


def test_a_daily_copy_once_a_day(seeded: Path) -> None:
    db = Database.open(str(seeded))
    first = daily_backup(db)
    assert first is not None and first.reason_text == "ежедневная"
    assert daily_backup(db) is None
    assert daily_backup(db, date.today() + timedelta(days=1)) is not None
    db.close()


def test_an_import_that_writes_is_preceded_by_a_copy(seeded: Path, tmp_path: Path) -> None:
    db = Database.open(str(seeded))
    before = dump(seeded)
    changed = build_seed_workbook(tmp_path / "changed.xlsx", edit=_first_value_changed)
    report = import_workbook(db, changed)
    assert report.results_changed == 1
    copies = list_backups(str(seeded))
    assert [b.reason_text for b in copies] == ["перед импортом"]
    assert dump(copies[0].path) == before  # the copy holds the state before the import
    import_workbook(db, changed)  # changes nothing: no copy
    assert len(list_backups(str(seeded))) == 1
    db.close()


def _first_value_changed(values: dict[str, dict[tuple[str, int], list[object]]]) -> None:
    cells = next(iter(next(iter(values.values())).values()))
    cells[0] = 99 if cells[0] != 99 else 98


def test_the_first_import_into_a_new_database_makes_no_copy_of_it(tmp_path: Path, seed_xlsx: Path) -> None:
    path = tmp_path / "new.sqlite"
    db = Database.open(str(path))
    import_workbook(db, seed_xlsx)  # a copy of the new file would restore to nothing
    assert list_backups(str(path)) == []
    db.close()


@pytest.mark.parametrize(
    "kept",
    [
        "INSERT INTO settings (key, value) VALUES ('backups.keep', '5')",
        "UPDATE problem_types SET title = 'школы из приказа' WHERE code = 1",
        "DELETE FROM problem_types WHERE code = 6",
    ],
)
def test_an_import_into_a_database_without_schools_still_copies_what_it_holds(
    tmp_path: Path, seed_xlsx: Path, kept: str
) -> None:
    path = tmp_path / "office.sqlite"
    Database.open(str(path)).close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(kept)
        connection.commit()
    db = Database.open(str(path))
    import_workbook(db, seed_xlsx)
    copies = list_backups(str(path))
    assert [b.reason_text for b in copies] == ["перед импортом"]
    assert dump(copies[0].path) == []  # no schools or results yet, but what the statement left is kept
    db.close()


def test_a_damaged_file_is_named_and_a_copy_brings_it_back(seeded: Path) -> None:
    db = Database.open(str(seeded))
    copy = backup_now(db)
    db.close()
    before = dump(seeded)
    for suffix in ("-wal", "-shm"):
        Path(f"{seeded}{suffix}").unlink(missing_ok=True)
    seeded.write_bytes(b"\x00garbage" * 4096)
    with pytest.raises(UnopenableDatabase, match="повреждён"):
        Database.open(str(seeded))

    restore_backup(str(seeded), copy.path)

    assert dump(seeded) == before
    assert list(seeded.parent.glob("office.sqlite.damaged-*"))
    Database.open(str(seeded)).close()


def test_a_file_from_a_newer_program_is_named_and_a_copy_brings_it_back(seeded: Path) -> None:
    db = Database.open(str(seeded))
    copy = backup_now(db)
    db.close()
    with closing(sqlite3.connect(seeded)) as connection:
        connection.execute("DELETE FROM alembic_version")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
        connection.commit()
    with pytest.raises(UnopenableDatabase, match="более новой версией"):
        Database.open(str(seeded))
    restore_backup(str(seeded), copy.path)
    Database.open(str(seeded)).close()


def test_a_server_database_has_no_file_copies() -> None:
    assert list_backups("postgresql+psycopg://u@localhost/db") == []
    with pytest.raises(DomainError, match="только для файла"):
        restore_backup("postgresql+psycopg://u@localhost/db", Path("x.sqlite"))


def test_a_copy_killed_before_it_was_checked_is_never_listed(seeded: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    from lowres_desktop.storage.backups import backups_folder, list_backup_files

    before = list_backup_files(seeded)
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from lowres_desktop.storage import backups
        def slow_check(path, thorough=False):
            print("written", flush=True)
            time.sleep(60)
        backups.backup_problem = slow_check
        backups.backup_sqlite(Path({str(seeded)!r}), "manual")
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "written"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    time.sleep(0.1)
    leftovers = [p.name for p in backups_folder(seeded).iterdir() if p.name.startswith(".~")]
    assert leftovers  # the interrupted copy stayed under its temporary name
    assert list_backup_files(seeded) == before


def test_a_copy_is_one_file_that_listing_leaves_alone(seeded: Path) -> None:
    db = Database.open(str(seeded))
    try:
        copy = backup_now(db)
    finally:
        db.close()
    assert [b.path for b in list_backups(str(seeded))][0] == copy.path
    beside = sorted(p.name for p in copy.path.parent.iterdir() if p.name.startswith(copy.path.name))
    assert beside == [copy.path.name]  # no -wal/-shm: the copy is in rollback-journal mode
