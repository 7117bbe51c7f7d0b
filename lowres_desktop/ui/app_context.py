"""What pages, dialogs and helpers of one window share: the database, the operations, navigation.

Pages used to reach into `MainWindow`'s private members (its task runner, its
`_switch_to`, its error slot), which tied `main_window`, `office_actions` and
`result_edit_dialog` into an import circle. They now get one `AppContext`
instead; the window implements `Navigator` and is the only thing that knows
the pages.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from lowres_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database


class Page(IntEnum):
    """The navigation pages of the main window, in the order of the list on its left."""

    SCHOOLS = 0
    RESULTS = 1
    FLAGGED = 2
    CARD = 3
    ROADMAPS = 4
    MONITORING = 5
    DOCUMENTS = 6
    ANALYSIS = 7
    HISTORY = 8


class Navigator(Protocol):
    """What a page may ask of the window around it."""

    def show_page(self, page: Page) -> None: ...

    def current_page(self) -> Page: ...

    def open_school_card(self, login: str) -> None: ...

    def open_database(self, target: str) -> bool:
        """Switch to another database (after asking about unsaved edits); False if it did not."""
        ...

    def refresh(self) -> None: ...


class AppContext(QObject):
    """The open database, the one way to write, and the window's navigation."""

    sig_database_changed = Signal()

    def __init__(self, db: Database | None, window: QWidget, navigator: Navigator) -> None:
        """`db` None: the window is on screen while the database still opens (app.py)."""
        super().__init__(window)
        self._db = db
        self.window = window
        """The parent for dialogs and messages that belong to the whole window."""
        self.navigator = navigator
        self.operations = Operations(window, lambda: self.db)

    @property
    def db(self) -> Database:
        """The open database; only pages and actions enabled once it is open ask for it."""
        if self._db is None:
            raise RuntimeError("the database is still opening")
        return self._db

    def is_open(self) -> bool:
        return self._db is not None

    def set_database(self, db: Database) -> None:
        self._db = db
        self.sig_database_changed.emit()
