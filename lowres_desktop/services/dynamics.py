"""Use case: the list's dynamics for a year against the previous one, as meetings report it."""

from __future__ import annotations

from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.dynamics import (
    DistrictRow,
    Dynamics,
    YearShare,
    district_breakdown,
    list_change,
    procedure_trends,
    summarize_trends,
    years_on_list,
)
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.category_history import shared_category_history
from lowres_desktop.services.collector import release_gradually
from lowres_desktop.storage.unit_of_work import Database


def _districts(
    lists: dict[int, set[str]], schools: dict[str, School], only_with_schools: bool
) -> list[DistrictRow]:
    table = district_breakdown(lists, {login: s.district for login, s in schools.items()})
    rows = []
    for district, by_year in table.items():
        if only_with_schools and not any(by_year.values()):
            continue
        named = {
            year: sorted((schools[login] for login in logins), key=lambda s: natural_sort_key(s.short_name))
            for year, logins in by_year.items()
        }
        rows.append(DistrictRow(district or "район не указан", named))
    rows.sort(key=lambda row: natural_sort_key(row.district))
    return rows


def dynamics_for_year(db: Database, year: int, profile: RuleProfile) -> Dynamics:
    """Entered, left and stayed against `year − 1`, shares per year, trends and districts."""
    with db.unit_of_work() as uow:
        years = uow.results.years()
        if year not in years:
            raise DomainError(f"За {year} год в базе нет результатов.")
        history = shared_category_history(db, uow, profile, up_to=year)
        schools = uow.analysis.facts.schools()
        results = uow.results.for_years([year - 1, year])
    # Every share is of the schools with results in the years the rule looks at, year by year.
    assessed = {one: history.assessed.get(one, 0) for one in history.years}
    lists = {one: history.flagged(one) for one in history.years}
    risk = {one: history.members(one, Category.RISK) for one in history.years}
    change = list_change(year, lists[year], lists.get(year - 1, set()), assessed[year])
    target = profile.categories.target_share
    shares = [YearShare(one, len(lists[one]), assessed[one], target) for one in history.years]
    trends = procedure_trends(results, lists[year], year, profile.categories.trend_tolerance)
    release_gradually(results)
    return Dynamics(
        year=year,
        profile=profile,
        change=change,
        schools=schools,
        years_on_list=years_on_list(lists, year),
        shares=shares,
        trends=trends,
        trend_summary=summarize_trends(trends),
        districts_flagged=_districts(lists, schools, only_with_schools=False),
        districts_risk=_districts(risk, schools, only_with_schools=False),
        years=history.years,
    )
