"""Qt fixtures for the UI tests: offscreen platform, databases built in tmp from the seed workbook.

The platform must be chosen before pytest-qt creates the QApplication, hence at import.
No test touches the user's real data folder: LOWRES_DB and QSettings point into tmp for every test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from lowres_desktop.services.database import open_database  # noqa: E402
from lowres_desktop.services.demo_data import fill_demo_data  # noqa: E402
from lowres_desktop.services.import_workbook import import_workbook  # noqa: E402
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from tests.data.seed_workbook import build_seed_workbook  # noqa: E402


@pytest.fixture(autouse=True)
def _private_database_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A default database and QSettings of the test's own: Qt keeps the settings path it first
    found, so without `setPath` one test's remembered folders and recent databases reach the next."""
    monkeypatch.setenv("LOWRES_DB", str(tmp_path / "default.sqlite"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture(scope="session")
def seed_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed_workbook(tmp_path_factory.mktemp("workbooks") / "seed002.xlsx")


@pytest.fixture(scope="session")
def _seed_template(tmp_path_factory: pytest.TempPathFactory, seed_workbook: Path) -> Path:
    path = tmp_path_factory.mktemp("templates") / "seed.sqlite"
    db = open_database(str(path))
    import_workbook(db, seed_workbook)
    db.close()
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("templates") / "demo.sqlite"
    db = open_database(str(path))
    fill_demo_data(db)
    db.close()
    return path


def _copy(template: Path, target: Path) -> Path:
    """A private copy, so each test may write without affecting the others."""
    shutil.copyfile(template, target)
    return target


@pytest.fixture
def seed_db_path(tmp_path: Path, _seed_template: Path) -> Path:
    return _copy(_seed_template, tmp_path / "seed.sqlite")


@pytest.fixture
def seed_db(seed_db_path: Path) -> Iterator[Database]:
    db = open_database(str(seed_db_path))
    yield db
    db.close()


@pytest.fixture
def demo_db(tmp_path: Path, _demo_template: Path) -> Iterator[Database]:
    db = open_database(str(_copy(_demo_template, tmp_path / "demo.sqlite")))
    yield db
    db.close()


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "empty.sqlite"))
    yield db
    db.close()
