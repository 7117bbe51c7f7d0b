"""Use cases of a flagged school's profile: problem types, social conditions, mentor school."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.mentors import MentorCandidate, ProblemType, SchoolProfile, rank_mentor_candidates
from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import School
from lowres_desktop.services.category_history import shared_category_history
from lowres_desktop.storage.unit_of_work import Database


def problem_types(db: Database) -> list[ProblemType]:
    with db.unit_of_work() as uow:
        return uow.analysis.problem_types.all()


def save_problem_types(db: Database, types: list[ProblemType]) -> None:
    """Edit the catalogue: titles and activity by code, new codes added; a used type is only deactivated."""
    codes = [t.code for t in types]
    if len(codes) != len(set(codes)):
        raise DomainError("Номера типов проблем не должны повторяться.")
    with db.unit_of_work() as uow:
        uow.analysis.problem_types.save_all(types)
        uow.commit()


@dataclass(frozen=True)
class SchoolProfileView:
    """Everything the school-profile dialog shows."""

    school: School
    profile: SchoolProfile
    catalogue: list[ProblemType]
    candidates: list[MentorCandidate]
    mentor: School | None
    year: int
    rule_profile: RuleProfile


def school_profile(db: Database, login: str, year: int, rule_profile: RuleProfile) -> SchoolProfileView:
    """The school's profile and the ranked mentor candidates from the year's «стабильно высокие»."""
    with db.unit_of_work() as uow:
        school = uow.schools.get(login)
        if school is None:
            raise DomainError(f"Школы с логином {login} нет в базе.")
        saved = uow.analysis.school_profiles.get(login) or SchoolProfile(login)
        others = uow.analysis.school_profiles.all()
        catalogue = uow.analysis.problem_types.all()
        history = shared_category_history(db, uow, rule_profile, up_to=year, output_years=[year])
        schools = uow.analysis.facts.schools()
    pool = [
        (schools[entry.login], sum(m for _y, m in entry.high_means) / len(entry.high_means))
        for entry in history.by_year.get(year, [])
        if Category.HIGH in entry.categories
    ]
    load = Counter(p.mentor_login for p in others if p.mentor_login and p.login != login)
    mentor = schools.get(saved.mentor_login) if saved.mentor_login else None
    return SchoolProfileView(
        school, saved, catalogue, rank_mentor_candidates(school, pool, load), mentor, year, rule_profile
    )


def save_school_profile(db: Database, profile: SchoolProfile) -> None:
    with db.unit_of_work() as uow:
        uow.analysis.school_profiles.save(profile)
        uow.commit()


def school_profiles(db: Database) -> dict[str, SchoolProfile]:
    with db.unit_of_work() as uow:
        return {p.login: p for p in uow.analysis.school_profiles.all()}
