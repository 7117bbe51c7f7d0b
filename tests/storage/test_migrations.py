"""Migrations: an empty file, a database holding data, backups, and the foreign-key guard."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine

import lowres_desktop.storage.migrations as migrations
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.storage.engine import database_url
from lowres_desktop.storage.migrations import alembic_config, head_revision, upgrade_to_head
from lowres_desktop.storage.schema import metadata
from lowres_desktop.storage.unit_of_work import Database


def _migrate_raw(path: Path, revision: str) -> None:
    """Run Alembic directly (not through the program's runner) up to `revision`."""
    engine = create_engine(database_url(str(path)))
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def _fill_at_0001(path: Path) -> None:
    _migrate_raw(path, "0001")
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript(
            """
            INSERT INTO districts (id, name) VALUES (1, 'Центральный');
            INSERT INTO schools (id, login, full_name, short_name, kind, district_id)
                VALUES (1, 'sch1', 'МБОУ «СОШ № 1»', 'СОШ № 1', 'СОШ', 1),
                       (2, 'sch2', 'МБОУ «ООШ № 2»', 'ООШ № 2', 'ООШ', NULL);
            INSERT INTO procedures (id, kind, subject, grade)
                VALUES (1, 'ВПР', 'МА', 5), (2, 'ОГЭ', 'РУ', NULL);
            INSERT INTO results (school_id, procedure_id, year, participants, pct_low, pct_high)
                VALUES (1, 1, 2019, 50, 40.0, 2.0), (1, 2, 2019, NULL, 12.5, 18.0),
                       (2, 1, 2018, 20, 35.0, NULL);
            """
        )
        connection.commit()


def test_an_empty_file_becomes_a_database_at_head(tmp_path: Path) -> None:
    db = Database.open(str(tmp_path / "new.sqlite"))
    assert db.migration.from_revision is None
    assert db.migration.to_revision == head_revision()
    assert db.migration.backup is None
    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.close()


def test_a_database_holding_data_keeps_every_row_through_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _fill_at_0001(path)
    before_results = _rows(path, "SELECT * FROM results ORDER BY id")
    before_schools = _rows(path, "SELECT * FROM schools ORDER BY id")

    db = Database.open(str(path))

    assert db.migration.from_revision == "0001"
    after_results = _rows(
        path,
        "SELECT id, school_id, procedure_id, year, participants, pct_low, pct_high FROM results ORDER BY id",
    )
    assert after_results == before_results
    after_schools = _rows(
        path, "SELECT id, login, full_name, short_name, kind, district_id, active FROM schools ORDER BY id"
    )
    assert after_schools == [row + (1,) for row in before_schools]
    backup = db.migration.backup
    assert backup is not None and backup.exists()
    assert _rows(backup, "SELECT * FROM results ORDER BY id") == before_results
    assert _rows(backup, "SELECT version_num FROM alembic_version") == [("0001",)]
    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    db.close()


def test_without_the_runner_foreign_keys_would_cascade_the_rebuild(tmp_path: Path) -> None:
    """Why the runner turns foreign keys off: the same upgrade with them on loses results."""
    path = tmp_path / "old.sqlite"
    _fill_at_0001(path)
    engine = create_engine(database_url(str(path)))
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")
        connection.commit()
        config = alembic_config()
        config.attributes["connection"] = connection
        # 0002 is the revision that rebuilds `schools`; feature branches may add heads beside it.
        command.upgrade(config, "0002")
        connection.commit()
    engine.dispose()
    assert _rows(path, "SELECT count(*) FROM results") == [(0,)]


def test_a_broken_reference_stops_the_upgrade_and_keeps_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    _fill_at_0001(path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("INSERT INTO results (school_id, procedure_id, year) VALUES (99, 1, 2019)")
        connection.commit()
    with pytest.raises(DomainError, match="связи") as raised:
        upgrade_to_head(database_url(str(path)))
    assert _rows(path, "SELECT version_num FROM alembic_version") == [("0001",)]
    backups = list((tmp_path / "broken.backups").glob("*.sqlite"))
    assert len(backups) == 1
    assert str(backups[0]) in str(raised.value)


def test_a_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    Database.open(str(path)).close()
    with closing(sqlite3.connect(path)) as connection:
        # One row per applied head: replace them all by a revision this program does not know.
        connection.execute("DELETE FROM alembic_version")
        connection.execute("INSERT INTO alembic_version VALUES ('9999')")
        connection.commit()
    with pytest.raises(DomainError, match="более новой версией"):
        Database.open(str(path))


def test_a_file_that_is_not_a_database_is_refused_in_russian(tmp_path: Path) -> None:
    path = tmp_path / "text.sqlite"
    path.write_text("просто текст " * 100, encoding="utf-8")
    with pytest.raises(DomainError, match="не является базой данных"):
        Database.open(str(path))
    foreign = tmp_path / "foreign.sqlite"
    with closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE t (x)")
        connection.commit()
    with pytest.raises(DomainError, match="чужие таблицы"):
        Database.open(str(foreign))


def test_a_database_another_program_creates_between_the_first_two_reads_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two programs opening a new file at once: the other one's tables and stamp, committed after
    this one found no stamp and before it listed the tables, are a database, not «чужие таблицы»."""
    url = database_url(str(tmp_path / "new.sqlite"))
    read = migrations.current_revision
    other_started = False

    def the_other_creates_it_right_after(connection: Connection) -> str | None:
        nonlocal other_started
        found = read(connection)
        if not other_started:
            other_started = True
            upgrade_to_head(url)  # the other program, from its first read to its commit
        return found

    monkeypatch.setattr(migrations, "current_revision", the_other_creates_it_right_after)
    outcome = upgrade_to_head(url)
    assert other_started
    assert outcome.to_revision == head_revision() and outcome.backup is None


def test_side_by_side_branches_are_both_applied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two features may each add a revision on top of the same parent; both must run."""
    import shutil

    import lowres_desktop.storage.migrations as migrations

    scripts = tmp_path / "db"
    shutil.copytree(migrations.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("feature_a", "feature_b"):
        (scripts / "versions" / f"{name}.py").write_text(
            f'revision = "{name}"\ndown_revision = "0002"\nbranch_labels = None\ndepends_on = None\n'
            "from alembic import op\nimport sqlalchemy as sa\n"
            f'def upgrade():\n    op.create_table("{name}", sa.Column("id", sa.Integer, primary_key=True))\n'
            f'def downgrade():\n    op.drop_table("{name}")\n',
            encoding="utf-8",
        )
    monkeypatch.setattr(migrations, "migrations_dir", lambda: scripts)
    path = tmp_path / "two.sqlite"
    _fill_at_0001(path)
    outcome = upgrade_to_head(database_url(str(path)))
    # The real tree may have branches of its own beside the two added here.
    assert {"feature_a", "feature_b"} <= set(outcome.to_revision.split("+"))
    assert {("feature_a",), ("feature_b",)} <= set(_rows(path, "SELECT version_num FROM alembic_version"))
    assert _rows(path, "SELECT count(*) FROM feature_a") == [(0,)]
    assert _rows(path, "SELECT count(*) FROM results") == [(3,)]
    assert upgrade_to_head(database_url(str(path))).backup is None
