"""The repository of mark comparisons, reached as `uow.analysis.comparisons` (the objectivity signs).

Imported, with the import records' models it maps, the first time it is used.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.objectivity import MarkComparison
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.storage.models import ProcedureRow, SchoolRow
from lowres_desktop.storage.models_import import MarkComparisonRow
from lowres_desktop.storage.repositories import ProcedureRepository


class MarkComparisonRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def for_years(self, years: Iterable[int]) -> list[MarkComparison]:
        rows = self._session.execute(
            select(MarkComparisonRow, SchoolRow.login, ProcedureRow)
            .join(SchoolRow, MarkComparisonRow.school_id == SchoolRow.id)
            .join(ProcedureRow, MarkComparisonRow.procedure_id == ProcedureRow.id)
            .where(MarkComparisonRow.year.in_(list(years)))
        )
        return [
            MarkComparison(
                login,
                ProcedureKey(ProcedureKind(procedure.kind), procedure.subject, procedure.grade),
                row.year,
                row.participants,
                row.lowered_pct,
                row.confirmed_pct,
                row.raised_pct,
            )
            for row, login, procedure in rows
        ]

    def save(self, comparisons: Iterable[MarkComparison]) -> int:
        """Insert or update by school × procedure × year; returns how many were written."""
        school_ids = dict(self._session.execute(select(SchoolRow.login, SchoolRow.id)).all())
        procedure_ids = ProcedureRepository(self._session).ids()
        existing = {
            (row.school_id, row.procedure_id, row.year): row
            for row in self._session.scalars(select(MarkComparisonRow))
        }
        written = 0
        for comparison in comparisons:
            if comparison.login not in school_ids:
                raise DomainError(f"Школы с логином {comparison.login} нет в базе.")
            if comparison.procedure not in procedure_ids:
                procedure_ids[comparison.procedure] = ProcedureRepository(self._session).add(
                    comparison.procedure
                )
            key = (school_ids[comparison.login], procedure_ids[comparison.procedure], comparison.year)
            row = existing.get(key)
            if row is None:
                row = MarkComparisonRow(school_id=key[0], procedure_id=key[1], year=key[2])
                self._session.add(row)
                existing[key] = row
            row.participants = comparison.participants
            row.lowered_pct = comparison.lowered_pct
            row.confirmed_pct = comparison.confirmed_pct
            row.raised_pct = comparison.raised_pct
            written += 1
        return written
