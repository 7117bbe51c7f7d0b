"""Every broken or hostile file of the corpus: a Russian message naming the file and the problem,
no crash, no hang, and the database unchanged."""

from __future__ import annotations

import re
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage.unit_of_work import Database
from tests.data.bad_inputs.make_bad_inputs import BIG, CASES, FILES, build
from tests.data.seed_workbook import build_seed_workbook

LIBRARY_WORDS = re.compile(r"\b[a-z]{2,} [a-z]{2,}\b")
"""English words of a library's error text («is not a zip file», «unbound prefix»): the clerk reads
the reason in Russian, the log keeps the library's."""
SECONDS = 5.0
"""Far above what each file takes (under 0.5 s here): a refusal must never scan for long."""


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big_bad_inputs")
    build(folder, sorted(BIG))
    return folder


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Database:
    folder = tmp_path_factory.mktemp("bad_inputs_db")
    db = Database.open(str(folder / "db.sqlite"))
    import_workbook(db, build_seed_workbook(folder / "seed.xlsx"))
    yield db
    db.close()


def snapshot(db: Database) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db.target)) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name not in {"alembic_version"}
        ]
        return [
            (table, *row) for table in sorted(tables) for row in connection.execute(f"SELECT * FROM {table}")
        ]


def test_the_corpus_has_at_least_thirty_files_and_the_small_ones_are_committed() -> None:
    assert len(CASES) >= 30
    committed = {p.name for p in FILES.iterdir()}
    assert committed == set(CASES) - BIG


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_file_is_refused_clearly_and_changes_nothing(
    name: str, seeded: Database, big_files: Path
) -> None:
    path = (big_files if name in BIG else FILES) / name
    before = snapshot(seeded)
    started = time.monotonic()
    with pytest.raises(FileRejected) as rejected:
        import_workbook(seeded, path)
    elapsed = time.monotonic() - started
    message = rejected.value.message
    assert f"«{name}»" in message and "база не изменена" in message
    assert CASES[name] in message
    assert not LIBRARY_WORDS.search(re.sub("«[^»]*»", "", message)), message
    assert elapsed < SECONDS
    assert snapshot(seeded) == before


def test_the_library_s_own_words_about_a_damaged_file_go_to_the_log(
    seeded: Database, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="lowres_desktop.importing.problems"):
        with pytest.raises(FileRejected):
            import_workbook(seeded, FILES / "truncated.xlsx")
    assert "«truncated.xlsx» refused" in caplog.text and "BadZipFile" in caplog.text
