"""Benchmark: a day of use in minutes — 500 switches of page, year and school on a region's database.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. python tests/bench/bench_soak.py [--switches 500] [--schools 1000]

Builds the region of bench_import.py (`--schools` schools, 9 procedures × 3
years) with a roadmap for every flagged school, opens the main window on it
as the program does (what start-up built frozen once: services/collector.py),
visits every page once so that every cache is filled, then switches
`--switches` times, in turn: to the next page, to another year on the
current page (or the flagged schools' page), to another school's card —
each time waiting until the page's background load has landed. Prints the
resident memory (VmRSS) and the number of objects the collector tracks
before and after, and the median and slowest switch. Target (issue 17):
growth under 50 MB.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lowres_desktop.services.collector import freeze_start_up  # noqa: E402
from lowres_desktop.services.identify_schools import identify_schools  # noqa: E402
from lowres_desktop.services.import_workbook import import_workbook  # noqa: E402
from lowres_desktop.services.roadmaps import generate_school_roadmaps  # noqa: E402
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from lowres_desktop.ui.app_context import Page  # noqa: E402
from lowres_desktop.ui.main_window import MainWindow  # noqa: E402
from lowres_desktop.ui.year_combo_box import YearComboBox  # noqa: E402
from tests.data.region_workbook import YEARS, build_region  # noqa: E402

PAGES = [page for page in Page if page is not Page.CARD]


def resident_mib() -> float:
    """The process's resident memory from /proc (Linux), in MiB."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _settle(window: MainWindow, timeout: float = 60.0) -> None:
    """Process events until no page's background load is running (and a little after)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        QCoreApplication.processEvents()
        busy = [v for v in window.views if getattr(v, "loader", None) is not None and v.loader.is_busy()]
        if not busy:
            break
        time.sleep(0.002)
    for _round in range(3):
        QCoreApplication.processEvents()


def _year_combo(window: MainWindow) -> YearComboBox:
    current = window.views[window.current_page()]
    combo = getattr(current, "years", None)
    if isinstance(combo, YearComboBox) and combo.count() > 1:
        return combo
    window.show_page(Page.FLAGGED)
    return window.views[Page.FLAGGED].years


def _switch(window: MainWindow, step: int, logins: list[str]) -> None:
    kind = step % 3
    if kind == 0:
        window.show_page(PAGES[(step // 3) % len(PAGES)])
    elif kind == 1:
        combo = _year_combo(window)
        combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())
    else:
        window.open_school_card(logins[(step // 3) % len(logins)])


def _measure() -> tuple[float, int]:
    gc.collect()
    return resident_mib(), len(gc.get_objects())


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--switches", type=int, default=500)
    parser.add_argument("--schools", type=int, default=1000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        region = build_region(folder / "region.xlsx", args.schools)
        db = Database.open(str(folder / "region.sqlite"))
        import_workbook(db, region)
        generate_school_roadmaps(db, YEARS[-1])
        logins = [f.school.login for f in identify_schools(db, YEARS[-1]).flagged][:50]
        freeze_start_up()
        window = MainWindow(db)
        window.resize(1400, 900)
        window.show()
        _settle(window)
        for page in PAGES:
            window.show_page(page)
            _settle(window)
        window.open_school_card(logins[0])
        _settle(window)
        before, objects_before = _measure()
        print(f"Регион: {args.schools} школ; до: {before:.0f} МБ, объектов {objects_before}")
        seconds = []
        for step in range(args.switches):
            started = time.perf_counter()
            _switch(window, step, logins)
            _settle(window)
            seconds.append(time.perf_counter() - started)
        after, objects_after = _measure()
        print(
            f"После {args.switches} переключений (страница, год, школа): {after:.0f} МБ, "
            f"объектов {objects_after}; прирост {after - before:+.1f} МБ "
            f"(цель < 50 МБ: {'да' if after - before < 50 else 'нет'}), "
            f"объектов {objects_after - objects_before:+d}"
        )
        print(f"Переключение: медиана {statistics.median(seconds):.3f} с, самое долгое {max(seconds):.3f} с")
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
        db.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
