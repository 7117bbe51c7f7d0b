"""Tables of the analysis: rule profiles, official statuses, school profiles and mark comparisons.

Migration db/versions/i4_analysis.py creates exactly these tables.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lowres_desktop.storage.models import Base, ProcedureRow, ResultRow, SchoolRow

# Covering indexes for the categories of a whole country (AnalysisFacts): the results at or
# above a share of «2», and per year and school the % of high results and the heat map's cells,
# read without the table.
Index(
    "ix_results_low_facts",
    ResultRow.pct_low,
    ResultRow.year,
    ResultRow.school_id,
    ResultRow.procedure_id,
    ResultRow.participants,
    ResultRow.pct_high,
)
Index(
    "ix_results_year_facts",
    ResultRow.year,
    ResultRow.school_id,
    ResultRow.pct_high,
    ResultRow.procedure_id,
    ResultRow.participants,
    ResultRow.pct_low,
)


class RuleProfileRow(Base):
    """A saved profile; its parameters are one JSON document so new settings need no migration."""

    __tablename__ = "rule_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    order_title: Mapped[str] = mapped_column(String(500), default="", server_default="")
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    is_current: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ProblemTypeRow(Base):
    __tablename__ = "problem_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(500))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


school_problem_types = Table(
    "school_problem_types",
    Base.metadata,
    Column(
        "school_profile_id",
        ForeignKey("school_profiles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "problem_type_id",
        ForeignKey("problem_types.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class SchoolProfileRow(Base):
    __tablename__ = "school_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), unique=True)
    social_conditions: Mapped[str | None] = mapped_column(String(32))
    mentor_school_id: Mapped[int | None] = mapped_column(
        ForeignKey("schools.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str] = mapped_column(String(2000), default="", server_default="")

    school: Mapped[SchoolRow] = relationship(foreign_keys=[school_id])
    mentor: Mapped[SchoolRow | None] = relationship(foreign_keys=[mentor_school_id])
    problem_types: Mapped[list[ProblemTypeRow]] = relationship(secondary=school_problem_types)


class OfficialStatusRow(Base):
    __tablename__ = "official_statuses"
    __table_args__ = (
        UniqueConstraint("school_id", "year", "category"),
        CheckConstraint("year >= 1990 AND year <= 2100", name="ck_official_statuses_year_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer, index=True)
    category: Mapped[str] = mapped_column(String(32))
    order_number: Mapped[str] = mapped_column(String(100))
    order_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    school: Mapped[SchoolRow] = relationship()


class MarkComparisonRow(Base):
    __tablename__ = "mark_comparisons"
    __table_args__ = (
        UniqueConstraint("school_id", "procedure_id", "year"),
        CheckConstraint("lowered_pct >= 0 AND lowered_pct <= 100", name="ck_mark_comparisons_lowered_range"),
        CheckConstraint(
            "confirmed_pct >= 0 AND confirmed_pct <= 100", name="ck_mark_comparisons_confirmed_range"
        ),
        CheckConstraint("raised_pct >= 0 AND raised_pct <= 100", name="ck_mark_comparisons_raised_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    participants: Mapped[int | None] = mapped_column(Integer)
    lowered_pct: Mapped[float] = mapped_column(Float)
    confirmed_pct: Mapped[float] = mapped_column(Float)
    raised_pct: Mapped[float] = mapped_column(Float)

    school: Mapped[SchoolRow] = relationship()
    procedure: Mapped[ProcedureRow] = relationship()
