"""Use case: which schools a rule profile flags for a year, with their reasons.

The one way every consumer gets a year's list: the «Низкие результаты» page,
the order on the low-result schools, roadmaps generated for flagged schools,
«Отметить выявленные» in a monitoring round, the tour and `lowres flag`. Each
takes the profile it uses, the current one when it names none; the list
comes from the category history the analysis shares, so the categories'
ШНОР are the same schools by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

from lowres_desktop.domain.profiles import Assessment, RuleProfile
from lowres_desktop.domain.records import School
from lowres_desktop.domain.rule import Verdict
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.category_history import shared_category_history
from lowres_desktop.services.rule_profiles import current_profile
from lowres_desktop.storage.unit_of_work import Database


@dataclass(frozen=True)
class FlaggedSchool:
    school: School
    assessment: Assessment

    @property
    def verdict(self) -> Verdict:
        return self.assessment.verdict


@dataclass(frozen=True)
class Identification:
    """A year's list under a profile, and the schools it was drawn from."""

    year: int
    profile: RuleProfile
    flagged: list[FlaggedSchool]
    """By name."""
    schools_total: int
    """Active schools with results in the years the rule looks at: the denominator of the share."""
    schools_without_results: int
    """Active schools with no result in those years: not judged, so neither flagged nor cleared."""

    @property
    def years(self) -> list[int]:
        return self.profile.years(self.year)

    @property
    def share(self) -> float:
        return 100.0 * len(self.flagged) / self.schools_total if self.schools_total else 0.0

    def logins(self) -> list[str]:
        return [f.school.login for f in self.flagged]


def identify_schools(db: Database, year: int, profile: RuleProfile | None = None) -> Identification:
    """The flagged schools for `year` (the latest year of results considered) under `profile`.

    None takes the database's current profile. The history reads only the
    results near a threshold and is kept per data version and profile, so a
    country's list takes a second the first time and nothing after.
    """
    profile = profile or current_profile(db)
    with db.unit_of_work() as uow:
        history = shared_category_history(db, uow, profile, up_to=year, output_years=[year])
        schools = uow.analysis.facts.schools()
    entries = history.by_year.get(year, [])
    flagged = [FlaggedSchool(schools[e.login], e.assessment) for e in entries if e.assessment.flagged]
    flagged.sort(key=lambda f: natural_sort_key(f.school.short_name))
    active = sum(1 for s in schools.values() if s.active)
    assessed = history.assessed.get(year, 0)
    return Identification(year, profile, flagged, assessed, active - assessed)
