"""The cyclic garbage collector, paused while a region's or a country's records are built.

The records the services build (results, categories, rows of tables) hold no
reference cycles, so reference counting frees them; yet every few thousand
allocations the cyclic collector scans every live object again. For a
country that was half of the categories' time (tests/bench/bench_categories.py),
and a full scan run on a loader's thread holds the interpreter lock for up to
a second, so the window froze while data arrived (tests/bench/bench_gui_tables.py).
The same holds for freeing: a list's last reference dropped frees all its items
in one call, so `release_gradually` empties a loader's big lists in slices.
What the views load is never frozen (`gc.freeze`), only what start-up built.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

RELEASED_PER_SLICE = 20_000
"""Items freed at a time: a few milliseconds, after which another thread may take the lock."""

_lock = threading.Lock()
_pauses = 0
_resume = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection until every pause, on any thread, has ended."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def freeze_start_up() -> None:
    """Leave what start-up built (modules, classes, the Qt application) out of later scans.

    Those objects live until the program ends, so a full collection that scans
    them again frees nothing. Called once, when the first database is open (app.py):
    data the views load later stays collectable, so a reference cycle among it is freed
    the next time the collector runs, and memory stays flat over a day of use.
    """
    gc.collect()
    gc.freeze()


def release_gradually(*containers: list[Any]) -> None:
    """Empty lists nobody else reads a slice at a time, letting other threads run between slices.

    A country's results for six years (1.4 million records) freed at once held
    the interpreter lock for 0.15 s on the loader's thread: the window stalled
    as long while the objectivity tab loaded.
    """
    for items in containers:
        while items:
            del items[-RELEASED_PER_SLICE:]
