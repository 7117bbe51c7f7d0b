"""The window and the command line write the same database at once, as two real programs.

A real main window (offscreen, `tests/storage/gui_import.py`) imports a file through its import
wizard while `lowres import` imports another file bringing the same new schools and procedure,
on SQLite and on PostgreSQL. Both are made to queue behind a third program holding the write
lock, so that they really meet; both finish, nothing is lost, nothing is duplicated. When the
lock is held for longer than they wait, the window says «занята» in its wizard and the command
line on stderr, in Russian, without a traceback and without writing anything.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from lowres_desktop.storage.unit_of_work import WRITER_LOCK_KEY, Database
from tests.storage.test_concurrent_writers import SCHOOLS, _file, _lowres, _no_duplicates, _scalar
from tests.storage.test_write_retries import _waiting_on_a_lock

SHORT_WAITS = (
    "import sys; from lowres_desktop.storage import engine, unit_of_work; "
    "engine.WRITE_WAIT_MS = 300; unit_of_work.RETRY_PAUSE_S = 0.05; "
    "from lowres_desktop.cli import main; sys.exit(main())"
)


def _program(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd(), "QT_QPA_PLATFORM": "offscreen"},
    )


def _window(target: str, path: Path, *options: str) -> subprocess.Popen[str]:
    return _program("-m", "tests.storage.gui_import", target, str(path), *options)


def _shown(window: subprocess.Popen[str]) -> dict[str, object]:
    out, err = window.communicate(timeout=120)
    assert window.returncode == 0, err + out
    assert "Traceback" not in err + out
    return json.loads(out.strip().splitlines()[-1])


@contextmanager
def _write_lock_held(target: str) -> Iterator[None]:
    """What every writer needs, held by a third program: SQLite's write lock or the server's writers' lock."""
    if "://" in target:
        engine = create_engine(target)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": WRITER_LOCK_KEY})
                yield
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": WRITER_LOCK_KEY})
        finally:
            engine.dispose()
    else:
        connection = sqlite3.connect(target, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.execute("ROLLBACK")
            connection.close()


def _until_both_wait(target: str) -> None:
    """Until the window and the command line both queue for the write lock.

    A server shows who waits for a lock; a SQLite file does not, so there the lock is only
    held long enough for both programs to have started (the test holds either way).
    """
    if "://" in target:
        _waiting_on_a_lock(target, 2)
    else:
        time.sleep(3)


def test_the_window_and_the_command_line_import_at_once(database_target: str, tmp_path: Path) -> None:
    target = database_target
    first, second = _file(tmp_path / "2024.xlsx", 2024), _file(tmp_path / "2025.xlsx", 2025)
    Database.open(target).close()
    window = _window(target, first, "--go-on-stdin")
    assert window.stdout is not None and window.stdin is not None
    assert window.stdout.readline().strip() == "ready"
    with _write_lock_held(target):
        command = _lowres("--db", target, "import", str(second))
        window.stdin.write("go\n")
        window.stdin.flush()
        _until_both_wait(target)
    shown = _shown(window)
    out, err = command.communicate(timeout=120)
    assert command.returncode == 0, err + out
    assert "Traceback" not in err
    assert "Импорт завершён" in str(shown["headline"]) and shown["error_dialogs"] == []
    _no_duplicates(target)
    assert _scalar(target, "SELECT count(*) FROM results") == 2 * SCHOOLS
    assert _scalar(target, "SELECT count(*) FROM import_batches") == 2


def test_a_window_that_meets_a_busy_database_says_so_as_the_command_line_does(
    database_target: str, tmp_path: Path
) -> None:
    target = database_target
    first, second = _file(tmp_path / "2024.xlsx", 2024), _file(tmp_path / "2025.xlsx", 2025)
    Database.open(target).close()
    with _write_lock_held(target):
        window = _window(target, first, "--wait-ms", "300")
        command = _program("-c", SHORT_WAITS, "--db", target, "import", str(second))
        shown = _shown(window)
        out, err = command.communicate(timeout=120)
    assert "занята" in str(shown["text"]) and "ничего не записано" in str(shown["text"])
    assert "Error" not in str(shown["text"]) and shown["error_dialogs"] == []
    assert command.returncode != 0 and "занята" in err
    assert "Traceback" not in err + out
    assert _scalar(target, "SELECT count(*) FROM import_batches") == 0
    assert _scalar(target, "SELECT count(*) FROM schools") == 0
