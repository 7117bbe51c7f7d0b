"""A version column for optimistic locking of roadmap items (issue 7 on top of issue 5's tables).

Revision ID: i7_office_roadmaps
Revises: i5_roadmaps
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "i7_office_roadmaps"
down_revision = "i5_roadmaps"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("roadmap_items", sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("roadmap_items") as batch:
        batch.drop_column("version")
