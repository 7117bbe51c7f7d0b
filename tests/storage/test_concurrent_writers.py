"""Concurrent writers wait for each other, with real processes, on SQLite and PostgreSQL.

Two imports of files that bring the same new schools and the same new procedure, an import
during an undo, and an import while another program holds SQLite's write lock: every process
finishes (exit code 0), nothing is lost and nothing is duplicated.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.data.bad_inputs.make_bad_inputs import _sheet
from tests.storage.conftest import fresh_postgres_database

HEADERS = ["Логин ОО", "Название ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"]
SCHOOLS = 60


def _file(path: Path, year: int, procedure: str = "ВПР МА 5") -> Path:
    rows = [[f"sch{n}", f"МБОУ «СОШ № {n}»", procedure, year, 20, 5, 30] for n in range(1, SCHOOLS + 1)]
    _sheet(path, HEADERS, *rows)
    return path


def _lowres(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "lowres_desktop.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )


def _finish(*processes: subprocess.Popen[str]) -> None:
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err + out
        assert "Traceback" not in err


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "office.sqlite")
    else:
        yield from fresh_postgres_database()


def _scalar(target: str, query: str) -> int:
    url = target if "://" in target else f"sqlite:///{target}"
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(query)).scalar_one())
    finally:
        engine.dispose()


def _no_duplicates(target: str) -> None:
    assert _scalar(target, "SELECT count(*) FROM schools") == SCHOOLS
    same = "SELECT count(*) FROM procedures WHERE kind = 'ВПР' AND subject = 'МА' AND grade = 5"
    assert _scalar(target, same) == 1


def test_two_imports_at_once_into_a_new_database_both_land(target: str, tmp_path: Path) -> None:
    first, second = _file(tmp_path / "2024.xlsx", 2024), _file(tmp_path / "2025.xlsx", 2025)
    _finish(_lowres("--db", target, "import", str(first)), _lowres("--db", target, "import", str(second)))
    _no_duplicates(target)
    assert _scalar(target, "SELECT count(*) FROM results") == 2 * SCHOOLS
    assert _scalar(target, "SELECT count(*) FROM import_batches") == 2


def test_the_same_file_twice_at_once_lands_once(target: str, tmp_path: Path) -> None:
    path = _file(tmp_path / "2024.xlsx", 2024)
    _finish(_lowres("--db", target, "import", str(path)), _lowres("--db", target, "import", str(path)))
    _no_duplicates(target)
    assert _scalar(target, "SELECT count(*) FROM results") == SCHOOLS


def test_an_import_during_an_undo_both_finish(target: str, tmp_path: Path) -> None:
    first, second = _file(tmp_path / "2024.xlsx", 2024), _file(tmp_path / "2025.xlsx", 2025)
    _finish(_lowres("--db", target, "import", str(first)))
    _finish(_lowres("--db", target, "undo", "1"), _lowres("--db", target, "import", str(second)))
    assert _scalar(target, "SELECT count(*) FROM results WHERE year = 2024") == 0
    assert _scalar(target, "SELECT count(*) FROM results WHERE year = 2025") == SCHOOLS


def test_an_import_waits_for_another_program_holding_the_sqlite_write_lock(tmp_path: Path) -> None:
    target = tmp_path / "office.sqlite"
    _finish(_lowres("--db", str(target), "import", str(_file(tmp_path / "2024.xlsx", 2024))))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sqlite3, sys, time
                connection = sqlite3.connect({str(target)!r}, isolation_level=None)
                connection.execute("BEGIN IMMEDIATE")
                print("locked", flush=True)
                time.sleep(3)
                connection.execute("COMMIT")
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    importer = _lowres("--db", str(target), "import", str(_file(tmp_path / "2025.xlsx", 2025)))
    _finish(importer)
    holder.wait(timeout=30)
    waited = time.monotonic() - started
    assert waited > 1.0  # it waited for the lock instead of failing at once
    assert _scalar(str(target), "SELECT count(*) FROM results") == 2 * SCHOOLS
