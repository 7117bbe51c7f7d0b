"""Import history with undo, school identifiers, remembered header mappings, minimum scores.

Revision ID: i3_import_history
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "i3_import_history"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batch_details",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("layout", sa.String(length=32), server_default="", nullable=False),
        sa.Column("sheets", sa.String(length=1000), server_default="", nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("results_kept", sa.Integer(), server_default="0", nullable=False),
        sa.Column("comparisons_written", sa.Integer(), server_default="0", nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name="fk_import_batch_details_batch_id_import_batches",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", name="pk_import_batch_details"),
    )
    op.create_table(
        "import_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("old_values", sa.JSON(), nullable=True),
        sa.Column("new_values", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name="fk_import_changes_batch_id_import_batches",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name="fk_import_changes_school_id_schools", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedures.id"],
            name="fk_import_changes_procedure_id_procedures",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_import_changes"),
    )
    op.create_index("ix_import_changes_batch_id", "import_changes", ["batch_id"])
    op.create_index("ix_import_changes_school_id", "import_changes", ["school_id"])
    op.create_table(
        "school_identifiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name="fk_school_identifiers_school_id_schools", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_school_identifiers"),
        sa.UniqueConstraint("kind", "value", name="uq_school_identifiers_kind_value"),
    )
    op.create_index("ix_school_identifiers_school_id", "school_identifiers", ["school_id"])
    op.create_table(
        "header_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("layout", sa.String(length=32), nullable=False),
        sa.Column("header", sa.String(length=500), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_header_mappings"),
        sa.UniqueConstraint("layout", "header", name="uq_header_mappings_layout_header"),
    )
    op.create_table(
        "minimum_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("scale", sa.String(length=16), nullable=False),
        sa.Column("minimum", sa.Float(), nullable=False),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("note", sa.String(length=500), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_minimum_scores"),
        sa.UniqueConstraint("kind", "subject", "year", name="uq_minimum_scores_kind_subject_year"),
    )


def downgrade() -> None:
    op.drop_table("minimum_scores")
    op.drop_table("header_mappings")
    op.drop_index("ix_school_identifiers_school_id", table_name="school_identifiers")
    op.drop_table("school_identifiers")
    op.drop_index("ix_import_changes_school_id", table_name="import_changes")
    op.drop_index("ix_import_changes_batch_id", table_name="import_changes")
    op.drop_table("import_changes")
    op.drop_table("import_batch_details")
