"""The audit log, and version columns for optimistic locking of schools and results.

A branch of its own from 0002 (issue 7). The columns are added in place
(SQLite's ALTER TABLE ADD COLUMN with a constant default): no table is rebuilt.

Revision ID: i7_office
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "i7_office"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_key", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entries"),
    )
    op.create_index("ix_audit_entries_changed_at", "audit_entries", ["changed_at"])
    op.create_index("ix_audit_entries_table_name_row_key", "audit_entries", ["table_name", "row_key"])
    for table in ("schools", "results"):
        op.add_column(table, sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    for table in ("results", "schools"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
    op.drop_index("ix_audit_entries_table_name_row_key", table_name="audit_entries")
    op.drop_index("ix_audit_entries_changed_at", table_name="audit_entries")
    op.drop_table("audit_entries")
