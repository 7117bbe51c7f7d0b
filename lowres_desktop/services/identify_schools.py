"""Use case: which schools the rule flags for a year, with their reasons."""

from __future__ import annotations

from dataclasses import dataclass

from lowres_desktop.domain.records import School
from lowres_desktop.domain.rule import RuleParameters, Verdict, identify_low_result_schools
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.collector import release_gradually
from lowres_desktop.storage.unit_of_work import Database


@dataclass(frozen=True)
class FlaggedSchool:
    school: School
    verdict: Verdict


@dataclass(frozen=True)
class Identification:
    year: int
    params: RuleParameters
    flagged: list[FlaggedSchool]
    schools_total: int

    @property
    def share(self) -> float:
        return 100.0 * len(self.flagged) / self.schools_total if self.schools_total else 0.0


def identify_schools(db: Database, year: int, params: RuleParameters | None = None) -> Identification:
    """The flagged schools for `year` (the latest year of results considered), by name."""
    params = params or RuleParameters()
    with db.unit_of_work() as uow:
        schools = {school.login: school for school in uow.schools.all()}
        results = uow.results.for_years(range(year - params.years_each + 1, year + 1))
    active = [login for login, school in schools.items() if school.active]
    verdicts = identify_low_result_schools((r for r in results if r.login in schools), year, params, active)
    flagged = [FlaggedSchool(schools[v.login], v) for v in verdicts if v.flagged and v.login in schools]
    release_gradually(results)
    flagged.sort(key=lambda f: natural_sort_key(f.school.short_name))
    return Identification(year, params, flagged, len(active))
