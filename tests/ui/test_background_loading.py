"""Large databases load the schools page and the analysis tabs in the background, with the same result."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt

from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.ui.models.heat_map_model import FIXED_COLUMNS
from lowres_desktop.ui.tasks import Loader
from lowres_desktop.ui.views import schools_view
from lowres_desktop.ui.views.analysis import scope_bar
from lowres_desktop.ui.views.analysis_view import AnalysisView, Tab
from lowres_desktop.ui.views.schools_view import SchoolsView
from tests.ui.qt_helpers import app_context


@pytest.fixture
def every_database_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schools_view, "BACKGROUND_ROWS", 0)
    monkeypatch.setattr(scope_bar, "BACKGROUND_ROWS", 0)


@pytest.mark.usefixtures("every_database_is_large")
def test_schools_page_loads_in_the_background_then_sorts_and_filters(qtbot, seed_db) -> None:
    view = SchoolsView()
    qtbot.addWidget(view)
    view.refresh(seed_db)
    assert view.loader.is_busy()
    assert view.count_label.text() == "Загрузка…"
    assert not view.table.isEnabled()
    qtbot.waitUntil(lambda: not view.loader.is_busy(), timeout=10000)
    assert view.model.rowCount() == 15 and view.table.isEnabled()
    assert view.count_label.text() == "15 школ"
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    names = [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())]
    assert names == sorted(names, key=natural_sort_key, reverse=True)
    view.search.setText("оош")
    assert 0 < view.proxy.rowCount() < 15
    assert view.count_label.text().startswith("Показано")


def _cells(view: AnalysisView) -> list[tuple[str, ...]]:
    return _table(view.heat_map_tab.model)


def _table(model: QAbstractItemModel) -> list[tuple[str, ...]]:
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())
    ]


def test_analysis_page_in_the_background_shows_what_it_shows_at_once(
    qtbot, demo_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_once = AnalysisView(app_context(qtbot, demo_db))
    qtbot.addWidget(at_once)
    at_once.refresh(demo_db)
    for tab in range(at_once.tabs.count()):
        at_once.tabs.setCurrentIndex(tab)
    assert not at_once.is_loading()
    monkeypatch.setattr(scope_bar, "BACKGROUND_ROWS", 0)
    view = AnalysisView(app_context(qtbot, demo_db))
    qtbot.addWidget(view)
    view.resize(1500, 950)
    view.show()
    view.tabs.setCurrentIndex(Tab.HEAT_MAP)
    view.refresh(demo_db)
    assert view.is_loading()
    assert view.caption.text().endswith(" · загрузка…")
    assert not view.heat_map_tab.status.isHidden() and not view.heat_map_tab.table.isEnabled()
    qtbot.waitUntil(lambda: not view.is_loading(), timeout=30000)
    assert view.caption.text() == at_once.caption.text()
    assert view.heat_map_tab.status.isHidden() and view.heat_map_tab.table.isEnabled()
    assert view.heat_map_tab.model.rowCount() == 100
    assert _cells(view) == _cells(at_once)
    assert view.categories_tab.model.rowCount() == 0  # another tab, read when it is shown
    for tab in range(view.tabs.count()):
        view.tabs.setCurrentIndex(tab)
        qtbot.waitUntil(lambda: not view.is_loading(), timeout=30000)
    assert view.categories_tab.model.rowCount() == at_once.categories_tab.model.rowCount() > 0
    assert view.dynamics_tab.change_label.text() == at_once.dynamics_tab.change_label.text()
    assert view.objectivity_tab.label.text() == at_once.objectivity_tab.label.text()
    for tab, model in (
        ("objectivity_tab", "model"),
        ("dynamics_tab", "district_model"),
        ("dynamics_tab", "trend_model"),
        ("categories_tab", "model"),
    ):
        shown, expected = (getattr(getattr(page, tab), model) for page in (view, at_once))
        assert _table(shown) == _table(expected), (tab, model)
    for model in ("entered_model", "left_model", "stayed_model"):
        shown, expected = (getattr(page.dynamics_tab, model) for page in (view, at_once))
        assert shown.stringList() == expected.stringList(), model
    assert view.objectivity_tab.model.rowCount() > 0 and view.dynamics_tab.stayed_model.rowCount() > 0
    assert view.school_tab.panel.login == at_once.school_tab.panel.login is not None
    model = view.heat_map_tab.model
    model.sort(FIXED_COLUMNS, Qt.SortOrder.DescendingOrder)
    present = [v for r in range(model.rowCount()) if (v := model.row(r).values[0]) is not None]
    assert present == sorted(present, reverse=True)
    view.heat_map_tab.filter.setText("гимназия")
    assert 0 < model.rowCount() < 100


def test_a_newer_request_supersedes_one_still_running(qtbot) -> None:
    loader = Loader()
    release = threading.Event()
    shown: list[str] = []
    failed: list[BaseException] = []

    def slow() -> str:
        release.wait(10)
        return "old"

    loader.load(slow, shown.append, failed.append, background=True)
    loader.load(lambda: "new", shown.append, failed.append, background=True)
    qtbot.waitUntil(lambda: not loader.is_busy(), timeout=10000)
    release.set()
    qtbot.wait(200)
    assert shown == ["new"] and not failed


def test_a_failure_in_the_background_reaches_the_view(qtbot) -> None:
    loader = Loader()
    failed: list[BaseException] = []

    def broken() -> None:
        raise ValueError("нет базы")

    loader.load(broken, lambda _r: None, failed.append, background=True)
    qtbot.waitUntil(lambda: bool(failed), timeout=10000)
    assert str(failed[0]) == "нет базы" and not loader.is_busy()
