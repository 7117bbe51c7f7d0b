"""A guard against PySide6 6.12.0 dropping references to None, True and False on Python < 3.12.

The 6.12.0 wheels (tagged cp310-abi3) return `None` from every void method
(`setText`, `show`, `processEvents`, …) and `True` from `Signal.emit()`
without taking a reference, as if the singletons were immortal. They are
immortal only from Python 3.12 on; on 3.11 each such call lowers the count
by one, and once it reaches zero the interpreter aborts with "Fatal Python
error: none_dealloc" (or "bool_dealloc"). A session makes tens of thousands
of such calls — pyqtgraph alone makes hundreds per redraw — so without this
the desktop app dies within minutes and the test run aborts at exit.

The probe below makes a few such calls and watches the counts; only if they
drop do we raise the counts of the three singletons so far that no session
can exhaust them, which is what Python 3.12 does by making them immortal.
They are static objects that are never freed, so a large count is harmless.
A fixed PySide6, or Python 3.12+, makes the probe find nothing and this do
nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_RESERVE = 1 << 40
"""Far more calls than any session makes."""

_PROBE_CALLS = 10


class _Probe(QObject):
    sig_probed = Signal()


def calls_drop_singleton_references() -> bool:
    """Whether void calls or emits made through this PySide6 lose a reference to None or True."""
    probe = _Probe()
    before = (sys.getrefcount(None), sys.getrefcount(True))
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
        probe.sig_probed.emit()
    after = (sys.getrefcount(None), sys.getrefcount(True))
    return after[0] < before[0] or after[1] < before[1]


def protect_singletons() -> bool:
    """Apply the guard when this PySide6 needs it; says whether it did."""
    if sys.version_info >= (3, 12) or not calls_drop_singleton_references():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    return True
