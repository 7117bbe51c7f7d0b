"""Use case: the stored results as plain rows, for `lowres results` and for export."""

from __future__ import annotations

from dataclasses import dataclass

from lowres_desktop.domain.records import Result
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.storage.unit_of_work import Database

RESULT_COLUMNS = ("login", "procedure", "year", "participants", "pct_low", "pct_high")


@dataclass(frozen=True)
class StoredResults:
    results: list[Result]
    names: dict[str, str]
    """Login → the school's full name."""


def stored_results(db: Database, year: int | None = None, login: str | None = None) -> StoredResults:
    """Results filtered by year and school, ordered by school, procedure, year."""
    with db.unit_of_work() as uow:
        if login is not None:
            results = uow.results.for_school(login)
        elif year is not None:
            results = uow.results.for_years([year])
        else:
            results = uow.results.all()
        names = {school.login: school.full_name for school in uow.schools.all()}
    if year is not None:
        results = [r for r in results if r.year == year]
    results.sort(key=lambda r: (natural_sort_key(r.login), r.procedure, r.year))
    return StoredResults(results, names)


def known_procedure_codes(db: Database) -> list[str]:
    """Codes of every procedure in the database («ВПР МА 5», «ОГЭ РУ»…), for choosing one."""
    with db.unit_of_work() as uow:
        return [procedure.code for procedure in uow.procedures.all()]
