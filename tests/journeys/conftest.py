"""Journeys: a person's tasks driven through the real widgets of the real main window.

How to add one (every helper who adds a button must): write a `test_*.py` here
that takes the `open_window` fixture, presses the real controls (see
`driving.py`: `press`, `press_text`, `trigger`, `answer…` for modal dialogs),
then checks the database and what the window shows. Nothing else to register:
the `ControlRecorder` installed below notes every button clicked and action
triggered, and `test_zz_every_control_pressed.py` (run last) fails for any
control of a page or dialog that no journey pressed. A new dialog class is
added to `surfaces.DIALOGS` so that the coverage and the fit-to-screen tests
open it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from lowres_desktop.app import install_qt_translations  # noqa: E402
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from lowres_desktop.ui.main_window import MainWindow  # noqa: E402
from lowres_desktop.ui.screen_fit import install_screen_fit  # noqa: E402
from tests.journeys.recording import RECORDING, ControlRecorder  # noqa: E402
from tests.ui.conftest import (  # noqa: E402, F401 - the databases the UI tests use
    _demo_template,
    _private_database_default,
    _seed_template,
    demo_db,
    empty_db,
    seed_db,
    seed_db_path,
    seed_workbook,
)

COVERAGE_TEST = "test_zz_every_control_pressed.py"

_recorder: list[ControlRecorder] = []


@pytest.fixture(autouse=True)
def control_recorder(qapp: QApplication) -> Iterator[ControlRecorder]:
    """Installed once for the session, before any window of a journey exists; notes while a journey runs."""
    if not _recorder:
        # As app.py sets the application up: Qt's texts in Russian, dialogs trimmed to the screen.
        install_qt_translations(qapp)
        install_screen_fit(qapp)
        recorder = ControlRecorder()
        qapp.installEventFilter(recorder)
        _recorder.append(recorder)
    RECORDING[0] = True
    yield _recorder[0]
    RECORDING[0] = False


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:  # type: ignore[type-arg]
    """The coverage test runs right after the last journey, whatever the order of collection."""
    last = [item for item in items if item.fspath.basename == COVERAGE_TEST]
    if not last:
        return
    rest = [item for item in items if item not in last]
    journeys = [n for n, item in enumerate(rest) if "journeys" in str(item.fspath)]
    at = journeys[-1] + 1 if journeys else len(rest)
    items[:] = rest[:at] + last + rest[at:]


@pytest.fixture
def open_window(qtbot, control_recorder: ControlRecorder) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    """`open_window(db)`: the main window on that database, on screen at 1366×768 like an office PC."""
    windows: list[MainWindow] = []

    def make(db: Database, size: tuple[int, int] = (1366, 728)) -> MainWindow:
        window = MainWindow(db)
        window.resize(*size)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.operations.wait()
        QCoreApplication.processEvents()
        window.roadmaps_view.editor.discard()
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
