"""Tables of roadmaps, their items, executors and target indicators, and of monitoring rounds.

Positions, not numbers, are stored: numbering is derived on display so a move
renumbers without touching other rows. Items keep their ids across edits so
monitoring entries stay attached. Deleting a roadmap that a monitoring round
checks is refused (RESTRICT); deleting an item drops its entries with it.
Evidence files live in the database so a shared database carries them along.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lowres_desktop.storage.models import Base, SchoolRow


class ExecutorRow(Base):
    __tablename__ = "executors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    full_name: Mapped[str] = mapped_column(String(1000), default="", server_default="")


class RoadmapRow(Base):
    __tablename__ = "roadmaps"
    __table_args__ = (
        CheckConstraint("level IN ('municipal', 'school')", name="ck_roadmaps_level_known"),
        CheckConstraint("numbering IN ('flat', 'nested')", name="ck_roadmaps_numbering_known"),
        CheckConstraint("first_year <= last_year", name="ck_roadmaps_period_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(16))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="SET NULL"), index=True)
    first_year: Mapped[int] = mapped_column(Integer)
    last_year: Mapped[int] = mapped_column(Integer)
    numbering: Mapped[str] = mapped_column(String(16))
    order_kind: Mapped[str] = mapped_column(String(100), default="", server_default="")
    order_number: Mapped[str] = mapped_column(String(100), default="", server_default="")
    order_date: Mapped[date | None] = mapped_column(Date)
    order_issuer: Mapped[str] = mapped_column(String(500), default="", server_default="")
    template_key: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    school: Mapped[SchoolRow | None] = relationship()
    sections: Mapped[list[RoadmapSectionRow]] = relationship(
        order_by="RoadmapSectionRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    indicators: Mapped[list[IndicatorRow]] = relationship(
        order_by="IndicatorRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class RoadmapSectionRow(Base):
    __tablename__ = "roadmap_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)

    items: Mapped[list[RoadmapItemRow]] = relationship(
        order_by="RoadmapItemRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class RoadmapItemRow(Base):
    __tablename__ = "roadmap_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("roadmap_sections.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    deadline_text: Mapped[str] = mapped_column(String(500), default="", server_default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    dates_manual: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Optimistic locking (issue 7, revision i7_office_roadmaps).
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    executor_links: Mapped[list[RoadmapItemExecutorRow]] = relationship(
        order_by="RoadmapItemExecutorRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    school_links: Mapped[list[RoadmapItemSchoolRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}


class RoadmapItemExecutorRow(Base):
    __tablename__ = "roadmap_item_executors"

    item_id: Mapped[int] = mapped_column(ForeignKey("roadmap_items.id", ondelete="CASCADE"), primary_key=True)
    executor_id: Mapped[int] = mapped_column(
        ForeignKey("executors.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)

    executor: Mapped[ExecutorRow] = relationship()


class RoadmapItemSchoolRow(Base):
    __tablename__ = "roadmap_item_schools"

    item_id: Mapped[int] = mapped_column(ForeignKey("roadmap_items.id", ondelete="CASCADE"), primary_key=True)
    school_id: Mapped[int] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    school: Mapped[SchoolRow] = relationship()


class IndicatorRow(Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(500), default="", server_default="")
    unit: Mapped[str] = mapped_column(String(32), default="%", server_default="%")
    target_value: Mapped[float | None] = mapped_column(Float)
    target_text: Mapped[str] = mapped_column(String(100), default="", server_default="")
    target_year: Mapped[int | None] = mapped_column(Integer)
    higher_is_better: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    per_school: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class IndicatorValueRow(Base):
    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "school_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    value: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")

    school: Mapped[SchoolRow | None] = relationship()


class MonitoringRoundRow(Base):
    __tablename__ = "monitoring_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    roadmap_id: Mapped[int] = mapped_column(ForeignKey("roadmaps.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(500))
    period_text: Mapped[str] = mapped_column(String(300), default="", server_default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    school_links: Mapped[list[MonitoringRoundSchoolRow]] = relationship(
        order_by="MonitoringRoundSchoolRow.position", cascade="all, delete-orphan", passive_deletes=True
    )
    item_links: Mapped[list[MonitoringRoundItemRow]] = relationship(
        order_by="MonitoringRoundItemRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class MonitoringRoundSchoolRow(Base):
    __tablename__ = "monitoring_round_schools"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("monitoring_rounds.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)

    school: Mapped[SchoolRow] = relationship()


class MonitoringRoundItemRow(Base):
    __tablename__ = "monitoring_round_items"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("monitoring_rounds.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class MonitoringEntryRow(Base):
    __tablename__ = "monitoring_entries"
    __table_args__ = (
        UniqueConstraint("round_id", "school_id", "item_id"),
        CheckConstraint(
            "status IS NULL OR status IN ('done', 'partial', 'not_done', 'not_applicable')",
            name="ck_monitoring_entries_status_known",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("monitoring_rounds.id", ondelete="CASCADE"))
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("roadmap_items.id", ondelete="CASCADE"), index=True)
    status: Mapped[str | None] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    evidence: Mapped[list[MonitoringEvidenceRow]] = relationship(
        order_by="MonitoringEvidenceRow.id", cascade="all, delete-orphan", passive_deletes=True
    )


class MonitoringEvidenceRow(Base):
    __tablename__ = "monitoring_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("monitoring_entries.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)
