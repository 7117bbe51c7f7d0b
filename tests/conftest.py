"""Fixtures shared by every test folder; no test touches the real user's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

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
