"""Read-only use cases behind the views: the school list, the results grid, a school's card."""

from __future__ import annotations

from dataclasses import dataclass

from lowres_desktop.domain.records import ProcedureKey, Result, ResultValues, School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.storage.unit_of_work import Database


@dataclass(frozen=True)
class DatabaseOverview:
    schools: int
    results: int
    years: list[int]


def overview(db: Database) -> DatabaseOverview:
    with db.unit_of_work() as uow:
        return DatabaseOverview(uow.schools.count(), uow.results.count(), uow.results.years())


def school_count(db: Database) -> int:
    """How many schools there are: a view decides by it whether to read its table in the background."""
    with db.unit_of_work() as uow:
        return uow.schools.count()


def result_years(db: Database) -> list[int]:
    """The years with results, without `overview`'s count of every result (a second for a country)."""
    with db.unit_of_work() as uow:
        return uow.results.years()


def list_schools(db: Database) -> list[School]:
    with db.unit_of_work() as uow:
        schools = uow.schools.all()
    return sorted(schools, key=lambda s: (s.district or "", natural_sort_key(s.short_name)))


@dataclass(frozen=True)
class ResultsGrid:
    """Schools × procedures for one year: `values[i][j]` is school i's result in procedure j, or None.

    Values rather than `Result` records: a country's year has 360,000 of them,
    and the results page needs a record only for the cell being edited or hovered.
    """

    year: int
    procedures: list[ProcedureKey]
    schools: list[School]
    values: list[tuple[ResultValues | None, ...]]

    def result(self, row: int, column: int) -> Result | None:
        """The record behind one cell, built when asked for (editing or hovering it)."""
        values = self.values[row][column]
        if values is None:
            return None
        participants, low, high = values
        return Result(self.schools[row].login, self.procedures[column], self.year, participants, low, high)


def results_grid(db: Database, year: int) -> ResultsGrid:
    """The schools with results in `year` (by district, then name) and their values."""
    with db.unit_of_work() as uow:
        procedures, cells = uow.analysis.facts.year_results(year)
        schools = uow.analysis.facts.schools()
    shown = [schools[login] for login in cells]
    shown.sort(key=lambda s: (s.district or "", natural_sort_key(s.short_name)))
    return ResultsGrid(year, procedures, shown, [cells[s.login] for s in shown])


@dataclass(frozen=True)
class SchoolCard:
    school: School
    results: list[Result]


def school_card(db: Database, login: str) -> SchoolCard | None:
    with db.unit_of_work() as uow:
        school = uow.schools.get(login)
        results = uow.results.for_school(login) if school else []
    if school is None:
        return None
    results.sort(key=lambda r: (r.procedure, r.year))
    return SchoolCard(school, results)
