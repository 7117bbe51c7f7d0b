"""Tables of import history and reference data for importing.

- `import_batch_details`: what the base `import_batches` row does not say
  (manual edit or file, layout, sheets, warnings, when it was undone);
- `import_changes`: the values each batch wrote and replaced, so that undo
  restores exactly them, packed per school (see `storage/import_changes.py`);
- `school_identifiers`: a school's other keys (ГИА «Код ОО», …) besides its login;
- `header_mappings`: what the user told the wizard an unknown header means;
- `minimum_scores`: staff's edits to the shipped minimum-score table;
- `mark_comparisons`: a school's marks against the work's (lowered, confirmed,
  raised), imported from the ВПР files beside the results.

Migration db/versions/i3_import_history.py creates these tables but the last,
which db/versions/i4_analysis.py creates.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lowres_desktop.storage.models import Base, ProcedureRow, SchoolRow


class ImportBatchDetailRow(Base):
    __tablename__ = "import_batch_details"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    """«file» for an imported file, «manual» for values edited by hand."""
    layout: Mapped[str] = mapped_column(String(32), default="", server_default="")
    sheets: Mapped[str] = mapped_column(String(1000), default="", server_default="")
    warnings: Mapped[list[str]] = mapped_column(JSON)
    results_kept: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    comparisons_written: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(200))


class ImportChangeRow(Base):
    __tablename__ = "import_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    target: Mapped[str] = mapped_column(String(16))
    """«school», or «results»/«comparisons»: one school's values packed in one row (import_changes.py)."""
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    procedure_id: Mapped[int | None] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"))
    year: Mapped[int | None] = mapped_column(Integer)
    old_values: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    new_values: Mapped[dict[str, Any]] = mapped_column(JSON)


class SchoolIdentifierRow(Base):
    __tablename__ = "school_identifiers"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))


class HeaderMappingRow(Base):
    __tablename__ = "header_mappings"
    __table_args__ = (UniqueConstraint("layout", "header"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    layout: Mapped[str] = mapped_column(String(32))
    header: Mapped[str] = mapped_column(String(500))
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class MinimumScoreRow(Base):
    __tablename__ = "minimum_scores"
    __table_args__ = (UniqueConstraint("kind", "subject", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    scale: Mapped[str] = mapped_column(String(16))
    minimum: Mapped[float] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(String(500), default="", server_default="")


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
