"""The task helper: work runs off the GUI thread, callbacks come back on it, cancel reaches the work."""

from __future__ import annotations

import gc
import threading
import time
import weakref

from PySide6.QtWidgets import QPushButton, QWidget

from lowres_desktop.services.progress import Cancelled, check_cancel
from lowres_desktop.ui.tasks import PROGRESS_DIALOG_DELAY_MS, Loader, TaskRunner


def _runner(qtbot) -> TaskRunner:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    return TaskRunner(parent)


def test_result_arrives_on_the_gui_thread(qtbot) -> None:
    runner = _runner(qtbot)
    seen: dict[str, object] = {}

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        seen["work_thread"] = threading.current_thread()
        progress(1, 2, "половина")
        return 42

    def done(value: object) -> None:
        seen["value"] = value
        seen["callback_thread"] = threading.current_thread()

    busy: list[bool] = []
    runner.sig_busy_changed.connect(busy.append)
    task = runner.run(work, done, seen.setdefault, title="Проверка", writes=True)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["work_thread"] is not threading.main_thread()
    assert seen["callback_thread"] is threading.main_thread()
    assert task.progress_dialog() is None  # quick work shows no dialog
    assert busy == [True, False] and not runner.is_busy()


def test_exception_goes_to_the_error_callback(qtbot) -> None:
    runner = _runner(qtbot)
    errors: list[BaseException] = []

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        raise ValueError("сбой")

    runner.run(work, lambda _v: None, errors.append, title="Проверка", writes=False)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "сбой"
    assert errors[0].__traceback__ is not None


def test_slow_work_shows_a_progress_dialog_that_cancels(qtbot) -> None:
    runner = _runner(qtbot)
    errors: list[BaseException] = []
    started = threading.Event()

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        started.set()
        for step in range(500):
            progress(step, 500, f"шаг {step}")
            check_cancel(cancel)
            time.sleep(0.01)
        return "не отменено"

    task = runner.run(work, errors.append, errors.append, title="Долгая работа", writes=True)
    assert started.wait(5)
    assert task.progress_dialog() is None
    qtbot.waitUntil(lambda: task.progress_dialog() is not None, timeout=PROGRESS_DIALOG_DELAY_MS * 4)
    dialog = task.progress_dialog()
    assert dialog.windowTitle() == "Долгая работа"
    qtbot.waitUntil(lambda: dialog.labelText().startswith("шаг"), timeout=2000)
    dialog.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Cancelled)
    assert task.progress_dialog() is None


class _Node:
    """Loaded data in a reference cycle (a row pointing to its table pointing back)."""

    def __init__(self) -> None:
        self.other: _Node | None = None


def test_data_a_background_load_leaves_in_a_cycle_is_collected_later(qtbot) -> None:
    """A load must not freeze what it fetched: a cycle dropped by the view is freed by the collector."""
    loader = Loader()
    frozen_before = gc.get_freeze_count()
    shown: list[weakref.ref[_Node]] = []

    def fetch() -> _Node:
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        return first

    loader.load(fetch, lambda node: shown.append(weakref.ref(node)), lambda error: None, background=True)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    gc.collect()
    assert shown[0]() is None
    assert gc.get_freeze_count() == frozen_before
