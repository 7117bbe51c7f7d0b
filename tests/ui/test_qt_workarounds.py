"""PySide6 6.12.0 loses references to None and True on Python 3.11; the UI package guards against it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

MANY_CALLS = textwrap.dedent(
    """
    {guard}
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        sig_ticked = Signal()

    emitter = Emitter()
    # More than the references None (tens of thousands) and True (~2000) have after start-up.
    for _ in range(200_000):
        emitter.setObjectName("x")
    for _ in range(20_000):
        emitter.sig_ticked.emit()
    print("alive")
    """
)


def _run(guard: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", MANY_CALLS.format(guard=guard)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_many_qt_calls_survive_once_the_ui_package_is_imported() -> None:
    completed = _run("import lowres_desktop.ui")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "alive"


def test_the_guard_is_applied_only_where_calls_lose_references() -> None:
    from lowres_desktop.ui.qt_workarounds import calls_drop_singleton_references

    unguarded = _run("")
    if sys.version_info < (3, 12) and calls_drop_singleton_references():
        assert unguarded.returncode != 0 and "_dealloc" in unguarded.stderr
        assert sys.getrefcount(None) > 1 << 39  # this process imported the UI package
    else:
        assert unguarded.returncode == 0, unguarded.stderr
