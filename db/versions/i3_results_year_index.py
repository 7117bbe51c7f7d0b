"""Drop `ix_results_year`: the covering index `ix_results_year_facts` starts with the year.

Every query by year is answered by `ix_results_year_facts` (year, school, and the
values), so the one-column index only cost time on every write: about a tenth
of inserting a region's 27,000 results.

Revision ID: i3_results_year_index
Revises: i4_analysis
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "i3_results_year_index"
down_revision = "i4_analysis"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_results_year", table_name="results")


def downgrade() -> None:
    op.create_index("ix_results_year", "results", ["year"])
