"""How a journey drives the program: press real buttons and actions, answer modal dialogs.

A modal dialog (`exec()`, `QMessageBox.question`, `QFileDialog.get…`) blocks
the test until it closes, so its answer is prepared first: `answer(qtbot,
kind, handler)` polls from a timer for the active modal window of that kind
and runs `handler(dialog)`, which fills it and presses its own buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

W = TypeVar("W", bound=QWidget)


def press(qtbot: QtBot, button: QAbstractButton) -> None:
    """A left click in the middle of a visible, enabled button, as a person does it."""
    assert button.isVisible(), f"«{button.text()}» is not on screen"
    assert button.isEnabled(), f"«{button.text()}» is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into the focused `widget` key by key (QTest's keyClicks knows only ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def button(root: QWidget, text: str) -> QAbstractButton:
    """The visible button of `root` whose text (without & and a trailing *) is `text`."""
    found = [
        b
        for b in root.findChildren(QAbstractButton)
        if b.isVisible() and b.text().replace("&", "").rstrip(" *") == text
    ]
    assert found, f"no visible button «{text}» in {type(root).__name__}: " + ", ".join(
        sorted({b.text() for b in root.findChildren(QAbstractButton) if b.isVisible()})
    )
    return found[0]


def press_text(qtbot: QtBot, root: QWidget, text: str) -> None:
    press(qtbot, button(root, text))


def menu_action(window: QMainWindow, *path: str) -> QAction:
    """The action at `path` of the menu bar, e.g. ("Файл", "Импорт результатов…")."""
    actions = window.menuBar().actions()
    found: QAction | None = None
    for step in path:
        found = next((a for a in actions if a.text().replace("&", "") == step), None)
        assert found is not None, f"no menu item «{step}» among " + ", ".join(
            a.text().replace("&", "") for a in actions
        )
        menu = found.menu()
        actions = menu.actions() if isinstance(menu, QMenu) else []
    assert found is not None
    return found


def trigger(window: QMainWindow, *path: str) -> None:
    """Choose a menu item; its menu is shown first so menus filled on opening are current."""
    action = menu_action(window, *path)
    assert action.isEnabled(), f"menu item {' → '.join(path)} is disabled"
    action.trigger()


def answer(
    qtbot: QtBot, kind: type[W], handler: Callable[[W], object], *, timeout_ms: int = 10_000
) -> list[W]:
    """Once a modal `kind` is on screen, run `handler` on it (from the event loop).

    Returns a list that holds the dialog once answered, for the test to check.
    """
    answered: list[W] = []
    timer = QTimer()
    timer.setInterval(20)
    waited = [0]

    def poll() -> None:
        waited[0] += 20
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            timer.stop()
            answered.append(widget)
            handler(widget)
        elif waited[0] > timeout_ms:
            timer.stop()

    timer.timeout.connect(poll)
    timer.start()
    _keep.append(timer)
    return answered


_keep: list[QTimer] = []
"""Timers of pending answers, alive until the session ends."""


def press_standard(qtbot: QtBot, dialog: QDialog, which: QDialogButtonBox.StandardButton) -> None:
    """Press a dialog's standard button (ОК, Отмена, Сохранить…) found in its button box."""
    for box in dialog.findChildren(QDialogButtonBox):
        found = box.button(which)
        if found is not None and found.isVisible():
            press(qtbot, found)
            return
    raise AssertionError(f"{type(dialog).__name__} has no visible {which}")


def answer_question(qtbot: QtBot, which: QMessageBox.StandardButton) -> list[QMessageBox]:
    """Answer the next question box with one of its standard buttons."""
    return answer(qtbot, QMessageBox, lambda box: press(qtbot, box.button(which)))


def answer_message(qtbot: QtBot, seen: list[str] | None = None) -> list[QMessageBox]:
    """Close the next message box with its only button, noting its text in `seen`."""

    def close(box: QMessageBox) -> None:
        if seen is not None:
            seen.append(box.text())
        press(qtbot, box.buttons()[0])

    return answer(qtbot, QMessageBox, close)


def answer_file(qtbot: QtBot, path: Path | list[Path]) -> list[QFileDialog]:
    """Type the path(s) into the next file dialog and accept it, as a person would."""
    paths = path if isinstance(path, list) else [path]

    def choose(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(paths[0].parent))
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        text = " ".join(f'"{p.name}"' for p in paths) if len(paths) > 1 else paths[0].name
        if name is not None:
            name.setText(text)
        else:
            dialog.selectFile(text)
        dialog.accept()

    return answer(qtbot, QFileDialog, choose)


def answer_folder(qtbot: QtBot, folder: Path) -> list[QFileDialog]:
    """Choose `folder` in the next «choose a folder» dialog."""

    def choose(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(folder))
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        if name is not None:
            name.setText(str(folder))
        dialog.accept()

    return answer(qtbot, QFileDialog, choose)


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """Make `window` active again after a modal dialog closed (the offscreen platform does not)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


def wait_writes(qtbot: QtBot, window: QWidget) -> None:
    """Until the window's write pool is idle and the callbacks have run."""
    operations = window.context.operations  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not operations.is_busy(), timeout=30_000)
