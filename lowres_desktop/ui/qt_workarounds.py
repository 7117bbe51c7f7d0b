"""A guard against PySide6 6.12.0 dropping a reference to `True` on every `Signal.emit()`.

`SignalInstance.emit()` returns `True` without taking a reference, so each
emit whose result is discarded lowers `True`'s reference count by one. On
Python 3.12+ `True` is immortal and nothing happens; on Python 3.11 the
count (about two thousand after start-up) reaches zero after as many emits,
and the interpreter aborts with "Fatal Python error: bool_dealloc".
pyqtgraph emits signals from Python on every redraw and mouse move, so the
desktop app would die within minutes.

The probe below emits a signal and watches the count; only if it drops do
we raise the counts of `True` and `False` so far that no session can
exhaust them, which is what Python 3.12 does by making them immortal. The
booleans are static objects that are never freed, so a large count is
harmless. A fixed PySide6 makes the probe find nothing and this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_RESERVE = 1 << 40
"""Far more emits than any session makes."""


class _Probe(QObject):
    sig_probed = Signal()


def emit_drops_true_references() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(10):
        probe.sig_probed.emit()
    return sys.getrefcount(True) < before


def protect_booleans() -> bool:
    """Apply the guard when this PySide6 needs it; says whether it did."""
    if sys.version_info >= (3, 12) or not emit_drops_true_references():
        return False
    for boolean in (True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(boolean)).value += _RESERVE
    return True
