"""Tables of what the office records about a school beside its results: official statuses
(the order that listed it, per year and category) and its profile (problem types from the
staff's catalogue, social conditions, mentor school).

Migration db/versions/i4_analysis.py creates these tables; they are apart from
`models_analysis` so that a command not reading them (`lowres flag`) does not
define their mappers.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lowres_desktop.storage.models import Base, SchoolRow


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
