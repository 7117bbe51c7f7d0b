"""An import killed hard at any point leaves the database intact, holding all of the batch or none.

The import runs in a child process whose SQL layer counts statements and
SIGKILLs the process at the K-th one (or just before COMMIT): no clean-up
code can run, as when the PC loses power or the task manager ends the
program. The database is then checked with SQLite itself.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from lowres_desktop.storage.unit_of_work import Database

CHILD = """
import os, signal, sys
from sqlalchemy.engine import default
from lowres_desktop.cli import main

kill_at = sys.argv[1]
count = [0]

def counting(original):
    def wrapper(self, *args, **kwargs):
        count[0] += 1
        if kill_at.isdigit() and count[0] == int(kill_at):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, *args, **kwargs)
    return wrapper

default.DefaultDialect.do_execute = counting(default.DefaultDialect.do_execute)
default.DefaultDialect.do_executemany = counting(default.DefaultDialect.do_executemany)
original_commit = default.DefaultDialect.do_commit

def commit(self, connection):
    if kill_at == "commit":
        os.kill(os.getpid(), signal.SIGKILL)
    return original_commit(self, connection)

default.DefaultDialect.do_commit = commit
status = main(sys.argv[2:])
print("statements", count[0])
sys.exit(status)
"""


def _import(db: Path, workbook: Path, kill_at: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, kill_at, "--db", str(db), "import", str(workbook)],
        capture_output=True, text=True, timeout=120,
    )


def _state(db: Path) -> tuple[str, int, int]:
    with closing(sqlite3.connect(db)) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        results = connection.execute("SELECT count(*) FROM results").fetchone()[0]
        batches = connection.execute("SELECT count(*) FROM import_batches").fetchone()[0]
    return check, results, batches


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_hard_kill_at_any_point_leaves_all_or_none(tmp_path: Path, seed_xlsx: Path) -> None:
    template = tmp_path / "template.sqlite"
    Database.open(str(template)).close()
    full = tmp_path / "full.sqlite"
    full.write_bytes(template.read_bytes())
    finished = _import(full, seed_xlsx, "never")
    assert finished.returncode == 0, finished.stderr
    total = int(finished.stdout.rsplit("statements", 1)[1])
    assert _state(full) == ("ok", 212, 1)

    points = sorted({max(1, total * share // 10) for share in (1, 4, 7, 9)} | {total - 1}) + ["commit"]
    outcomes = set()
    for point in points:
        db = tmp_path / f"killed-{point}.sqlite"
        db.write_bytes(template.read_bytes())
        killed = _import(db, seed_xlsx, str(point))
        assert killed.returncode == -signal.SIGKILL, (point, killed.stderr[-2000:])
        check, results, batches = _state(db)
        assert check == "ok", point
        assert (results, batches) in {(0, 0), (212, 1)}, (point, results, batches)
        outcomes.add(results)
    assert 0 in outcomes
    again = _import(tmp_path / "killed-commit.sqlite", seed_xlsx, "never")  # the next start goes on
    assert again.returncode == 0, again.stderr
    assert _state(tmp_path / "killed-commit.sqlite")[1:] == (212, 1)
