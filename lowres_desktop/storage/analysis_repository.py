"""Repositories of the analysis: rule profiles and the fast reads, and the way to the others.

The categories of a whole country (40,000 schools × 9 procedures × years) must
come back in well under a second, so `AnalysisFacts` reads only what the rule
can use: the results at or near a threshold, and per school and year the
count and mean % of high results, aggregated in SQL. The rule itself is still
decided in domain.

A list of flagged schools needs a profile and these reads only; the official
statuses, school profiles and mark comparisons (`school_records_repository`,
`comparisons_repository`) are imported with their models when first used.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from lowres_desktop.domain.categories import YearSummary
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import CategorySettings, ObjectivitySettings, RuleProfile
from lowres_desktop.domain.records import (
    ProcedureKey,
    ProcedureKind,
    Result,
    ResultValues,
    School,
    SchoolKind,
)
from lowres_desktop.storage.models import DistrictRow, ResultRow, SchoolRow
from lowres_desktop.storage.models_analysis import RuleProfileRow
from lowres_desktop.storage.repositories import ProcedureRepository

if TYPE_CHECKING:
    from lowres_desktop.storage.comparisons_repository import MarkComparisonRepository
    from lowres_desktop.storage.school_records_repository import (
        OfficialStatusRepository,
        ProblemTypeRepository,
        SchoolProfileRepository,
    )

_PARAMETERS_VERSION = 1


def _procedure_json(procedure: ProcedureKey) -> list[Any]:
    return [procedure.kind.value, procedure.subject, procedure.grade]


def profile_parameters(profile: RuleProfile) -> dict[str, Any]:
    """The profile as the JSON document stored in `rule_profiles.parameters`."""
    categories = profile.categories
    objectivity = profile.objectivity
    return {
        "version": _PARAMETERS_VERSION,
        "default_threshold": profile.default_threshold,
        "thresholds": {kind.value: value for kind, value in profile.thresholds},
        "procedures": None
        if profile.procedures is None
        else [_procedure_json(p) for p in sorted(profile.procedures)],
        "min_low_latest": profile.min_low_latest,
        "min_low_each_year": profile.min_low_each_year,
        "years_each": profile.years_each,
        "min_participants": profile.min_participants,
        "categories": {
            "persistent_years": categories.persistent_years,
            "risk_min_low": categories.risk_min_low,
            "risk_margin": categories.risk_margin,
            "high_years": categories.high_years,
            "high_share": categories.high_share,
            "target_share": categories.target_share,
            "trend_tolerance": categories.trend_tolerance,
        },
        "objectivity": {
            "lowered_threshold": objectivity.lowered_threshold,
            "jump_points": objectivity.jump_points,
            "jump_max_participants": objectivity.jump_max_participants,
            "jump_history_years": objectivity.jump_history_years,
        },
    }


def profile_from_parameters(name: str, order: str, data: dict[str, Any]) -> RuleProfile:
    """Settings missing from an older document take their defaults."""
    procedures = data.get("procedures")
    return RuleProfile(
        name=name,
        order=order,
        default_threshold=float(data.get("default_threshold", 30.0)),
        thresholds=tuple((ProcedureKind(k), float(v)) for k, v in data.get("thresholds", {}).items()),
        procedures=None
        if procedures is None
        else frozenset(ProcedureKey(ProcedureKind(k), s, g) for k, s, g in procedures),
        min_low_latest=int(data.get("min_low_latest", 2)),
        min_low_each_year=int(data.get("min_low_each_year", 1)),
        years_each=int(data.get("years_each", 2)),
        min_participants=int(data.get("min_participants", 0)),
        categories=CategorySettings(**data.get("categories", {})),
        objectivity=ObjectivitySettings(**data.get("objectivity", {})),
    )


class RuleProfileRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self, name: str) -> RuleProfileRow | None:
        return self._session.scalar(select(RuleProfileRow).where(RuleProfileRow.name == name))

    @staticmethod
    def _profile(row: RuleProfileRow) -> RuleProfile:
        return profile_from_parameters(row.name, row.order_title, row.parameters)

    def saved_and_current(self) -> tuple[list[RuleProfile], RuleProfile | None]:
        """The saved profiles by name, and the current one of them (None: the built-in default).

        One read for both, of plain columns: every command listing schools asks for them as it
        starts, and loading rows as objects costs more there than the read.
        """
        rows = self._session.execute(
            select(
                RuleProfileRow.name,
                RuleProfileRow.order_title,
                RuleProfileRow.parameters,
                RuleProfileRow.is_current,
            ).order_by(RuleProfileRow.name)
        ).all()
        profiles = [profile_from_parameters(name, order, parameters) for name, order, parameters, _ in rows]
        current = next((profile for profile, row in zip(profiles, rows, strict=True) if row.is_current), None)
        return profiles, current

    def get(self, name: str) -> RuleProfile | None:
        row = self._row(name)
        return self._profile(row) if row else None

    def save(self, profile: RuleProfile, previous_name: str | None, now: datetime) -> None:
        """Insert, or replace the profile saved as `previous_name` (a rename keeps it current)."""
        row = self._row(previous_name) if previous_name else None
        clash = self._row(profile.name)
        if clash is not None and clash is not row:
            raise DomainError(f"Профиль «{profile.name}» уже есть: выберите другое название.")
        if row is None:
            row = RuleProfileRow(is_current=False)
            self._session.add(row)
        row.name = profile.name
        row.order_title = profile.order
        row.parameters = profile_parameters(profile)
        row.updated_at = now

    def set_current(self, name: str | None) -> None:
        for row in self._session.scalars(select(RuleProfileRow)):
            row.is_current = row.name == name

    def delete(self, name: str) -> None:
        row = self._row(name)
        if row is not None:
            self._session.delete(row)


class AnalysisFacts:
    """Fast, pre-filtered reads of the results table for the categories of many schools."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._login_cache: dict[int, str] | None = None

    def _rows(self, statement: Select[Any]) -> list[Any]:
        """Plain Core rows: the ORM's per-row bookkeeping costs more than the query here."""
        return self._session.connection().execute(statement).all()

    def _procedures(self) -> dict[int, ProcedureKey]:
        return {id_: key for key, id_ in ProcedureRepository(self._session).ids().items()}

    def _logins(self) -> dict[int, str]:
        """School id → login, read once per unit of work."""
        if self._login_cache is None:
            self._login_cache = dict(self._rows(select(SchoolRow.id, SchoolRow.login)))
        return self._login_cache

    def results_at_least(
        self,
        years: Iterable[int],
        min_pct_low: float,
        near_years: Iterable[int] = (),
        near_floor: float = 0.0,
    ) -> list[Result]:
        """Results of `years` whose % «2» is at least `min_pct_low`: the only ones a rule can use.

        In `near_years` the floor is `near_floor` instead (lower: values close
        to a threshold matter there for «группа риска»).
        """
        procedures = self._procedures()
        logins = self._logins()
        near = list(near_years)
        floor = min(min_pct_low, near_floor) if near else min_pct_low
        rows = self._rows(
            select(
                ResultRow.school_id,
                ResultRow.procedure_id,
                ResultRow.year,
                ResultRow.participants,
                ResultRow.pct_low,
                ResultRow.pct_high,
            ).where(
                ResultRow.pct_low >= floor,
                ResultRow.year.in_(list(years)),
                (ResultRow.pct_low >= min_pct_low) | ResultRow.year.in_(near),
            )
        )
        return [
            Result(logins[school], procedures[procedure], year, participants, low, high)
            for school, procedure, year, participants, low, high in rows
        ]

    def count_with_results(self, years: Iterable[int], procedures: Iterable[ProcedureKey] | None) -> int:
        """Active schools with a value of % «2» in a procedure that counts in `years`: the ones a rule judges.

        Counted in SQL: a country's two years are 80,000 distinct schools that
        Python would otherwise collect into sets only to take their size.
        """
        counted = select(func.count(func.distinct(ResultRow.school_id)))
        statement = self._with_results(counted, years, procedures)
        return int(self._session.scalar(statement) or 0)

    def logins_with_results(
        self, years: Iterable[int], procedures: Iterable[ProcedureKey] | None
    ) -> set[str]:
        """The schools `count_with_results` counts, by login: the others are shown as «нет результатов»."""
        statement = self._with_results(select(SchoolRow.login).distinct(), years, procedures)
        return set(self._session.scalars(statement))

    def _with_results(
        self, statement: Select[Any], years: Iterable[int], procedures: Iterable[ProcedureKey] | None
    ) -> Select[Any]:
        statement = (
            statement.select_from(ResultRow)
            .join(SchoolRow, ResultRow.school_id == SchoolRow.id)
            .where(ResultRow.year.in_(list(years)), ResultRow.pct_low.is_not(None))
            .where(SchoolRow.active.is_(True))
        )
        if procedures is not None:
            wanted = set(procedures)
            counted = [i for i, p in self._procedures().items() if p in wanted]
            statement = statement.where(ResultRow.procedure_id.in_(counted))
        return statement

    def year_summaries(
        self,
        years: Iterable[int],
        procedures: Iterable[ProcedureKey] | None,
        min_participants: int,
        min_mean_high: float | None = None,
    ) -> dict[tuple[str, int], YearSummary]:
        """Per school and year: counted results and their mean % high, as `categories.summarize`.

        With `min_mean_high` only the school-years whose mean reaches it come back:
        the others cannot be «стабильно высокие», and a country has 200,000 of them.
        """
        ids = self._procedures()
        statement = (
            select(ResultRow.school_id, ResultRow.year, func.count(), func.avg(ResultRow.pct_high))
            .where(ResultRow.year.in_(list(years)))
            .group_by(ResultRow.year, ResultRow.school_id)
        )
        if procedures is not None:
            wanted = set(procedures)
            statement = statement.where(
                ResultRow.procedure_id.in_([i for i, p in ids.items() if p in wanted])
            )
        if min_participants > 0:
            statement = statement.where(
                (ResultRow.participants.is_(None)) | (ResultRow.participants >= min_participants)
            )
        if min_mean_high is not None:
            statement = statement.having(func.avg(ResultRow.pct_high) >= min_mean_high)
        logins = self._logins()
        return {
            (logins[school], year): YearSummary(count, mean)
            for school, year, count, mean in self._rows(statement)
        }

    def schools(self) -> dict[str, School]:
        """Every school by login, read as plain columns (the ORM takes seconds for a country)."""
        rows = self._rows(
            select(
                SchoolRow.login,
                SchoolRow.full_name,
                SchoolRow.short_name,
                SchoolRow.kind,
                DistrictRow.name,
                SchoolRow.active,
            ).outerjoin(DistrictRow, SchoolRow.district_id == DistrictRow.id)
        )
        return {
            login: School(login, full, short, SchoolKind(kind), district, bool(active))
            for login, full, short, kind, district, active in rows
        }

    def municipal_means(self) -> dict[tuple[ProcedureKey, int], tuple[float | None, float | None]]:
        """Per procedure and year, the mean % «2» and mean % high over the municipality's schools."""
        procedures = self._procedures()
        rows = self._session.execute(
            select(
                ResultRow.procedure_id,
                ResultRow.year,
                func.avg(ResultRow.pct_low),
                func.avg(ResultRow.pct_high),
            ).group_by(ResultRow.procedure_id, ResultRow.year)
        )
        return {(procedures[p], year): (low, high) for p, year, low, high in rows}

    def year_matrix(self, year: int) -> tuple[list[ProcedureKey], list[tuple[str, tuple[float | None, ...]]]]:
        """The heat map's cells: the year's procedures, and per school its % «2» in each of them.

        Pivoted in SQL over a covering index, so a country comes back as
        40,000 rows rather than 360,000.
        """
        procedures = self._procedures()
        present = sorted(
            (procedures[i], i)
            for i in self._session.scalars(
                select(ResultRow.procedure_id).where(ResultRow.year == year).distinct()
            )
        )
        columns = [
            func.max(case((ResultRow.procedure_id == procedure_id, ResultRow.pct_low)))
            for _p, procedure_id in present
        ]
        logins = self._logins()
        rows = self._rows(
            select(ResultRow.school_id, *columns).where(ResultRow.year == year).group_by(ResultRow.school_id)
        )
        return [p for p, _i in present], [(logins[row[0]], tuple(row[1:])) for row in rows]

    def year_results(
        self, year: int
    ) -> tuple[list[ProcedureKey], dict[str, tuple[ResultValues | None, ...]]]:
        """The results page's cells: the year's procedures, and per school its values in each of them.

        Plain tuples keyed by ids while reading: a country's year is 360,000
        results, and a `Result` record or a `ProcedureKey` hash per result
        took most of a second (tests/bench/bench_gui_year_pages.py).
        """
        procedures = self._procedures()
        rows = self._rows(
            select(
                ResultRow.school_id,
                ResultRow.procedure_id,
                ResultRow.participants,
                ResultRow.pct_low,
                ResultRow.pct_high,
            ).where(ResultRow.year == year)
        )
        present = sorted({row[1] for row in rows}, key=procedures.__getitem__)
        position = {procedure_id: column for column, procedure_id in enumerate(present)}
        empty: list[ResultValues | None] = [None] * len(present)
        cells: dict[int, list[ResultValues | None]] = {}
        for school, procedure, participants, low, high in rows:
            values = cells.get(school)
            if values is None:
                values = cells[school] = empty.copy()
            values[position[procedure]] = (participants, low, high)
        logins = self._logins()
        return [procedures[i] for i in present], {logins[s]: tuple(v) for s, v in cells.items()}

    def active_logins(self) -> list[str]:
        return list(self._session.scalars(select(SchoolRow.login).where(SchoolRow.active.is_(True))))


class AnalysisRepository:
    """Everything issue 4 stores and reads, reached from the unit of work as `uow.analysis`."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.profiles = RuleProfileRepository(session)
        self.facts = AnalysisFacts(session)

    @functools.cached_property
    def statuses(self) -> OfficialStatusRepository:
        from lowres_desktop.storage.school_records_repository import OfficialStatusRepository

        return OfficialStatusRepository(self._session)

    @functools.cached_property
    def problem_types(self) -> ProblemTypeRepository:
        from lowres_desktop.storage.school_records_repository import ProblemTypeRepository

        return ProblemTypeRepository(self._session)

    @functools.cached_property
    def school_profiles(self) -> SchoolProfileRepository:
        from lowres_desktop.storage.school_records_repository import SchoolProfileRepository

        return SchoolProfileRepository(self._session)

    @functools.cached_property
    def comparisons(self) -> MarkComparisonRepository:
        from lowres_desktop.storage.comparisons_repository import MarkComparisonRepository

        return MarkComparisonRepository(self._session)
