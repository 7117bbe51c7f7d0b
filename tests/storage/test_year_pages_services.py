"""The services behind the results and flagged pages read less, and answer as the plain way did."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lowres_desktop.domain.profiles import RuleProfile, assess, default_profile
from lowres_desktop.domain.records import ProcedureKind
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.browse import results_grid
from lowres_desktop.services.demo_data import fill_demo_data
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.storage.unit_of_work import Database


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = Database.open(str(tmp_path_factory.mktemp("demo") / "demo.sqlite"))
    fill_demo_data(db)
    return db


@pytest.mark.parametrize("year", [2019, 2024])
def test_the_grid_holds_every_result_of_the_year_and_nothing_else(demo_db: Database, year: int) -> None:
    grid = results_grid(demo_db, year)
    with demo_db.unit_of_work() as uow:
        stored = {r.key: r for r in uow.results.for_years([year])}
        schools = {s.login: s for s in uow.schools.all()}
    cells = {
        (school.login, procedure, year): grid.result(row, column)
        for row, school in enumerate(grid.schools)
        for column, procedure in enumerate(grid.procedures)
        if grid.values[row][column] is not None
    }
    assert cells == stored and len(cells) > 100
    assert grid.procedures == sorted({key[1] for key in stored})
    assert grid.schools == sorted(
        {schools[login] for login, _p, _y in stored},
        key=lambda s: (s.district or "", natural_sort_key(s.short_name)),
    )
    missing = [(r, c) for r, row in enumerate(grid.values) for c, cell in enumerate(row) if cell is None]
    assert all(grid.result(r, c) is None for r, c in missing)


def _plain(db: Database, year: int, profile: RuleProfile) -> list[tuple[str, object]]:
    """What `identify_schools` answered before it shared the category history: every result, assessed."""
    with db.unit_of_work() as uow:
        active = {s.login for s in uow.schools.all() if s.active}
        results = [r for r in uow.results.for_years(range(year - 10, year + 1)) if r.login in active]
    return sorted((a.login, a) for a in assess(results, year, profile, active) if a.flagged)


PROFILES = [
    default_profile(),
    replace(
        default_profile(), name="Строже", default_threshold=20.0, thresholds=((ProcedureKind.EGE, 15.0),)
    ),
    replace(default_profile(), name="Три года", years_each=3, min_low_latest=1, min_participants=20),
]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_the_flagged_list_from_the_shared_history_is_the_plain_assessment(
    demo_db: Database, profile: RuleProfile
) -> None:
    flagged = 0
    for year in (2020, 2022, 2024):
        found = identify_schools(demo_db, year, profile)
        flagged += len(found.flagged)
        assert sorted((f.school.login, f.assessment) for f in found.flagged) == _plain(demo_db, year, profile)
        names = [natural_sort_key(f.school.short_name) for f in found.flagged]
        assert names == sorted(names)
        assert (found.schools_total, found.schools_without_results) == (100, 0)
    assert flagged > 0
