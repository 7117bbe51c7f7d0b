"""Benchmark: the 40,000-row heat map and schools table open, sort and filter (offscreen Qt).

Run: QT_QPA_PLATFORM=offscreen /work/.venv/bin/python tests/bench/bench_gui_tables.py [--db PATH]
Uses the database of bench_categories.py (built there if missing). Prints, in
seconds: the services' data fetch, then for each table the time to show the
rows (model reset + first paint), to sort by a column both ways and to filter
by a search text, each followed by a repaint — what a user would wait for.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView, QWidget  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lowres_desktop.domain.profiles import default_profile  # noqa: E402
from lowres_desktop.services.chart_series import heat_map  # noqa: E402
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from lowres_desktop.ui.models.heat_map_model import FIXED_COLUMNS  # noqa: E402
from lowres_desktop.ui.views.analysis_view import AnalysisView  # noqa: E402
from lowres_desktop.ui.views.schools_view import SchoolsView  # noqa: E402
from tests.bench.bench_categories import build  # noqa: E402

VISIBLE_PAUSE = 0.1
"""About what people notice as a pause after a click."""


def timed(label: str, widget: QWidget, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    widget.repaint()
    QCoreApplication.processEvents()
    elapsed = time.perf_counter() - start
    mark = "" if elapsed <= VISIBLE_PAUSE else "  (заметная пауза)"
    print(f"  {label:<44} {elapsed:7.3f} с{mark}")
    return elapsed


def sort(table: QTableView, column: int, order: Qt.SortOrder) -> Callable[[], None]:
    return lambda: table.sortByColumn(column, order)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "lowres_bench_40000.sqlite")
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, 40_000)
    app = QApplication.instance() or QApplication([])
    db = Database.open(str(args.db))
    profile = default_profile()

    start = time.perf_counter()
    heat = heat_map(db, 2024, profile)
    print(
        f"Тепловая карта: данные сервиса heat_map для {len(heat.rows)} школ — "
        f"{time.perf_counter() - start:.3f} с"
    )
    view = AnalysisView()
    view.resize(1600, 1000)
    view.show()
    view.tabs.setCurrentIndex(3)
    QCoreApplication.processEvents()
    table = view.heat_table
    figures = [
        timed("открыть (модель + первая отрисовка)", view, lambda: view.heat_model.set_heat_map(heat)),
        timed("сортировать по школе", view, sort(table, 0, Qt.SortOrder.AscendingOrder)),
        timed(
            "сортировать по ВПР МА 5 по убыванию",
            view,
            sort(table, FIXED_COLUMNS, Qt.SortOrder.DescendingOrder),
        ),
        timed("сортировать по категории", view, sort(table, 2, Qt.SortOrder.AscendingOrder)),
        timed("фильтр «СОШ № 123»", view, lambda: view.heat_filter.setText("СОШ № 123")),
        timed("снять фильтр", view, lambda: view.heat_filter.setText("")),
        timed("прокрутить в конец", view, lambda: table.scrollToBottom()),
    ]
    heat_worst = max(figures)

    print("Таблица школ (страница «Школы»):")
    schools = SchoolsView()
    schools.resize(1600, 1000)
    schools.show()
    QCoreApplication.processEvents()
    school_figures = [
        timed("открыть (сервис + модель + отрисовка)", schools, lambda: schools.refresh(db)),
        timed(
            "сортировать по названию по убыванию",
            schools,
            sort(schools.table, 1, Qt.SortOrder.DescendingOrder),
        ),
        timed("фильтр «СОШ № 123»", schools, lambda: schools.proxy.setFilterFixedString("СОШ № 123")),
        timed("снять фильтр", schools, lambda: schools.proxy.setFilterFixedString("")),
    ]
    print(
        f"Тепловая карта: худшее действие {heat_worst:.3f} с; "
        f"таблица школ: худшее {max(school_figures):.3f} с"
    )
    db.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
