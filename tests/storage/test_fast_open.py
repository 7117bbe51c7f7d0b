"""Opening a database without Alembic: the packaged head, an up-to-date file, a new one.

A new database is created from the models' metadata (a new SQLite file from
the generated statements of storage/sqlite_schema.py) instead of replaying
every migration; here both ways are built on the same backend and compared
table by table: columns (in order, with types, nullability and defaults),
keys, indexes, unique and check constraints, and every row.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

import lowres_desktop.storage.migrations as migrations
from lowres_desktop.storage import sqlite_schema
from lowres_desktop.storage.engine import database_url
from lowres_desktop.storage.migrations import alembic_config, head_revision, upgrade_to_head
from lowres_desktop.storage.schema import SQLITE_SCHEMA_FILE, sqlite_schema_source
from tests.storage.conftest import fresh_postgres_database


def _describe(url: str) -> dict[str, dict[str, object]]:
    engine = create_engine(url)
    described: dict[str, dict[str, object]] = {}
    try:
        with engine.connect() as connection:
            found = inspect(connection)
            for table in sorted(found.get_table_names()):
                described[table] = {
                    "columns": [
                        (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                        for c in found.get_columns(table)
                    ],
                    "primary key": found.get_pk_constraint(table),
                    "foreign keys": sorted(found.get_foreign_keys(table), key=str),
                    "indexes": sorted(found.get_indexes(table), key=str),
                    "unique": sorted(found.get_unique_constraints(table), key=str),
                    "checks": sorted(found.get_check_constraints(table), key=str),
                    "rows": sorted(
                        (tuple(r) for r in connection.execute(text(f'SELECT * FROM "{table}"'))), key=str
                    ),
                }
    finally:
        engine.dispose()
    return described


def _migrate_every_step(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
    engine.dispose()


@pytest.fixture(params=["sqlite", "sqlite from the metadata", "postgresql"])
def two_empty_databases(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, str]]:
    if request.param.startswith("sqlite"):
        if request.param == "sqlite from the metadata":  # as when sqlite_schema.py is of another head
            monkeypatch.setattr(sqlite_schema, "HEAD", "an older head")
        yield database_url(str(tmp_path / "created.sqlite")), database_url(str(tmp_path / "migrated.sqlite"))
        return
    created = fresh_postgres_database()
    migrated = fresh_postgres_database()
    try:
        yield next(created), next(migrated)
    finally:
        created.close()
        migrated.close()


def test_a_new_database_from_the_metadata_equals_one_built_by_every_migration(
    two_empty_databases: tuple[str, str],
) -> None:
    created, migrated = two_empty_databases
    outcome = upgrade_to_head(created)
    assert (outcome.from_revision, outcome.to_revision, outcome.backup) == (None, head_revision(), None)
    _migrate_every_step(migrated)
    from_metadata, from_migrations = _describe(created), _describe(migrated)
    assert list(from_metadata) == list(from_migrations)
    for table, described in from_migrations.items():
        assert from_metadata[table] == described, table
    assert from_metadata["problem_types"]["rows"], "the seeded catalogue is there"
    assert from_metadata["alembic_version"]["rows"] == sorted((v,) for v in head_revision().split("+"))


def test_the_generated_sqlite_schema_is_current() -> None:
    assert SQLITE_SCHEMA_FILE.read_text(encoding="utf-8") == sqlite_schema_source(head_revision()), (
        "stale: run python -m lowres_desktop.storage.schema"
    )


def test_the_head_read_from_the_files_is_alembics_own() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert head_revision() == "+".join(sorted(heads))


def test_a_merge_revision_with_a_tuple_of_parents_is_the_only_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = tmp_path / "db"
    shutil.copytree(migrations.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    parents = head_revision().split("+")
    listed = "".join(f'    "{p}",\n' for p in parents)
    (scripts / "versions" / "merge_all.py").write_text(
        f'revision: str = "merge_all"\ndown_revision = (\n{listed})\nbranch_labels = None\n'
        "depends_on = None\ndef upgrade():\n    pass\ndef downgrade():\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrations, "migrations_dir", lambda: scripts)
    assert head_revision() == "merge_all"
    assert ScriptDirectory.from_config(alembic_config()).get_heads() == ["merge_all"]


def test_opening_a_new_and_then_an_up_to_date_database_imports_no_alembic(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite"
    probe = (
        "import sys\n"
        "from lowres_desktop.storage.unit_of_work import Database\n"
        f"for _ in range(2):\n    Database.open({str(path)!r}).close()\n"
        "print(__import__('json').dumps([m for m in sys.modules if m.split('.')[0] == 'alembic']))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert path.exists()
