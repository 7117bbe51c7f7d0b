"""Fixtures shared by every test folder; no test touches the real user's data folder."""

from __future__ import annotations

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
