"""Opens the main window and every dialog on one screen size and scale; prints what does not fit.

Run in its own process (QT_SCALE_FACTOR must be set before Qt starts), by
`test_fit_to_screen.py`:  python -m tests.journeys.fit_probe WIDTH HEIGHT SCALE DB OUT_DIR
Prints one JSON object: every window's size against the screen's available area
(in device-independent pixels, as Qt lays out), the titles of its charts whose plot
runs past the chart's width (a long title or legend cuts the plot), and saves a PNG of each.
For each page of the main window, once its data has loaded, also the width the page asks
for against the width its scroll area shows: wider, and the page scrolls sideways with its
right part (a search box, the end of a sentence, a table's last column) out of sight.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path


def _configure(width: int, height: int, scale: str) -> None:
    config = Path(tempfile.mkdtemp()) / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "office",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = scale


def main() -> int:
    width, height, scale, db_path, out = sys.argv[1:6]
    _configure(int(width), int(height), scale)
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

    from lowres_desktop.app import _application
    from lowres_desktop.services.database import open_database
    from lowres_desktop.ui.app_context import Page
    from lowres_desktop.ui.charts.analysis_charts import ChartWidget
    from lowres_desktop.ui.main_window import MainWindow
    from lowres_desktop.ui.screen_fit import show_main_window
    from lowres_desktop.ui.tasks import Loader
    from tests.journeys.surfaces import DIALOGS

    app = _application()
    available = app.primaryScreen().availableGeometry()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(db_path)
    window = MainWindow(db)
    show_main_window(window)
    report: dict[str, object] = {"available": [available.width(), available.height()], "windows": {}}

    def settle() -> None:
        for _ in range(5):
            QApplication.processEvents()

    def note(name: str, widget: QWidget) -> None:
        settle()
        frame = widget.frameGeometry()
        hint = widget.minimumSizeHint()
        report["windows"][name] = {  # type: ignore[index]
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "minimum": [hint.width(), hint.height()],
            "fits": available.contains(frame),
            "clipped_charts": [
                chart.title()
                for chart in widget.findChildren(ChartWidget)
                if chart.isVisible() and chart.view.ci.geometry().width() > chart.view.viewport().width() + 1
            ],
        }
        widget.grab().save(str(folder / f"{name}.png"))

    def loaded() -> None:
        """Until the page's background reads have landed: the rows and texts they bring set its width."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            settle()
            if not window.operations.is_busy() and not any(
                loader.is_busy() for loader in window.findChildren(Loader)
            ):
                break
            time.sleep(0.02)
        settle()

    for page in Page:
        window.show_page(page)
        loaded()
        name = f"MainWindow_{page.name.lower()}"
        note(name, window)
        area = window.stack.currentWidget()
        assert isinstance(area, QScrollArea)
        inner = area.widget()
        wanted = inner.minimumSizeHint().expandedTo(inner.minimumSize()).width()
        report["windows"][name]["page_width"] = [wanted, area.viewport().width()]  # type: ignore[index]
    for name, factory in DIALOGS.items():
        dialog = factory(window)
        dialog.show()
        note(name, dialog)
        dialog.reject()
        dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print(json.dumps(report))
    window.roadmaps_view.editor.discard()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
