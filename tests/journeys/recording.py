"""Which buttons and actions the journeys pressed, and how a control is named.

`ControlRecorder` is an application-wide event filter: every push/tool button
gets its `clicked` watched when Qt first polishes it, every action its
`triggered` when it is added to a widget or menu. So a journey does nothing
special to be counted: pressing a real button (`qtbot.mouseClick`, a key, or
`action.trigger()`) is what registers it. The same `control_key` names the
controls the coverage test enumerates, so both sides agree.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionEvent
from PySide6.QtWidgets import QAbstractButton, QDialog

PRESSED: set[str] = set()
"""Every control pressed by a journey during this test session, by `control_key`."""

RECORDING = [False]
"""True while a journey runs: presses made by other tests (tests/ui) do not count."""


def _note(control: QAbstractButton | QAction) -> None:
    if RECORDING[0]:
        PRESSED.add(control_key(control))

_WATCHED = "_journey_watched"


def _label(control: QAbstractButton | QAction) -> str:
    text = control.text() or control.toolTip() or control.objectName() or "?"
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = re.sub(r"\s*\*$", "", text)  # «Сохранить *» is the same button as «Сохранить»
    return " ".join(text.split())


def owner_name(control: QObject) -> str:
    """The page, dialog or panel of the program a control belongs to (its nearest such ancestor)."""
    current = control.parent()
    while current is not None:
        kind = type(current)
        if kind.__module__.startswith("lowres_desktop.ui") and not kind.__name__.startswith("Ui_"):
            return kind.__name__
        if isinstance(current, QDialog):
            return kind.__name__
        current = current.parent()
    return "?"


def control_key(control: QAbstractButton | QAction) -> str:
    return f"{owner_name(control)}: {_label(control)}"


class ControlRecorder(QObject):
    """Notes into PRESSED every button clicked and every action triggered."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QAbstractButton):
            self._watch_button(watched)
        elif kind == QEvent.Type.ActionAdded and isinstance(event, QActionEvent):
            action = event.action()
            if action is not None:
                self._watch_action(action)
        return False

    @staticmethod
    def _watch_button(button: QAbstractButton) -> None:
        if not button.property(_WATCHED):
            button.setProperty(_WATCHED, True)
            button.clicked.connect(lambda _checked=False, b=button: _note(b))

    @staticmethod
    def _watch_action(action: QAction) -> None:
        if not action.property(_WATCHED):
            action.setProperty(_WATCHED, True)
            action.triggered.connect(lambda _checked=False, a=action: _note(a))
