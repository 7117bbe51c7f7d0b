"""The cyclic garbage collector, paused while a region's or a country's records are built.

The records the services build (results, categories, rows of tables) hold no
reference cycles, so reference counting frees them; yet every few thousand
allocations the cyclic collector scans every live object again. For a
country that was half of the categories' time (tests/bench/bench_categories.py),
and a full scan run on a loader's thread holds the interpreter lock for up to
a second, so the window froze while data arrived (tests/bench/bench_gui_tables.py).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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


def keep_out_of_collections() -> None:
    """Stop scanning what is alive now (loaded tables, cached categories) in later collections.

    Those objects are still freed by reference counting when a view drops them;
    only a reference cycle among them would now stay until the program ends.
    """
    gc.freeze()
