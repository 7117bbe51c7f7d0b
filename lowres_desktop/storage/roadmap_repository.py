"""Roadmaps, the executors' directory and indicator values: rows in, domain records out.

Saving a roadmap synchronises its rows by id: rows of items still present are
updated in place (so monitoring entries stay attached), new items are
inserted, and items no longer present are deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from lowres_desktop.domain.deadlines import Period
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.roadmaps import (
    ApprovalOrder,
    Executor,
    Indicator,
    IndicatorValue,
    Numbering,
    Roadmap,
    RoadmapItem,
    RoadmapLevel,
    RoadmapListing,
    RoadmapSection,
)
from lowres_desktop.storage.audit import expect_version
from lowres_desktop.storage.models import SchoolRow
from lowres_desktop.storage.models_roadmaps import (
    ExecutorRow,
    IndicatorRow,
    IndicatorValueRow,
    RoadmapItemExecutorRow,
    RoadmapItemRow,
    RoadmapItemSchoolRow,
    RoadmapRow,
    RoadmapSectionRow,
)


def _item(row: RoadmapItemRow) -> RoadmapItem:
    return RoadmapItem(
        text=row.text,
        deadline_text=row.deadline_text,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        dates_manual=row.dates_manual,
        executors=tuple(link.executor.name for link in row.executor_links),
        schools=tuple(sorted(link.school.login for link in row.school_links)),
        id=row.id,
        version=row.version,
    )


def _indicator(row: IndicatorRow) -> Indicator:
    return Indicator(
        name=row.name,
        source=row.source,
        unit=row.unit,
        target_value=row.target_value,
        target_text=row.target_text,
        target_year=row.target_year,
        higher_is_better=row.higher_is_better,
        per_school=row.per_school,
        id=row.id,
    )


def _roadmap(row: RoadmapRow) -> Roadmap:
    return Roadmap(
        title=row.title,
        period=Period(row.first_year, row.last_year),
        level=RoadmapLevel(row.level),
        school_login=row.school.login if row.school else None,
        order=ApprovalOrder(row.order_kind, row.order_number, row.order_date, row.order_issuer),
        numbering=Numbering(row.numbering),
        sections=tuple(
            RoadmapSection(section.title, tuple(_item(item) for item in section.items), section.id)
            for section in row.sections
        ),
        indicators=tuple(_indicator(indicator) for indicator in row.indicators),
        template_key=row.template_key,
        id=row.id,
    )


def pairs(result: Iterable[Any]) -> dict[Any, Any]:
    """Two-column query results as a dict of the first column to the second."""
    return {key: value for key, value in result}


def school_ids_of(session: Session, logins: Iterable[str]) -> dict[str, int]:
    """Database ids of these schools; an unknown login is an error the user can read."""
    wanted = set(logins)
    if not wanted:
        return {}
    found = pairs(session.execute(select(SchoolRow.login, SchoolRow.id).where(SchoolRow.login.in_(wanted))))
    missing = wanted - set(found)
    if missing:
        raise DomainError("В базе нет школ с логинами: " + ", ".join(sorted(missing)) + ".")
    return found


class RoadmapRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    # --- roadmaps -----------------------------------------------------------------------------

    def listing(self) -> list[RoadmapListing]:
        counts = pairs(
            self._session.execute(
                select(RoadmapSectionRow.roadmap_id, func.count(RoadmapItemRow.id))
                .join(RoadmapItemRow, RoadmapItemRow.section_id == RoadmapSectionRow.id)
                .group_by(RoadmapSectionRow.roadmap_id)
            )
        )
        rows = self._session.scalars(
            select(RoadmapRow).options(selectinload(RoadmapRow.school)).order_by(RoadmapRow.id)
        )
        return [
            RoadmapListing(
                id=row.id,
                title=row.title,
                level=RoadmapLevel(row.level),
                school_login=row.school.login if row.school else None,
                school_name=row.school.short_name if row.school else None,
                period=Period(row.first_year, row.last_year),
                order=ApprovalOrder(row.order_kind, row.order_number, row.order_date, row.order_issuer),
                item_count=counts.get(row.id, 0),
                template_key=row.template_key,
            )
            for row in rows
        ]

    def deadline_items(self) -> dict[int, list[RoadmapItem]]:
        """Roadmap id → its items with what deadlines need, without executors and schools.

        Plain rows, not loaded roadmaps: the overview of a region's thousand school roadmaps
        loaded each whole and took 3.4 s.
        """
        rows = self._session.execute(
            select(
                RoadmapSectionRow.roadmap_id,
                RoadmapItemRow.text,
                RoadmapItemRow.deadline_text,
                RoadmapItemRow.starts_on,
                RoadmapItemRow.ends_on,
                RoadmapItemRow.dates_manual,
                RoadmapItemRow.id,
                RoadmapItemRow.version,
            ).join(RoadmapItemRow, RoadmapItemRow.section_id == RoadmapSectionRow.id)
        )
        items: dict[int, list[RoadmapItem]] = {}
        for roadmap_id, text, deadline_text, starts_on, ends_on, manual, item_id, version in rows:
            items.setdefault(roadmap_id, []).append(
                RoadmapItem(text, deadline_text, starts_on, ends_on, manual, id=item_id, version=version)
            )
        return items

    def get(self, roadmap_id: int) -> Roadmap | None:
        row = self._session.scalar(
            select(RoadmapRow)
            .where(RoadmapRow.id == roadmap_id)
            .options(
                selectinload(RoadmapRow.school),
                selectinload(RoadmapRow.indicators),
                selectinload(RoadmapRow.sections)
                .selectinload(RoadmapSectionRow.items)
                .selectinload(RoadmapItemRow.executor_links)
                .selectinload(RoadmapItemExecutorRow.executor),
                selectinload(RoadmapRow.sections)
                .selectinload(RoadmapSectionRow.items)
                .selectinload(RoadmapItemRow.school_links)
                .selectinload(RoadmapItemSchoolRow.school),
            )
        )
        return _roadmap(row) if row else None

    def school_roadmap_ids(self, login: str) -> list[int]:
        return list(
            self._session.scalars(
                select(RoadmapRow.id)
                .join(SchoolRow, RoadmapRow.school_id == SchoolRow.id)
                .where(SchoolRow.login == login, RoadmapRow.level == RoadmapLevel.SCHOOL.value)
            )
        )

    def add(self, roadmap: Roadmap, now: datetime) -> int:
        row = RoadmapRow(created_at=now)
        with self._session.no_autoflush:
            self._write(row, roadmap, now)
        self._session.add(row)
        self._session.flush()
        return row.id

    def update(self, roadmap: Roadmap, now: datetime) -> None:
        assert roadmap.id is not None
        row = self._session.get(RoadmapRow, roadmap.id)
        if row is None:
            raise DomainError("Дорожная карта не найдена: возможно, её удалили в другом окне.")
        with self._session.no_autoflush:
            self._write(row, roadmap, now)
        self._session.flush()

    def delete(self, roadmap_id: int) -> None:
        self._session.execute(delete(RoadmapRow).where(RoadmapRow.id == roadmap_id))

    def _write(self, row: RoadmapRow, roadmap: Roadmap, now: datetime) -> None:
        logins = {login for s in roadmap.sections for i in s.items for login in i.schools}
        if roadmap.school_login:
            logins.add(roadmap.school_login)
        school_ids = school_ids_of(self._session, logins)
        executors = self._executor_rows(
            {name for s in roadmap.sections for i in s.items for name in i.executors}
        )
        row.title = roadmap.title
        row.level = roadmap.level.value
        row.school_id = school_ids[roadmap.school_login] if roadmap.school_login else None
        row.first_year = roadmap.period.first_year
        row.last_year = roadmap.period.last_year
        row.numbering = roadmap.numbering.value
        row.order_kind = roadmap.order.kind
        row.order_number = roadmap.order.number
        row.order_date = roadmap.order.date
        row.order_issuer = roadmap.order.issuer
        row.template_key = roadmap.template_key
        row.updated_at = now

        old_sections = {section.id: section for section in row.sections}
        old_items = {item.id: item for section in row.sections for item in section.items}
        new_sections = []
        for position, section in enumerate(roadmap.sections):
            section_row = old_sections.get(section.id) if section.id is not None else None
            if section_row is None:
                section_row = RoadmapSectionRow()
            section_row.position = position
            section_row.title = section.title
            items = []
            for item_position, item in enumerate(section.items):
                item_row = old_items.pop(item.id, None) if item.id is not None else None
                if item_row is None:
                    item_row = RoadmapItemRow()
                self._write_item(item_row, item, item_position, executors, school_ids)
                items.append(item_row)
            section_row.items = items
            new_sections.append(section_row)
        kept_ids = {section.id for section in roadmap.sections}
        for section_id, section_row in old_sections.items():
            if section_id not in kept_ids:
                # Items moved out of a deleted section must not go down with it.
                section_row.items = []
        for orphan in old_items.values():
            self._session.delete(orphan)
        row.sections = new_sections

        old_indicators = {indicator.id: indicator for indicator in row.indicators}
        indicators = []
        for position, indicator in enumerate(roadmap.indicators):
            indicator_row = old_indicators.get(indicator.id) if indicator.id is not None else None
            if indicator_row is None:
                indicator_row = IndicatorRow()
            indicator_row.position = position
            indicator_row.name = indicator.name
            indicator_row.source = indicator.source
            indicator_row.unit = indicator.unit
            indicator_row.target_value = indicator.target_value
            indicator_row.target_text = indicator.target_text
            indicator_row.target_year = indicator.target_year
            indicator_row.higher_is_better = indicator.higher_is_better
            indicator_row.per_school = indicator.per_school
            indicators.append(indicator_row)
        row.indicators = indicators

    def _write_item(
        self,
        row: RoadmapItemRow,
        item: RoadmapItem,
        position: int,
        executors: dict[str, ExecutorRow],
        school_ids: dict[str, int],
    ) -> None:
        if row.id is not None and item.version:
            expect_version(self._session, row, item.version)
        row.position = position
        row.text = item.text
        row.deadline_text = item.deadline_text
        row.starts_on = item.starts_on
        row.ends_on = item.ends_on
        row.dates_manual = item.dates_manual
        # Diff the links rather than replace them: re-inserting a link with the same key in the
        # flush that deletes the old one would clash on the primary key.
        names = list(dict.fromkeys(item.executors))
        kept = {link.executor.name: link for link in row.executor_links if link.executor.name in names}
        links = []
        for index, name in enumerate(names):
            link = kept.get(name) or RoadmapItemExecutorRow(executor=executors[name])
            link.position = index
            links.append(link)
        row.executor_links = links
        wanted = set(item.schools)
        kept_schools = [link for link in row.school_links if link.school.login in wanted]
        present = {link.school.login for link in kept_schools}
        row.school_links = kept_schools + [
            RoadmapItemSchoolRow(school_id=school_ids[login]) for login in sorted(wanted - present)
        ]

    # --- executors ----------------------------------------------------------------------------

    def _executor_rows(self, names: set[str]) -> dict[str, ExecutorRow]:
        """Directory rows for these names; names not yet in the directory are added to it."""
        if not names:
            return {}
        rows = {
            row.name: row
            for row in self._session.scalars(select(ExecutorRow).where(ExecutorRow.name.in_(names)))
        }
        for name in sorted(names - set(rows)):
            rows[name] = ExecutorRow(name=name, full_name="")
            self._session.add(rows[name])
        return rows

    def executors(self) -> list[Executor]:
        rows = self._session.scalars(select(ExecutorRow).order_by(ExecutorRow.id))
        return [Executor(row.name, row.full_name) for row in rows]

    def executor_usage(self) -> dict[str, int]:
        return pairs(
            self._session.execute(
                select(ExecutorRow.name, func.count(RoadmapItemExecutorRow.item_id))
                .outerjoin(RoadmapItemExecutorRow, RoadmapItemExecutorRow.executor_id == ExecutorRow.id)
                .group_by(ExecutorRow.name)
            )
        )

    def ensure_executors(self, executors: Iterable[Executor]) -> None:
        """Add directory entries that are missing; existing ones keep what the user wrote."""
        known = set(self._session.scalars(select(ExecutorRow.name)))
        for executor in executors:
            if executor.name not in known:
                self._session.add(ExecutorRow(name=executor.name, full_name=executor.full_name))
                known.add(executor.name)
        self._session.flush()

    def save_executor(self, executor: Executor, old_name: str | None = None) -> None:
        """Add an entry, or rename/describe the one called `old_name`; items follow the rename."""
        name = executor.name.strip()
        if not name:
            raise DomainError("Укажите краткое название исполнителя.")
        clash = self._session.scalar(select(ExecutorRow).where(ExecutorRow.name == name))
        row = (
            self._session.scalar(select(ExecutorRow).where(ExecutorRow.name == old_name))
            if old_name
            else None
        )
        if clash is not None and clash is not row:
            raise DomainError(f"Исполнитель «{name}» уже есть в справочнике.")
        if row is None:
            row = ExecutorRow()
            self._session.add(row)
        row.name = name
        row.full_name = executor.full_name.strip()

    def delete_executor(self, name: str) -> None:
        used = self.executor_usage().get(name, 0)
        if used:
            raise DomainError(
                f"Исполнитель «{name}» указан в {used} мероприятиях; сначала уберите его из них "
                "или переименуйте."
            )
        self._session.execute(delete(ExecutorRow).where(ExecutorRow.name == name))

    # --- indicator values ---------------------------------------------------------------------

    def indicator_values(self, roadmap_id: int) -> list[IndicatorValue]:
        rows = self._session.execute(
            select(IndicatorValueRow, SchoolRow.login)
            .join(IndicatorRow, IndicatorValueRow.indicator_id == IndicatorRow.id)
            .outerjoin(SchoolRow, IndicatorValueRow.school_id == SchoolRow.id)
            .where(IndicatorRow.roadmap_id == roadmap_id)
            .order_by(IndicatorValueRow.year)
        )
        return [
            IndicatorValue(row.indicator_id, row.year, row.value, login, row.comment) for row, login in rows
        ]

    def set_indicator_value(
        self, indicator_id: int, year: int, login: str | None, value: float | None, comment: str = ""
    ) -> None:
        """Write or (value None) erase one actual value."""
        school_id = school_ids_of(self._session, [login])[login] if login else None
        query = select(IndicatorValueRow).where(
            IndicatorValueRow.indicator_id == indicator_id,
            IndicatorValueRow.year == year,
            IndicatorValueRow.school_id.is_(None)
            if school_id is None
            else IndicatorValueRow.school_id == school_id,
        )
        row = self._session.scalar(query)
        if value is None:
            if row is not None:
                self._session.delete(row)
            return
        if row is None:
            if self._session.get(IndicatorRow, indicator_id) is None:
                raise DomainError("Показатель не найден: сохраните дорожную карту и повторите.")
            row = IndicatorValueRow(indicator_id=indicator_id, year=year, school_id=school_id)
            self._session.add(row)
        row.value = value
        row.comment = comment
