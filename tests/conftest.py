"""Fixtures shared by every test folder; no test touches the real user's data folder."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from lowres_desktop.services.demo_data import fill_demo_data
from lowres_desktop.storage.unit_of_work import Database
from tests.data.seed_workbook import build_seed_workbook


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("LOWRES_DB", raising=False)


@pytest.fixture
def seed_xlsx(tmp_path: Path) -> Path:
    return build_seed_workbook(tmp_path / "seed002_appendix.xlsx")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demo database, filled once per test module (tests/ui has its own, a fresh copy per test)."""
    db = Database.open(str(tmp_path_factory.mktemp("demo") / "demo.sqlite"))
    fill_demo_data(db)
    yield db
    db.close()


@pytest.fixture(autouse=True, scope="session")
def _trace_qt_worker_threads() -> object:
    """Under a coverage run, the work the UI runs on Qt's thread pools is measured too.

    A tracer (coverage's) reaches new `threading` threads through `threading.settrace`,
    but QThreadPool's threads are started by Qt, so the services the UI runs in the
    background (reading files, writing) counted as never executed. Each job installs the
    same hook in its thread first, as `threading.Thread` does; nothing changes without a tracer.
    """
    hook = threading.gettrace()
    if hook is None:
        yield None
        return
    from lowres_desktop.ui import tasks

    run = tasks._Job.run

    def traced(job: tasks._Job) -> None:
        if sys.gettrace() is None:
            sys.settrace(hook)
        run(job)

    tasks._Job.run = traced  # type: ignore[method-assign]
    yield None
    tasks._Job.run = run  # type: ignore[method-assign]
