"""Small helpers shared by the UI tests."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget
from pytestqt.qtbot import QtBot

from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.app_context import AppContext, Page


class StubNavigator:
    """Navigation for a page tested on its own: notes what was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, object]] = []

    def show_page(self, page: Page) -> None:
        self.asked.append(("page", page))

    def current_page(self) -> Page:
        return Page.SCHOOLS

    def open_school_card(self, login: str) -> None:
        self.asked.append(("card", login))

    def open_database(self, target: str) -> bool:
        self.asked.append(("database", target))
        return False

    def refresh(self) -> None:
        self.asked.append(("refresh", None))


def app_context(qtbot: QtBot | None, db: Database) -> AppContext:
    """A context for a page or dialog shown without the main window (benchmarks pass no qtbot)."""
    window = QWidget()
    if qtbot is not None:
        qtbot.addWidget(window)
    else:
        _kept.append(window)
    return AppContext(db, window, StubNavigator())


_kept: list[QWidget] = []
"""Context windows of benchmarks, alive until the process ends."""


def wait_writes(qtbot: QtBot, context: AppContext) -> None:
    qtbot.waitUntil(lambda: not context.operations.is_busy(), timeout=30_000)


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
