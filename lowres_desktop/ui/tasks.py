"""Running a service off the GUI thread, with a cancellable progress dialog.

Services take a progress callback and a cancel check that know nothing of Qt;
this module adapts them: the service runs on a `QThreadPool`, its progress
crosses back to the GUI thread as queued signals, and the result or the
exception arrives through a callback on the GUI thread. Database writes share
one single-thread pool so that two imports never interleave their
transactions. The progress dialog appears only if the work lasts longer than
half a second, so quick actions do not flash a window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from lowres_desktop.services.collector import collector_paused
from lowres_desktop.services.progress import CancelCheck, ProgressCallback

Work = Callable[[ProgressCallback, CancelCheck], Any]
"""A service call with everything but progress and cancel already bound."""

PROGRESS_DIALOG_DELAY_MS = 500


class _JobSignals(QObject):
    """Lives in the GUI thread; emitting from the worker queues the call there."""

    sig_progressed = Signal(int, int, str)
    sig_finished = Signal(object)
    sig_failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Work, signals: _JobSignals, cancelled: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self._cancelled = cancelled

    def run(self) -> None:
        try:
            result = self._work(self._signals.sig_progressed.emit, self._cancelled.is_set)
        except BaseException as error:  # noqa: BLE001 - every failure goes to the GUI thread
            self._signals.sig_failed.emit(error)
        else:
            self._signals.sig_finished.emit(result)


class Task(QObject):
    """One running service call: its progress dialog, cancel flag and callbacks."""

    sig_done = Signal()

    def __init__(
        self,
        title: str,
        parent_widget: QWidget | None,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.title = title
        self.cancelled = threading.Event()
        self.finished = False
        self.signals = _JobSignals()
        self._parent_widget = parent_widget
        self._on_done = on_done
        self._on_error = on_error
        self._progress: tuple[int, int, str] = (0, 0, "")
        self._dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.signals.sig_progressed.connect(self._on_job_progressed)
        self.signals.sig_finished.connect(self._on_job_finished)
        self.signals.sig_failed.connect(self._on_job_failed)

    def start(self, pool: QThreadPool, work: Work) -> None:
        self._timer.start(PROGRESS_DIALOG_DELAY_MS)
        # Held here as well as by the pool so the Python wrapper outlives the run.
        self._job = _Job(work, self.signals, self.cancelled)
        pool.start(self._job)

    def cancel(self) -> None:
        self.cancelled.set()

    def progress_dialog(self) -> QProgressDialog | None:
        return self._dialog

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self.finished:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(self.title)
        dialog.setCancelButtonText(self.tr("Отменить"))
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self._on_dialog_canceled)
        self._dialog = dialog
        self._show_progress()
        dialog.show()

    @Slot()
    def _on_dialog_canceled(self) -> None:
        self.cancel()

    @Slot(int, int, str)
    def _on_job_progressed(self, done: int, total: int, message: str) -> None:
        self._progress = (done, total, message)
        if self._dialog is not None and not self.cancelled.is_set():
            self._show_progress()

    def _show_progress(self) -> None:
        assert self._dialog is not None
        done, total, message = self._progress
        self._dialog.setLabelText(message or self.title)
        if total > 0:
            self._dialog.setRange(0, total)
            self._dialog.setValue(min(done, total))
        else:
            self._dialog.setRange(0, 0)

    @Slot(object)
    def _on_job_finished(self, result: object) -> None:
        self._close()
        self._on_done(result)

    @Slot(object)
    def _on_job_failed(self, error: BaseException) -> None:
        self._close()
        self._on_error(error)

    def _close(self) -> None:
        self.finished = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self._on_dialog_canceled)
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None
        self.sig_done.emit()


class TaskRunner(QObject):
    """Starts service calls for one window and tells it when writing is under way."""

    sig_busy_changed = Signal(bool)

    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._write_pool = QThreadPool(self)
        self._write_pool.setMaxThreadCount(1)
        self._read_pool = QThreadPool.globalInstance()
        self._running: list[Task] = []

    def run(
        self,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        title: str,
        writes: bool,
    ) -> Task:
        """Start `work(progress, cancel)`; exactly one callback runs later on the GUI thread."""
        task = Task(title, self._parent_widget, on_done, on_error)
        task.sig_done.connect(self._on_task_done)
        was_busy = self.is_busy()
        self._running.append(task)
        task.start(self._write_pool if writes else self._read_pool, work)
        if not was_busy:
            self.sig_busy_changed.emit(True)
        return task

    def is_busy(self) -> bool:
        return bool(self._running)

    def wait(self) -> None:
        """Block until queued writes end, e.g. before the window closes the database."""
        self._write_pool.waitForDone()

    @Slot()
    def _on_task_done(self) -> None:
        task = self.sender()
        self._running = [t for t in self._running if t is not task]
        if not self._running:
            self.sig_busy_changed.emit(False)


BACKGROUND_ROWS = 2_000
"""Above this many schools a view reads its data in the background.

A municipality (a few hundred schools) reads in a few hundredths of a second,
so its pages fill at once and never flash «Загрузка…»; a region or a country
takes seconds (tests/bench/bench_gui_tables.py), which must not freeze the window.
"""


_Failure = Callable[[BaseException], None]


class Loader(QObject):
    """Fetches one view's data, off the GUI thread when asked; only the latest request lands.

    `load` supersedes whatever is still running: when the user switches the
    year twice quickly, the first answer arrives late and is dropped instead of
    overwriting the second. `show` and `fail` run on the GUI thread.
    """

    sig_busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request = 0
        self._busy = False
        self._running: dict[int, tuple[_JobSignals, _Job, Callable[[Any], None], _Failure]] = {}
        """The jobs' Python wrappers, held until they report, and where their answers go."""

    def load(
        self,
        fetch: Callable[[], Any],
        show: Callable[[Any], None],
        fail: Callable[[BaseException], None],
        *,
        background: bool,
    ) -> None:
        """`show(fetch())`: now (errors propagate) or from a worker thread (errors go to `fail`)."""
        self._request += 1
        request = self._request
        if not background:
            self._set_busy(False)
            show(fetch())
            return

        def work(_progress: ProgressCallback, _cancel: CancelCheck) -> tuple[int, Any, BaseException | None]:
            try:
                with collector_paused():
                    fetched = fetch()
                return request, fetched, None
            except Exception as error:  # noqa: BLE001 - every failure goes to the GUI thread
                return request, None, error

        signals = _JobSignals()
        # A bound slot, so that a loader deleted with its view receives nothing.
        signals.sig_finished.connect(self._on_job_finished)
        job = _Job(work, signals, threading.Event())
        self._running[request] = (signals, job, show, fail)
        self._set_busy(True)
        QThreadPool.globalInstance().start(job)

    def is_busy(self) -> bool:
        """True while the latest request has not landed yet."""
        return self._busy

    def cancel(self) -> None:
        """Drop whatever is running, e.g. before the database it reads is closed."""
        self._request += 1
        self._set_busy(False)

    @Slot(object)
    def _on_job_finished(self, outcome: tuple[int, Any, BaseException | None]) -> None:
        request, result, error = outcome
        _signals, _job, show, fail = self._running.pop(request)
        if request != self._request:
            return
        self._set_busy(False)
        if error is None:
            show(result)
        else:
            fail(error)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.sig_busy_changed.emit(busy)
