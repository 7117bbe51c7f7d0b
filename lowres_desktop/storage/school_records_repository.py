"""Repositories of what the office records about a school: official statuses and school profiles.

Reached as `uow.analysis.statuses`, `.problem_types` and `.school_profiles`;
imported, with their models, the first time one of them is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from lowres_desktop.domain.categories import Category, OfficialStatus
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.mentors import ProblemType, SchoolProfile, SocialConditions
from lowres_desktop.storage.models import SchoolRow
from lowres_desktop.storage.models_school_records import OfficialStatusRow, ProblemTypeRow, SchoolProfileRow


class OfficialStatusRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def for_years(self, years: Iterable[int]) -> list[OfficialStatus]:
        rows = self._session.execute(
            select(OfficialStatusRow, SchoolRow.login)
            .join(SchoolRow, OfficialStatusRow.school_id == SchoolRow.id)
            .where(OfficialStatusRow.year.in_(list(years)))
            .order_by(OfficialStatusRow.year, SchoolRow.login, OfficialStatusRow.category)
        )
        return [
            OfficialStatus(
                login, row.year, Category(row.category), row.order_number, row.order_date, row.note
            )
            for row, login in rows
        ]

    def for_school(self, login: str) -> list[OfficialStatus]:
        return [s for s in self.for_years(range(1990, 2101)) if s.login == login]

    def replace_for_school_year(self, login: str, year: int, statuses: Sequence[OfficialStatus]) -> None:
        """The school's statuses of `year` become exactly `statuses`."""
        school_id = _school_id(self._session, login)
        self._session.execute(
            delete(OfficialStatusRow).where(
                OfficialStatusRow.school_id == school_id, OfficialStatusRow.year == year
            )
        )
        for status in statuses:
            self._session.add(
                OfficialStatusRow(
                    school_id=school_id,
                    year=year,
                    category=status.category.value,
                    order_number=status.order_number.strip(),
                    order_date=status.order_date,
                    note=status.note,
                )
            )


def _school_id(session: Session, login: str) -> int:
    school_id = session.scalar(select(SchoolRow.id).where(SchoolRow.login == login))
    if school_id is None:
        raise DomainError(f"Школы с логином {login} нет в базе.")
    return school_id


class ProblemTypeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def all(self) -> list[ProblemType]:
        rows = self._session.scalars(select(ProblemTypeRow).order_by(ProblemTypeRow.code))
        return [ProblemType(row.code, row.title, row.active) for row in rows]

    def save_all(self, types: Sequence[ProblemType]) -> None:
        """Update titles and activity by code and add new codes; codes in use are never deleted."""
        rows = {row.code: row for row in self._session.scalars(select(ProblemTypeRow))}
        for problem in types:
            row = rows.get(problem.code)
            if row is None:
                self._session.add(
                    ProblemTypeRow(code=problem.code, title=problem.title, active=problem.active)
                )
            else:
                row.title = problem.title
                row.active = problem.active


class SchoolProfileRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self):  # type: ignore[no-untyped-def]
        return select(SchoolProfileRow).options(
            selectinload(SchoolProfileRow.problem_types),
            selectinload(SchoolProfileRow.school),
            selectinload(SchoolProfileRow.mentor),
        )

    @staticmethod
    def _profile(row: SchoolProfileRow) -> SchoolProfile:
        return SchoolProfile(
            login=row.school.login,
            problem_types=frozenset(t.code for t in row.problem_types),
            social_conditions=SocialConditions(row.social_conditions) if row.social_conditions else None,
            mentor_login=row.mentor.login if row.mentor else None,
            note=row.note,
        )

    def all(self) -> list[SchoolProfile]:
        return [self._profile(row) for row in self._session.scalars(self._query())]

    def get(self, login: str) -> SchoolProfile | None:
        row = self._session.scalar(
            self._query()
            .join(SchoolRow, SchoolProfileRow.school_id == SchoolRow.id)
            .where(SchoolRow.login == login)
        )
        return self._profile(row) if row else None

    def save(self, profile: SchoolProfile) -> None:
        school_id = _school_id(self._session, profile.login)
        row = self._session.scalar(select(SchoolProfileRow).where(SchoolProfileRow.school_id == school_id))
        if row is None:
            row = SchoolProfileRow(school_id=school_id)
            self._session.add(row)
        row.social_conditions = profile.social_conditions.value if profile.social_conditions else None
        row.mentor_school_id = (
            _school_id(self._session, profile.mentor_login) if profile.mentor_login else None
        )
        row.note = profile.note
        types = {t.code: t for t in self._session.scalars(select(ProblemTypeRow))}
        unknown = set(profile.problem_types) - set(types)
        if unknown:
            raise DomainError(f"Нет типов проблем с номерами {sorted(unknown)}.")
        row.problem_types = [types[code] for code in sorted(profile.problem_types)]
