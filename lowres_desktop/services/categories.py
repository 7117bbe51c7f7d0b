"""Use cases of the categories: every school's categories for a year, beside the official status.

The categories themselves come from the shared history (`services.category_history`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lowres_desktop.domain.categories import (
    Category,
    OfficialStatus,
    SchoolCategories,
    categorize,
    disagrees,
)
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import Result, School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.category_history import shared_category_history
from lowres_desktop.services.collector import collector_paused
from lowres_desktop.storage.unit_of_work import Database


@dataclass(frozen=True)
class CategoryRow:
    """A line of the categories view: computed beside official, and whether they disagree."""

    school: School
    computed: SchoolCategories
    official: list[OfficialStatus]
    disagrees: bool
    has_results: bool = True
    """False without results in the years the rule looks at: «нет результатов», not «not flagged»."""


@dataclass(frozen=True)
class YearCategories:
    year: int
    profile: RuleProfile
    rows: list[CategoryRow]
    """Every active school, by district then name."""
    has_official_list: bool

    def count(self, category: Category) -> int:
        return sum(1 for row in self.rows if category in row.computed.categories)

    def without_results(self) -> int:
        return sum(1 for row in self.rows if not row.has_results)


def categories_for_year(db: Database, year: int, profile: RuleProfile) -> YearCategories:
    with db.unit_of_work() as uow:
        if year not in uow.results.years():
            raise DomainError(f"За {year} год в базе нет результатов.")
        history = shared_category_history(db, uow, profile, up_to=year, output_years=[year])
        schools = uow.analysis.facts.schools()
        official = uow.analysis.statuses.for_years([year])
        with_results = uow.analysis.facts.logins_with_results(profile.years(year), profile.procedures)
    by_login: dict[str, list[OfficialStatus]] = {}
    for status in official:
        by_login.setdefault(status.login, []).append(status)
    has_list = bool(official)
    with collector_paused():
        rows = [
            CategoryRow(
                schools[entry.login],
                entry,
                by_login.get(entry.login, []),
                disagrees(entry.categories, (s.category for s in by_login.get(entry.login, [])), has_list),
                entry.login in with_results,
            )
            for entry in history.by_year[year]
        ]
        rows.sort(key=lambda row: (row.school.district or "", natural_sort_key(row.school.short_name)))
    return YearCategories(year, profile, rows, has_list)


def school_category_years(db: Database, login: str, profile: RuleProfile) -> list[SchoolCategories]:
    """One school's categories in every year with results (the school card's strip)."""
    with db.unit_of_work() as uow:
        school = uow.schools.get(login)
        results = uow.results.for_school(login) if school is not None and school.active else []
        years = uow.results.years()
    return one_school_categories(login, results, years, profile, school is not None and school.active)


def one_school_categories(
    login: str, results: Sequence[Result], years: Sequence[int], profile: RuleProfile, active: bool
) -> list[SchoolCategories]:
    """A school's entries of `category_history` for `years` (every year with results), from its results.

    A school's categories depend on its own results only, so its card needs
    its 45 results instead of the whole country's history (seconds for
    40,000 schools). Like the history, an inactive school has none.
    """
    if not active or not years:
        return []
    by_year = categorize(results, [login], range(years[0], years[-1] + 1), profile)
    return [by_year[year][0] for year in years]


def record_official_statuses(db: Database, login: str, year: int, statuses: list[OfficialStatus]) -> None:
    """The region's order for one school and year: these statuses replace the ones recorded before."""
    if any(s.login != login or s.year != year for s in statuses):
        raise DomainError("Все статусы должны относиться к одной школе и одному году.")
    with db.unit_of_work() as uow:
        uow.analysis.statuses.replace_for_school_year(login, year, statuses)
        uow.commit()


def official_statuses(db: Database, login: str) -> list[OfficialStatus]:
    with db.unit_of_work() as uow:
        return uow.analysis.statuses.for_school(login)
