"""PySide6 6.12.0 drops a reference to True per emit; the UI package guards Python 3.11 against it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

EMIT_MANY = textwrap.dedent(
    """
    import sys
    {guard}
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        sig_ticked = Signal()

    emitter = Emitter()
    for _ in range(20000):  # more than the ~2000 references True has after start-up
        emitter.sig_ticked.emit()
    print("alive")
    """
)


def _run(guard: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", EMIT_MANY.format(guard=guard)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_many_emits_survive_once_the_ui_package_is_imported() -> None:
    completed = _run("import lowres_desktop.ui")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "alive"


def test_the_guard_is_needed_only_where_emit_loses_references() -> None:
    from lowres_desktop.ui.qt_workarounds import emit_drops_true_references

    unguarded = _run("")
    if sys.version_info < (3, 12) and emit_drops_true_references():
        assert unguarded.returncode != 0 and "bool_dealloc" in unguarded.stderr
        assert sys.getrefcount(True) > 1 << 39  # this process imported the UI package
    else:
        assert unguarded.returncode == 0, unguarded.stderr
