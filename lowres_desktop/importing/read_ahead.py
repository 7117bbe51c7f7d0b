"""Files read on a worker thread while the command line loads its database machinery.

`lowres import` cannot plan before SQLAlchemy, the models and the database are
loaded and open, and loading them takes longer than reading a region's
workbook. Most of that reading (inflating the archive, calamine's parse of the
sheet) runs without the interpreter lock, so a second core does it meanwhile;
later files are read while the one before is being written (SQLite's work also
runs without the lock).

The files are read one after another in the order given, each once, with at
most one read file waiting to be taken: a hundred files on the command line are
never all in memory at once. Reading is the same `read_file` the wizard runs,
so the same file gives the same grids, hash and refusal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from lowres_desktop.importing.workbook_reader import WorkbookFile, read_file


class ReadAhead:
    """Reads `paths` in order on a daemon thread; `result(path)` waits for one and gives it.

    A daemon thread, so that a command that stops early (the database does not
    open) does not wait for files it will never import.
    """

    def __init__(self, paths: Sequence[Path], read: Callable[[Path], WorkbookFile] = read_file) -> None:
        self._paths = [Path(path) for path in paths]
        self._read = read
        self._done: dict[int, WorkbookFile | BaseException] = {}
        self._ready = threading.Condition()
        self._slot = threading.Semaphore(1)
        self._next = 0
        """The index of the next path `result` gives."""
        threading.Thread(target=self._work, name="lowres-read-ahead", daemon=True).start()

    def _work(self) -> None:
        for index, path in enumerate(self._paths):
            self._slot.acquire()
            outcome: WorkbookFile | BaseException
            try:
                outcome = self._read(path)
            except BaseException as error:  # noqa: BLE001 - given to the caller, who handles it as if read there
                outcome = error
            with self._ready:
                self._done[index] = outcome
                self._ready.notify_all()

    def result(self, path: Path) -> WorkbookFile:
        """The next file read, which must be `path`; raises what reading it raised.

        The caller takes the files in the order given: that order is what lets the
        worker read only one file ahead.
        """
        index = self._next
        if index >= len(self._paths) or self._paths[index] != Path(path):
            raise ValueError(f"{path} is not the next file to read ahead")
        with self._ready:
            while index not in self._done:
                self._ready.wait()
            outcome = self._done.pop(index)
        self._next += 1
        self._slot.release()
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome
