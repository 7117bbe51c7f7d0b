"""One way to run a user action that writes (the pattern of Anki's `aqt/operations`).

Every write of the program goes through `Operations.write`: the work runs on the
single-thread write pool (two writes never interleave their transactions and the
window never freezes on a slow disk or a large region), a progress dialog appears
only when it lasts longer than half a second, a failure is shown the same way
wherever it happened (a DomainError's message as it is, anything else in the
unexpected-error dialog), and afterwards `sig_data_changed` tells the window to
reload what it shows. The page that asked for the write is named as the
initiator: it updates itself in its `on_done` (keeping the cell the user is in),
while every other page reloads when it is next shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from lowres_desktop.services.progress import CancelCheck, Cancelled, ProgressCallback
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.tasks import Task, TaskRunner, Work

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database

T = TypeVar("T")

WriteWork = Callable[["Database", ProgressCallback, CancelCheck], T]
"""A write: takes the database that was open when the user acted, progress and cancel."""


class Operations(QObject):
    """The write pool of one window and the signal its pages refresh on."""

    sig_data_changed = Signal(object)
    """Emitted after every write, with the initiator (a widget or None): pages reload."""

    sig_busy_changed = Signal(bool)
    """True while a write is queued or running (menu actions that write disable themselves)."""

    def __init__(self, parent_widget: QWidget, database: Callable[[], Database | None]) -> None:
        """`database`: the database open when the user acts; None before one opens (a restore)."""
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._database = database
        self.runner = TaskRunner(parent_widget)
        """The runner whose single-thread pool every write shares (the import wizard uses it too)."""
        self.runner.sig_busy_changed.connect(self._on_runner_busy_changed)

    def write(
        self,
        parent: QWidget | None,
        title: str,
        work: WriteWork[T],
        on_done: Callable[[T], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        *,
        initiator: QObject | None = None,
    ) -> Task:
        """Run `work(db, progress, cancel)` on the write pool; then the callbacks on the GUI thread.

        `on_done(result)` runs after `sig_data_changed`; after a failure `on_failed(error)`
        runs (a dialog enables itself again and stays open with what the user typed), then
        the failure is shown over `parent` (nothing for a cancel the user asked for).
        """
        db = self._database()
        assert db is not None, "a write to the database with none open"
        return self.write_file(
            parent,
            title,
            lambda progress, cancel: work(db, progress, cancel),
            on_done,
            on_failed,
            initiator=initiator,
        )

    def write_file(
        self,
        parent: QWidget | None,
        title: str,
        work: Work,
        on_done: Callable[[T], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        *,
        initiator: QObject | None = None,
    ) -> Task:
        """Like `write`, for a write to the database's file rather than through it: `work(progress, cancel)`.

        A restore from a copy puts another file in place of one that did not open, so there is
        no database to hand it; it still waits for the other writes and fails as they do.
        """
        shown_over = parent or self._parent_widget

        def done(result: Any) -> None:
            self.sig_data_changed.emit(initiator)
            if on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            # A failed write rolled back, but a batch of files may have landed in part.
            self.sig_data_changed.emit(initiator)
            if on_failed is not None:
                on_failed(error)
            if not isinstance(error, Cancelled):
                show_error(shown_over, error)

        return self.runner.run(work, done, failed, title=title, writes=True)

    def save_and_close(self, dialog: QDialog, title: str, work: WriteWork[object]) -> Task:
        """The «Сохранить» of a dialog: write, then close it accepted; after a refusal it stays open.

        The dialog is disabled while it is written, so a second press cannot write twice.
        """
        dialog.setEnabled(False)

        def written(_result: object) -> None:
            dialog.setEnabled(True)
            QDialog.accept(dialog)

        return self.write(dialog, title, work, written, lambda _error: dialog.setEnabled(True))

    def is_busy(self) -> bool:
        return self.runner.is_busy()

    def wait(self) -> None:
        """Block until queued writes end, e.g. before the window closes the database."""
        self.runner.wait()

    @Slot(bool)
    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.sig_busy_changed.emit(busy)
