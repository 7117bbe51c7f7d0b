"""Tables of the analysis that every list of flagged schools reads: the rule profiles, and the
covering indexes on `results` its fast reads use.

Migration db/versions/i4_analysis.py creates them, together with the tables of
`models_school_records` (official statuses, school profiles) and
`models_import.MarkComparisonRow`: those live apart so that `lowres flag`,
which needs only a profile and the results, does not define and configure
their mappers (see `UnitOfWork`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from lowres_desktop.storage.models import Base, ResultRow

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
