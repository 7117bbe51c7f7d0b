"""The register of issued documents: parameters, edited basis and the PDF as printed.

Revision ID: i8_issued_documents
Revises: i6_documents
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "i8_issued_documents"
down_revision = "i6_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issued_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("doc_type", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("request_json", sa.Text(), nullable=False),
        sa.Column("basis_json", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_issued_documents"),
    )
    op.create_index("ix_issued_documents_created_at", "issued_documents", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_issued_documents_created_at", table_name="issued_documents")
    op.drop_table("issued_documents")
