"""Programs opening a new SQLite file at the same moment all open it.

Each switches the new file to WAL; SQLite refuses the switch to all but one at
once, busy timeout or not (a CI run lost a concurrent import that way), so the
switch must wait like any other lock.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import text

from lowres_desktop.storage.engine import make_engine

OPENERS = 4
ROUNDS = 25


def _open_at_once(path: Path) -> list[BaseException]:
    barrier = threading.Barrier(OPENERS)
    failures: list[BaseException] = []

    def open_one() -> None:
        engine = make_engine(f"sqlite:///{path}")
        try:
            barrier.wait()
            with engine.connect() as connection:
                assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        except BaseException as error:  # noqa: BLE001 - collected for the assertion below
            failures.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=open_one) for _ in range(OPENERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def test_a_new_file_opened_by_several_programs_at_once_opens_for_all(tmp_path: Path) -> None:
    failures = [error for n in range(ROUNDS) for error in _open_at_once(tmp_path / f"new{n}.sqlite")]
    assert failures == []
