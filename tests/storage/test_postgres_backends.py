"""The same migrations and the same use cases on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage.migrations import head_revision
from lowres_desktop.storage.schema import metadata
from lowres_desktop.storage.unit_of_work import Database
from tests.data.seed_workbook import SEED_FLAGGED_NUMBERS


def test_every_migration_gives_the_models_schema(database_target: str) -> None:
    db = Database.open(database_target)
    try:
        assert db.migration.to_revision == head_revision()
        with db.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    finally:
        db.close()
    reopened = Database.open(database_target)
    assert reopened.migration.from_revision == head_revision()
    reopened.close()


def test_the_seed_import_names_the_same_schools(any_db: Database, seed_xlsx: Path) -> None:
    report = import_workbook(any_db, seed_xlsx)
    assert report.results_new == 212
    flagged = identify_schools(any_db, 2019).flagged
    assert sorted(int(f.school.short_name.split("№")[-1]) for f in flagged) == SEED_FLAGGED_NUMBERS
    again = import_workbook(any_db, seed_xlsx)
    assert not again.changed_anything
