"""Monitoring rounds, their entries (school × item) and evidence files: rows in, records out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload, undefer

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.monitoring import Entry, MonitoringRound, Status
from lowres_desktop.storage.models import SchoolRow
from lowres_desktop.storage.models_roadmaps import (
    MonitoringEntryRow,
    MonitoringEvidenceRow,
    MonitoringRoundItemRow,
    MonitoringRoundRow,
    MonitoringRoundSchoolRow,
    RoadmapRow,
)
from lowres_desktop.storage.roadmap_repository import school_ids_of


@dataclass(frozen=True)
class EvidenceFile:
    id: int
    file_name: str
    size: int
    added_at: datetime


def _round(row: MonitoringRoundRow) -> MonitoringRound:
    return MonitoringRound(
        name=row.name,
        roadmap_id=row.roadmap_id,
        schools=tuple(link.school.login for link in row.school_links),
        item_ids=tuple(link.item_id for link in row.item_links),
        period_text=row.period_text,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        id=row.id,
    )


class MonitoringRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _query(self):  # type: ignore[no-untyped-def]
        return select(MonitoringRoundRow).options(
            selectinload(MonitoringRoundRow.school_links).selectinload(MonitoringRoundSchoolRow.school),
            selectinload(MonitoringRoundRow.item_links),
        )

    def all(self, roadmap_id: int | None = None) -> list[MonitoringRound]:
        query = self._query().order_by(MonitoringRoundRow.id)
        if roadmap_id is not None:
            query = query.where(MonitoringRoundRow.roadmap_id == roadmap_id)
        return [_round(row) for row in self._session.scalars(query)]

    def get(self, round_id: int) -> MonitoringRound | None:
        row = self._session.scalar(self._query().where(MonitoringRoundRow.id == round_id))
        return _round(row) if row else None

    def count_for_roadmap(self, roadmap_id: int) -> int:
        return (
            self._session.scalar(
                select(func.count(MonitoringRoundRow.id)).where(MonitoringRoundRow.roadmap_id == roadmap_id)
            )
            or 0
        )

    def save(self, monitoring_round: MonitoringRound, now: datetime) -> int:
        """Insert a new round or update one; schools or items taken out lose their entries."""
        if self._session.get(RoadmapRow, monitoring_round.roadmap_id) is None:
            raise DomainError("Дорожная карта мониторинга не найдена.")
        school_ids = school_ids_of(self._session, monitoring_round.schools)
        if monitoring_round.id is None:
            row = MonitoringRoundRow(created_at=now)
            self._session.add(row)
        else:
            found = self._session.get(MonitoringRoundRow, monitoring_round.id)
            if found is None:
                raise DomainError("Мониторинг не найден: возможно, его удалили в другом окне.")
            row = found
        row.roadmap_id = monitoring_round.roadmap_id
        row.name = monitoring_round.name
        row.period_text = monitoring_round.period_text
        row.starts_on = monitoring_round.starts_on
        row.ends_on = monitoring_round.ends_on
        row.school_links = [
            MonitoringRoundSchoolRow(school_id=school_ids[login], position=index)
            for index, login in enumerate(monitoring_round.schools)
        ]
        row.item_links = [
            MonitoringRoundItemRow(item_id=item_id, position=index)
            for index, item_id in enumerate(monitoring_round.item_ids)
        ]
        self._session.flush()
        self._session.execute(
            delete(MonitoringEntryRow).where(
                MonitoringEntryRow.round_id == row.id,
                MonitoringEntryRow.school_id.not_in(list(school_ids.values()))
                | MonitoringEntryRow.item_id.not_in(list(monitoring_round.item_ids)),
            )
        )
        return row.id

    def delete(self, round_id: int) -> None:
        self._session.execute(delete(MonitoringRoundRow).where(MonitoringRoundRow.id == round_id))

    def recorded_counts(self) -> dict[int, int]:
        """Round id → its entries that have a status: counted by the database, not read."""
        rows = self._session.execute(
            select(MonitoringEntryRow.round_id, func.count(MonitoringEntryRow.id))
            .where(MonitoringEntryRow.status.is_not(None))
            .group_by(MonitoringEntryRow.round_id)
        )
        return {round_id: count for round_id, count in rows}

    def statuses(self, round_id: int) -> dict[tuple[str, int], Status | None]:
        """(login, item id) → status of every entry of the round, without comments and files:
        what deadlines and overviews need, for a region's tens of thousands of entries."""
        rows = self._session.execute(
            select(SchoolRow.login, MonitoringEntryRow.item_id, MonitoringEntryRow.status)
            .join(SchoolRow, MonitoringEntryRow.school_id == SchoolRow.id)
            .where(MonitoringEntryRow.round_id == round_id)
        )
        statuses = {status.value: status for status in Status}
        return {(login, item_id): statuses[status] if status else None for login, item_id, status in rows}

    def entries(self, round_id: int) -> list[Entry]:
        evidence_names: dict[int, list[str]] = {}
        for entry_id, name in self._session.execute(
            select(MonitoringEvidenceRow.entry_id, MonitoringEvidenceRow.file_name)
            .join(MonitoringEntryRow, MonitoringEvidenceRow.entry_id == MonitoringEntryRow.id)
            .where(MonitoringEntryRow.round_id == round_id)
            .order_by(MonitoringEvidenceRow.id)
        ):
            evidence_names.setdefault(entry_id, []).append(name)
        # Plain columns, not ORM rows: a region's round holds tens of thousands of entries.
        rows = self._session.execute(
            select(
                MonitoringEntryRow.id,
                SchoolRow.login,
                MonitoringEntryRow.item_id,
                MonitoringEntryRow.status,
                MonitoringEntryRow.comment,
            )
            .join(SchoolRow, MonitoringEntryRow.school_id == SchoolRow.id)
            .where(MonitoringEntryRow.round_id == round_id)
        )
        statuses = {status.value: status for status in Status}
        return [
            Entry(
                login=login,
                item_id=item_id,
                status=statuses[status] if status else None,
                comment=comment,
                evidence=tuple(evidence_names.get(entry_id, ())),
            )
            for entry_id, login, item_id, status, comment in rows
        ]

    def _entry_row(self, round_id: int, login: str, item_id: int, create: bool) -> MonitoringEntryRow | None:
        school_id = school_ids_of(self._session, [login])[login]
        row = self._session.scalar(
            select(MonitoringEntryRow).where(
                MonitoringEntryRow.round_id == round_id,
                MonitoringEntryRow.school_id == school_id,
                MonitoringEntryRow.item_id == item_id,
            )
        )
        if row is None and create:
            linked = self._session.scalar(
                select(func.count())
                .select_from(MonitoringRoundItemRow)
                .join(
                    MonitoringRoundSchoolRow,
                    MonitoringRoundSchoolRow.round_id == MonitoringRoundItemRow.round_id,
                )
                .where(
                    MonitoringRoundItemRow.round_id == round_id,
                    MonitoringRoundItemRow.item_id == item_id,
                    MonitoringRoundSchoolRow.school_id == school_id,
                )
            )
            if not linked:
                raise DomainError("Эта школа или это мероприятие не входит в мониторинг.")
            row = MonitoringEntryRow(round_id=round_id, school_id=school_id, item_id=item_id, comment="")
            self._session.add(row)
        return row

    def set_entry(
        self, round_id: int, login: str, item_id: int, status: Status | None, comment: str, now: datetime
    ) -> None:
        row = self._entry_row(round_id, login, item_id, create=True)
        assert row is not None
        row.status = status.value if status else None
        row.comment = comment
        row.updated_at = now

    def add_evidence(
        self, round_id: int, login: str, item_id: int, file_name: str, content: bytes, now: datetime
    ) -> int:
        row = self._entry_row(round_id, login, item_id, create=True)
        assert row is not None
        if row.id is None:
            row.updated_at = now
            self._session.flush()
        evidence = MonitoringEvidenceRow(
            entry_id=row.id, file_name=file_name, size=len(content), content=content, added_at=now
        )
        self._session.add(evidence)
        self._session.flush()
        return evidence.id

    def evidence(self, round_id: int, login: str, item_id: int) -> list[EvidenceFile]:
        row = self._entry_row(round_id, login, item_id, create=False)
        if row is None:
            return []
        return [EvidenceFile(e.id, e.file_name, e.size, e.added_at) for e in row.evidence]

    def evidence_content(self, evidence_id: int) -> tuple[str, bytes]:
        row = self._session.scalar(
            select(MonitoringEvidenceRow)
            .where(MonitoringEvidenceRow.id == evidence_id)
            .options(undefer(MonitoringEvidenceRow.content))
        )
        if row is None:
            raise DomainError("Файл подтверждения не найден: возможно, его удалили.")
        return row.file_name, row.content

    def delete_evidence(self, evidence_id: int) -> None:
        self._session.execute(delete(MonitoringEvidenceRow).where(MonitoringEvidenceRow.id == evidence_id))
