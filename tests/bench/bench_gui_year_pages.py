"""Benchmark: the results and flagged pages of 40,000 schools open, change year, sort, filter (offscreen).

Run: QT_QPA_PLATFORM=offscreen /work/.venv/bin/python tests/bench/bench_gui_year_pages.py [--db PATH]
Uses the database of bench_categories.py (built there if missing) and the
measures of bench_gui_tables.py: the window's blocked time per action, and
after opening or changing the year the wait for the rows and the longest
event-loop freeze meanwhile; then the two data services alone.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lowres_desktop.services.browse import results_grid  # noqa: E402
from lowres_desktop.services.identify_schools import identify_schools  # noqa: E402
from lowres_desktop.services.rule_profiles import current_profile  # noqa: E402
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from lowres_desktop.ui.models.results_table_model import ResultsTableModel  # noqa: E402
from lowres_desktop.ui.views.flagged_view import FlaggedView  # noqa: E402
from lowres_desktop.ui.views.results_view import ResultsView  # noqa: E402
from lowres_desktop.ui.views.year_view import YearView  # noqa: E402
from tests.bench.bench_categories import country_database  # noqa: E402
from tests.bench.bench_gui_tables import VISIBLE_PAUSE, report, sort, timed, wait_loaded  # noqa: E402

LATEST = 2024
EARLIER = 2023


def page(title: str, view: YearView, db: Database, sorts: list[tuple[str, int, Qt.SortOrder]]) -> list[float]:
    """Open the page, sort, filter, scroll and change the year back and forth; the figures printed."""
    print(f"{title}:")
    view.resize(1600, 1000)
    view.show()
    QCoreApplication.processEvents()
    table = view.table
    figures = [
        timed("открыть (профиль, годы, запуск загрузки)", view, lambda: view.refresh(db)),
        wait_loaded(f"{LATEST} год", view, view.is_loading),
    ]
    print(f"  строк: {view.model.rowCount()}")
    figures += [timed(label, view, sort(table, column, order)) for label, column, order in sorts]
    figures += [
        timed("фильтр «СОШ № 123»", view, lambda: view.search.setText("СОШ № 123")),
        timed("снять фильтр", view, lambda: view.search.setText("")),
        timed("прокрутить в конец", view, table.scrollToBottom),
        timed(f"сменить год на {EARLIER}", view, lambda: view.show_year(EARLIER)),
        wait_loaded(f"{EARLIER} год", view, view.is_loading),
        timed(f"вернуть {LATEST}", view, lambda: view.show_year(LATEST)),
        wait_loaded(f"{LATEST} год снова", view, view.is_loading),
    ]
    view.close()
    return figures


def services(path: Path) -> None:
    """The data services alone, on a database object of their own so the first call is cold."""
    db = Database.open(str(path))
    profile = current_profile(db)
    for label, call in (
        ("results_grid", lambda: results_grid(db, LATEST)),
        (
            "identify_schools, холодный (история категорий считается)",
            lambda: identify_schools(db, LATEST, profile),
        ),
        ("identify_schools, тёплый (из кэша)", lambda: identify_schools(db, LATEST, profile)),
    ):
        start = time.perf_counter()
        call()
        report(f"сервис {label}", time.perf_counter() - start, None)
    db.close()


def main() -> int:
    path = country_database(__doc__)
    app = QApplication.instance() or QApplication([])
    db = Database.open(str(path))
    descending = Qt.SortOrder.DescendingOrder
    results_worst = max(
        page(
            "Результаты (страница «Результаты»)",
            ResultsView(),
            db,
            [
                ("сортировать по школе по убыванию", 0, descending),
                ("сортировать по ВПР МА 5 по убыванию", ResultsTableModel.FIXED_COLUMNS, descending),
            ],
        )
    )
    flagged_worst = max(
        page(
            "Низкие результаты (страница «Низкие результаты»)",
            FlaggedView(),
            db,
            [
                ("сортировать по школе по убыванию", 1, descending),
                ("сортировать по основаниям", 5, Qt.SortOrder.AscendingOrder),
            ],
        )
    )
    db.close()
    print("Сервисы данных (идут в фоне, окно не ждёт их):")
    services(path)
    print(
        f"Худшая остановка окна: результаты {results_worst:.3f} с; низкие результаты {flagged_worst:.3f} с "
        f"(заметно от {VISIBLE_PAUSE} с)"
    )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
