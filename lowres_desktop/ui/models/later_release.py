"""Freeing a replaced table a slice at a time, whenever the event loop is idle.

Dropping the previous year of a country's table (a million small objects) at
once held the window for a tenth of a second when the year changed; a worker
thread freeing it would take the interpreter lock from the window just as often.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot

RELEASED_PER_SLICE = 2_000
"""Items freed at a time before the event loop runs again."""


class LaterRelease(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._released: list[list[Any]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def release(self, *containers: list[Any]) -> None:
        """Empty these lists, which nobody else reads any more, slice by slice."""
        self._released += [items for items in containers if items]
        if self._released:
            self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        items = self._released[-1]
        del items[-RELEASED_PER_SLICE:]
        if not items:
            self._released.pop()
            if not self._released:
                self._timer.stop()
