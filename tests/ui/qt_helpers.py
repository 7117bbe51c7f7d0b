"""Small helpers shared by the UI tests."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot


def double_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    """Double-click a cell as a user does: the view reacts only to the item it saw pressed."""
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def find_row(model, column: int, text: str) -> int:  # type: ignore[no-untyped-def]
    """The first row whose cell in `column` shows `text`; fails the test when there is none."""
    for row in range(model.rowCount()):
        if model.index(row, column).data() == text:
            return row
    raise AssertionError(f"no row shows {text!r} in column {column}")
