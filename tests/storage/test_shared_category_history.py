"""The category history shared by the analysis tabs: the same answers, computed once, never stale."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, update

from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.services import category_history as history_module
from lowres_desktop.services.browse import results_grid
from lowres_desktop.services.categories import categories_for_year
from lowres_desktop.services.category_history import category_history
from lowres_desktop.services.chart_series import heat_map
from lowres_desktop.services.demo_data import fill_demo_data
from lowres_desktop.storage.models import ResultRow, SchoolRow
from lowres_desktop.storage.unit_of_work import Database


@pytest.fixture
def demo_db(tmp_path: Path) -> Database:
    db = Database.open(str(tmp_path / "demo.sqlite"))
    fill_demo_data(db)
    return db


@pytest.fixture
def computations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the real computations of a history behind the cache."""
    counted: list[int] = []
    compute = history_module.category_history

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        counted.append(1)
        return compute(*args, **kwargs)

    monkeypatch.setattr(history_module, "category_history", counting)
    return counted


def test_heat_map_cells_and_categories_match_the_results_and_a_fresh_history(demo_db: Database) -> None:
    profile = default_profile()
    first = heat_map(demo_db, 2024, profile)
    again = heat_map(demo_db, 2024, profile)
    assert again.rows == first.rows and len(first.rows) == 100
    grid = results_grid(demo_db, 2024)
    assert grid.procedures == first.procedures
    values = {school.login: row for school, row in zip(grid.schools, grid.values, strict=True)}
    with demo_db.unit_of_work() as uow:
        fresh = {e.login: e for e in category_history(uow, profile, up_to=2024).by_year[2024]}
    for row in first.rows:
        assert row.values == tuple(None if cell is None else cell[1] for cell in values[row.school.login])
        assert row.entry == fresh[row.school.login]
        assert row.category == fresh[row.school.login].main
    assert {r.category for r in first.rows} >= {Category.LOW, None}


def test_tabs_share_one_computation_per_data_version_and_profile(
    demo_db: Database, computations: list[int]
) -> None:
    profile = default_profile()
    heat_map(demo_db, 2024, profile)
    categories_for_year(demo_db, 2024, profile)
    heat_map(demo_db, 2024, profile)
    assert len(computations) == 1
    stricter = replace(profile, default_threshold=20.0)
    flagged = {r.school.login for r in heat_map(demo_db, 2024, stricter).rows if r.category}
    assert len(computations) == 2
    assert flagged != {r.school.login for r in heat_map(demo_db, 2024, profile).rows if r.category}
    assert len(computations) == 2


def test_a_commit_makes_the_cached_history_stale(demo_db: Database, computations: list[int]) -> None:
    profile = default_profile()
    before = heat_map(demo_db, 2024, profile)
    calm = next(r for r in before.rows if r.category is None)
    version = demo_db.data_version()
    with demo_db.unit_of_work() as uow:
        school_id = uow.session.scalar(select(SchoolRow.id).where(SchoolRow.login == calm.school.login))
        uow.session.execute(
            update(ResultRow)
            .where(ResultRow.school_id == school_id, ResultRow.year == 2024)
            .values(pct_low=90.0)
        )
        uow.commit()
    assert demo_db.data_version() != version
    after = {r.school.login: r for r in heat_map(demo_db, 2024, profile).rows}
    assert len(computations) == 2
    assert Category.LOW in after[calm.school.login].entry.categories
    assert all(v == 90.0 for v in after[calm.school.login].values if v is not None)


def test_another_program_writing_the_file_makes_it_stale(demo_db: Database, computations: list[int]) -> None:
    heat_map(demo_db, 2024, default_profile())
    other = Database.open(demo_db.target)
    with other.unit_of_work() as uow:
        uow.session.execute(update(SchoolRow).where(SchoolRow.login == "sch420220").values(active=False))
        uow.commit()
    other.close()
    logins = {r.school.login for r in heat_map(demo_db, 2024, default_profile()).rows}
    assert len(computations) == 2
    assert "sch420220" not in logins


def test_nothing_is_cached_when_changes_cannot_be_told(
    demo_db: Database, computations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_db, "data_version", lambda: None)
    heat_map(demo_db, 2024, default_profile())
    heat_map(demo_db, 2024, default_profile())
    assert len(computations) == 2
