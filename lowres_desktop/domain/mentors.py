"""A flagged school's profile: its problem types, social conditions and mentor school.

Seed 003 classifies schools by six problem types (table 2) and by social
conditions, and notes that schools work better with mentors «находящимися с
ними в одном кластере, работающих в схожих условиях» than with the city's
showcase schools; so mentor candidates from the «стабильно высокие» pool
are ranked same district first, then similar kind, then the least busy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.records import School, SchoolKind


class SocialConditions(StrEnum):
    FAVOURABLE = "благоприятные"
    NEUTRAL = "нейтральные"
    UNFAVOURABLE = "неблагоприятные"


@dataclass(frozen=True)
class ProblemType:
    """An entry of the editable catalogue; `code` is its stable number in the catalogue."""

    code: int
    title: str
    active: bool = True

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise DomainError("У типа проблем должно быть название.")


DEFAULT_PROBLEM_TYPES: tuple[ProblemType, ...] = (
    ProblemType(1, "школы с признаками социального учреждения"),
    ProblemType(2, "школы, расположенные на территории с признаками депрессивности"),
    ProblemType(3, "школы с низким уровнем кадрового потенциала"),
    ProblemType(4, "школы с признаками неэффективного управления"),
    ProblemType(5, "школы с высоким уровнем девиации детей"),
    ProblemType(6, "школы, имеющие высокий уровень депривации родителей"),
)
"""Seed 003, table 2."""


@dataclass(frozen=True)
class SchoolProfile:
    login: str
    problem_types: frozenset[int] = frozenset()
    social_conditions: SocialConditions | None = None
    mentor_login: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.mentor_login == self.login:
            raise DomainError("Школа не может быть наставником самой себе.")


_KIND_GROUPS: dict[SchoolKind, int] = {
    SchoolKind.SOSH: 0,
    SchoolKind.OOSH: 0,
    SchoolKind.OTHER: 0,
    SchoolKind.GYMNASIUM: 1,
    SchoolKind.LYCEUM: 1,
    SchoolKind.VSOSH: 2,
    SchoolKind.BOARDING: 3,
    SchoolKind.SPECIAL: 3,
}
"""Kinds that work in similar conditions: ordinary schools, selective ones, evening, residential."""


def similar_kind(first: SchoolKind, second: SchoolKind) -> bool:
    return _KIND_GROUPS[first] == _KIND_GROUPS[second]


@dataclass(frozen=True)
class MentorCandidate:
    school: School
    same_district: bool
    similar_kind: bool
    mean_high: float
    mentees: int
    """How many schools it already mentors."""


def rank_mentor_candidates(
    mentee: School, pool: Iterable[tuple[School, float]], mentees: Mapping[str, int]
) -> list[MentorCandidate]:
    """Candidates from `pool` (school, its mean % high), best first; the mentee itself is left out."""
    candidates = [
        MentorCandidate(
            school,
            same_district=bool(mentee.district) and school.district == mentee.district,
            similar_kind=similar_kind(school.kind, mentee.kind),
            mean_high=mean_high,
            mentees=mentees.get(school.login, 0),
        )
        for school, mean_high in pool
        if school.login != mentee.login
    ]
    candidates.sort(
        key=lambda c: (not c.same_district, not c.similar_kind, c.mentees, -c.mean_high, c.school.login)
    )
    return candidates
