"""Benchmark: opening the two dialogs that pick schools at 40,000 schools (offscreen Qt).

Run: QT_QPA_PLATFORM=offscreen /work/.venv/bin/python tests/bench/bench_gui_school_dialogs.py [--db PATH]
Uses the database of bench_categories.py (built there if missing; a roadmap is
added to it the first time, as the monitoring round needs one). For the
roadmap editor's «Школы…» and the monitoring page's «Новый мониторинг» it
prints how long the window is blocked from the click until the dialog is on
screen, how long until the schools (and the flagged ones) are listed, and the
longest freeze of the event loop meanwhile (see bench_gui_tables.py).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lowres_desktop.services.roadmaps import create_from_template, list_roadmaps, load_roadmap  # noqa: E402
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from lowres_desktop.ui.dialogs import round_dialog, school_picker_dialog  # noqa: E402
from lowres_desktop.ui.views.monitoring_view import MonitoringView  # noqa: E402
from lowres_desktop.ui.views.roadmap_editor import RoadmapEditor  # noqa: E402
from tests.bench.bench_categories import country_database  # noqa: E402
from tests.bench.bench_gui_tables import report, wait_loaded  # noqa: E402
from tests.ui.qt_helpers import app_context  # noqa: E402


def _opened(dialog_class: type[QDialog]) -> list[QDialog]:
    """Make `exec` show the dialog and return at once, keeping it for the measurements."""
    opened: list[QDialog] = []

    def exec_(self: QDialog) -> int:
        self.show()
        self.repaint()
        QCoreApplication.processEvents()
        opened.append(self)
        return 0

    dialog_class.exec = exec_  # type: ignore[method-assign]
    return opened


def _measure(label: str, click: Any, opened: list[QDialog], loading: Any) -> None:
    start = time.perf_counter()
    click()
    report(f"{label}: окно занято до появления", time.perf_counter() - start)
    wait_loaded(label, opened[-1], lambda: loading(opened[-1]))
    opened[-1].close()


def main() -> int:
    db = Database.open(str(country_database(__doc__ or "")))
    if not list_roadmaps(db):
        create_from_template(db, "seed002_novokuznetsk_2020_2021")
    roadmap = load_roadmap(db, list_roadmaps(db)[0].listing.id)
    _app = QApplication.instance() or QApplication([])

    editor = RoadmapEditor(app_context(None, db))
    editor.resize(1400, 900)
    editor.show()
    editor.set_database(db)
    editor.open(roadmap)
    editor.select((0, 0))
    QCoreApplication.processEvents()
    picked = _opened(school_picker_dialog.SchoolPickerDialog)
    _measure(
        "«Школы…» дорожной карты",
        editor.details.schools_button.click,
        picked,
        lambda d: d.checklist.is_loading(),
    )

    view = MonitoringView(app_context(None, db))
    view.resize(1400, 900)
    view.show()
    view.refresh(db)
    QCoreApplication.processEvents()
    rounds = _opened(round_dialog.RoundDialog)
    _measure("«Новый мониторинг»", view._on_new_clicked, rounds, lambda d: d.is_loading())
    return 0


if __name__ == "__main__":
    sys.exit(main())
