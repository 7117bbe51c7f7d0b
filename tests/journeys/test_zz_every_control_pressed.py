"""Every button and menu action of every page and dialog is pressed by some journey.

Runs after the journeys (see conftest), over what `ControlRecorder` noted.
`not_yet_pressed.txt` lists the controls still waiting for a journey; it may
only shrink: a listed control that a journey now presses, or that no longer
exists, fails the test until its line is removed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent

from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.main_window import MainWindow
from tests.journeys.controls import controls
from tests.journeys.recording import PRESSED
from tests.journeys.surfaces import DIALOGS, dialog_classes

HERE = Path(__file__).parent
WAITING = {
    line.strip()
    for line in (HERE / "not_yet_pressed.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}


def test_every_dialog_class_is_listed_for_the_checks() -> None:
    defined = dialog_classes()
    assert defined - set(DIALOGS) == set(), "add a factory to tests/journeys/surfaces.py"
    assert set(DIALOGS) - defined == set(), "surfaces.py lists a dialog that no longer exists"


def every_control(db: Database, qtbot) -> set[str]:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    window.resize(1366, 728)
    window.show()
    for page in Page:
        window.show_page(page)
    keys = controls(window)
    for name, factory in DIALOGS.items():
        dialog = factory(window)
        dialog.show()
        qtbot.waitExposed(dialog)
        found = controls(dialog)
        assert found, f"{name}: no control found"
        keys |= found
        dialog.reject()
        dialog.deleteLater()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return keys


def test_every_control_is_pressed_by_a_journey(request, qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    journeys = {p.name for p in HERE.glob("test_*.py")} - {Path(__file__).name}
    ran = {Path(str(item.fspath)).name for item in request.session.items}
    assert journeys <= ran, (
        "the coverage of controls needs every journey in the same run: "
        "pytest tests/journeys (missing: " + ", ".join(sorted(journeys - ran)) + ")"
    )
    existing = every_control(demo_db, qtbot)
    missing = existing - PRESSED - WAITING
    assert not missing, "no journey presses:\n" + "\n".join(sorted(missing))
    done = WAITING & PRESSED
    assert not done, "pressed now, remove from not_yet_pressed.txt:\n" + "\n".join(sorted(done))
    gone = WAITING - existing
    assert not gone, "no longer exist, remove from not_yet_pressed.txt:\n" + "\n".join(sorted(gone))
