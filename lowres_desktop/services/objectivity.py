"""Use cases of the objectivity signs: keep mark comparisons, list a year's signs per school.

The file import of «Сравнение отметок с отметками по журналу» belongs to the
importing layer (issue 3); it hands its records to `save_mark_comparisons`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lowres_desktop.domain.objectivity import MarkComparison, ObjectivitySign, objectivity_signs
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import School
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.collector import release_gradually
from lowres_desktop.storage.unit_of_work import Database


def save_mark_comparisons(db: Database, comparisons: Iterable[MarkComparison]) -> int:
    """Insert or update comparisons in one transaction; returns how many were written."""
    with db.unit_of_work() as uow:
        written = uow.analysis.comparisons.save(comparisons)
        uow.commit()
    return written


@dataclass(frozen=True)
class SchoolSigns:
    school: School
    signs: list[ObjectivitySign]


@dataclass(frozen=True)
class ObjectivityReport:
    year: int
    profile: RuleProfile
    schools: list[SchoolSigns]
    comparisons: int
    """How many comparisons the year has: none means the «понизили» sign could not be checked."""


def objectivity_for_year(db: Database, year: int, profile: RuleProfile) -> ObjectivityReport:
    settings = profile.objectivity
    with db.unit_of_work() as uow:
        comparisons = uow.analysis.comparisons.for_years([year])
        results = uow.results.for_years(range(year - settings.jump_history_years, year + 1))
        schools = uow.analysis.facts.schools()
    grouped: dict[str, list[ObjectivitySign]] = {}
    for sign in objectivity_signs(comparisons, results, year, settings):
        grouped.setdefault(sign.login, []).append(sign)
    rows = [SchoolSigns(schools[login], signs) for login, signs in grouped.items() if login in schools]
    release_gradually(results)
    rows.sort(key=lambda row: natural_sort_key(row.school.short_name))
    return ObjectivityReport(year, profile, rows, len(comparisons))
