"""Benchmark: the 40,000-row heat map and schools table open, sort and filter (offscreen Qt).

Run: QT_QPA_PLATFORM=offscreen /work/.venv/bin/python tests/bench/bench_gui_tables.py [--db PATH]
Uses the database of bench_categories.py (built there if missing). Prints, in
seconds, what a user waits for:
- «окно занято»: how long the window is blocked by the action itself (the call
  and the repaint after it); about 0.1 s is where people notice a pause;
- for opening, also how long until the rows are there («строки на экране»,
  read in the background meanwhile) and the longest freeze of the event loop
  during that wait (a 10 ms timer that notes its late ticks);
- the data services alone, cold (first read) and warm (the category history
  cached for the same data version and profile).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView, QWidget  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lowres_desktop.services.browse import list_schools  # noqa: E402
from lowres_desktop.services.chart_series import heat_map  # noqa: E402
from lowres_desktop.services.rule_profiles import list_profiles  # noqa: E402
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from lowres_desktop.ui.models.heat_map_model import FIXED_COLUMNS  # noqa: E402
from lowres_desktop.ui.views.analysis_view import AnalysisView, Tab  # noqa: E402
from lowres_desktop.ui.views.schools_view import SchoolsView  # noqa: E402
from tests.bench.bench_categories import country_database  # noqa: E402
from tests.ui.qt_helpers import app_context  # noqa: E402

VISIBLE_PAUSE = 0.1
"""About what people notice as a pause after a click."""
TICK_MS = 10


def report(label: str, seconds: float, limit: float | None = VISIBLE_PAUSE) -> float:
    mark = "  (заметная пауза)" if limit is not None and seconds > limit else ""
    print(f"  {label:<58} {seconds:7.3f} с{mark}")
    return seconds


def timed(label: str, widget: QWidget, action: Callable[[], object]) -> float:
    """The window's blocked time for one action: the call and the repaint it causes."""
    start = time.perf_counter()
    action()
    widget.repaint()
    QCoreApplication.processEvents()
    return report(f"{label}: окно занято", time.perf_counter() - start)


def wait_loaded(label: str, widget: QWidget, loading: Callable[[], bool]) -> float:
    """Run the event loop until `loading()` is false; print the wait and the longest freeze."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    start = time.perf_counter()
    ticks.append(start)
    timer.start()
    while loading():
        QCoreApplication.processEvents()
        time.sleep(0.001)
    widget.repaint()
    QCoreApplication.processEvents()
    end = time.perf_counter()
    timer.stop()
    ticks.append(end)
    longest = max(b - a for a, b in zip(ticks, ticks[1:], strict=False))
    report(f"{label}: строки на экране через", end - start, None)
    return report(f"{label}: самая долгая остановка окна при загрузке", longest)


def sort(table: QTableView, column: int, order: Qt.SortOrder) -> Callable[[], None]:
    return lambda: table.sortByColumn(column, order)


def services(path: Path) -> None:
    """The data services alone, on a database object of their own so the first call is cold."""
    db = Database.open(str(path))
    profile = list_profiles(db).current
    for label, call in (
        ("heat_map, холодный (история категорий считается)", lambda: heat_map(db, 2024, profile)),
        ("heat_map, тёплый (история категорий из кэша)", lambda: heat_map(db, 2024, profile)),
        ("list_schools", lambda: list_schools(db)),
    ):
        start = time.perf_counter()
        call()
        report(f"сервис {label}", time.perf_counter() - start, None)
    db.close()


def heat_map_page(db: Database) -> list[float]:
    print("Тепловая карта (страница «Анализ», вкладка «Тепловая карта»):")
    view = AnalysisView(app_context(None, db))
    view.resize(1600, 1000)
    view.show()
    view.tabs.setCurrentIndex(Tab.HEAT_MAP)
    QCoreApplication.processEvents()
    table = view.heat_map_tab.table
    figures = [
        timed("открыть (профили, годы, запуск загрузки)", view, lambda: view.refresh(db)),
        wait_loaded("тепловая карта", view, view.heat_map_tab.loader.is_busy),
    ]
    print(f"  строк: {view.heat_map_tab.model.rowCount()}; остальные вкладки ещё загружаются")
    figures.append(wait_loaded("вся страница «Анализ»", view, view.is_loading))
    figures += [
        timed("сортировать по школе", view, sort(table, 0, Qt.SortOrder.AscendingOrder)),
        timed(
            "сортировать по ВПР МА 5 по убыванию",
            view,
            sort(table, FIXED_COLUMNS, Qt.SortOrder.DescendingOrder),
        ),
        timed("сортировать по категории", view, sort(table, 2, Qt.SortOrder.AscendingOrder)),
        timed("фильтр «СОШ № 123»", view, lambda: view.heat_map_tab.filter.setText("СОШ № 123")),
        timed("снять фильтр", view, lambda: view.heat_map_tab.filter.setText("")),
        timed("прокрутить в конец", view, lambda: table.scrollToBottom()),
        timed("сменить год на 2023", view, lambda: view.scope_bar.years.select_year(2023)),
        wait_loaded("2023 (история категорий считается)", view, view.heat_map_tab.loader.is_busy),
    ]
    figures.append(wait_loaded("вся страница за 2023", view, view.is_loading))
    figures += [
        timed("вернуть 2024", view, lambda: view.scope_bar.years.select_year(2024)),
        wait_loaded("2024 снова (история категорий из кэша)", view, view.heat_map_tab.loader.is_busy),
    ]
    figures.append(wait_loaded("вся страница за 2024", view, view.is_loading))
    view.close()
    return figures


def schools_page(db: Database) -> list[float]:
    print("Таблица школ (страница «Школы»):")
    schools = SchoolsView()
    schools.resize(1600, 1000)
    schools.show()
    QCoreApplication.processEvents()
    figures = [
        timed("открыть (запуск загрузки)", schools, lambda: schools.refresh(db)),
        wait_loaded("таблица школ", schools, schools.loader.is_busy),
    ]
    print(f"  строк: {schools.model.rowCount()}")
    figures += [
        timed(
            "сортировать по названию по убыванию",
            schools,
            sort(schools.table, 1, Qt.SortOrder.DescendingOrder),
        ),
        timed("фильтр «СОШ № 123»", schools, lambda: schools.search.setText("СОШ № 123")),
        timed("снять фильтр", schools, lambda: schools.search.setText("")),
    ]
    schools.close()
    return figures


def main() -> int:
    path = country_database(__doc__)
    app = QApplication.instance() or QApplication([])
    db = Database.open(str(path))
    heat_worst = max(heat_map_page(db))
    schools_worst = max(schools_page(db))
    db.close()
    print("Сервисы данных (идут в фоне, окно не ждёт их):")
    services(path)
    print(
        f"Худшая остановка окна: тепловая карта {heat_worst:.3f} с; таблица школ {schools_worst:.3f} с "
        f"(заметно от {VISIBLE_PAUSE} с)"
    )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
