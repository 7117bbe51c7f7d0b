"""SQLAlchemy 2 typed ORM models; the migrations in db/versions must produce exactly this schema.

Constraint names follow one naming convention so that migrations can alter them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# The migrations named their check constraints in full ("ck_results_year_range") and Alembic
# applied the convention below once more, so every database carries "ck_results_ck_results_…".
# The models give the same full names, so that a new database created from them matches.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DistrictRow(Base):
    __tablename__ = "districts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class SchoolRow(Base):
    __tablename__ = "schools"
    __table_args__ = (
        CheckConstraint("length(login) > 0", name="ck_schools_login_not_empty"),
        # Revision i14_value_bounds: the same bounds as the import's checks, for every writer.
        CheckConstraint(
            "length(login) <= 64 AND login NOT LIKE '% %' "
            "AND substr(login, 1, 1) NOT IN ('=', '+', '-', '@')",
            name="ck_schools_login_plain",
        ),
        CheckConstraint("length(full_name) <= 500", name="ck_schools_full_name_length"),
        CheckConstraint("length(short_name) <= 200", name="ck_schools_short_name_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(500))
    short_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("districts.id", ondelete="SET NULL"), index=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # Optimistic locking (issue 7, revision i7_office): an UPDATE of a row changed meanwhile fails.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    district: Mapped[DistrictRow | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class ProcedureRow(Base):
    __tablename__ = "procedures"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(16))
    grade: Mapped[int | None] = mapped_column(Integer)

    # The UNIQUE constraint lets a procedure without a grade in twice (NULLs differ);
    # the index on coalesce(grade, -1) (revision i14_value_bounds) does not.
    __table_args__ = (
        UniqueConstraint("kind", "subject", "grade"),
        Index("uq_procedures_identity", "kind", "subject", func.coalesce(grade, -1), unique=True),
    )


class ImportBatchRow(Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    os_user: Mapped[str] = mapped_column(String(200))
    schools_new: Mapped[int] = mapped_column(Integer, default=0)
    schools_renamed: Mapped[int] = mapped_column(Integer, default=0)
    results_new: Mapped[int] = mapped_column(Integer, default=0)
    results_changed: Mapped[int] = mapped_column(Integer, default=0)
    results_unchanged: Mapped[int] = mapped_column(Integer, default=0)


class ResultRow(Base):
    __tablename__ = "results"
    __table_args__ = (
        UniqueConstraint("school_id", "procedure_id", "year"),
        CheckConstraint(
            "pct_low IS NULL OR (pct_low >= 0 AND pct_low <= 100)", name="ck_results_pct_low_range"
        ),
        CheckConstraint(
            "pct_high IS NULL OR (pct_high >= 0 AND pct_high <= 100)", name="ck_results_pct_high_range"
        ),
        CheckConstraint("participants IS NULL OR participants >= 0", name="ck_results_participants_positive"),
        CheckConstraint(
            "participants IS NULL OR participants <= 100000", name="ck_results_participants_at_most"
        ),
        CheckConstraint("year >= 1990 AND year <= 2100", name="ck_results_year_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    """Looked up through `ix_results_year_facts` (models_analysis.py), which starts with it."""
    participants: Mapped[int | None] = mapped_column(Integer)
    pct_low: Mapped[float | None] = mapped_column(Float)
    pct_high: Mapped[float | None] = mapped_column(Float)
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    school: Mapped[SchoolRow] = relationship()
    procedure: Mapped[ProcedureRow] = relationship()

    __mapper_args__ = {"version_id_col": version}
