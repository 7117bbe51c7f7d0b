"""Import batches and the provenance of results; schools get an «active» flag.

Rebuilds `schools` (a parent of `results`) in batch mode: the migration
runner keeps foreign keys off so the rebuild cannot cascade into results.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _recreate() -> str:
    """SQLite rebuilds `schools` (as it always did); PostgreSQL alters it in place.

    A rebuild on PostgreSQL would drop the primary key that `results` refers to,
    which the server refuses.
    """
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("os_user", sa.String(length=200), nullable=False),
        sa.Column("schools_new", sa.Integer(), nullable=False),
        sa.Column("schools_renamed", sa.Integer(), nullable=False),
        sa.Column("results_new", sa.Integer(), nullable=False),
        sa.Column("results_changed", sa.Integer(), nullable=False),
        sa.Column("results_unchanged", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_import_batches"),
    )
    op.create_index("ix_import_batches_sha256", "import_batches", ["sha256"])
    with op.batch_alter_table("schools", recreate=_recreate()) as batch:
        batch.add_column(sa.Column("active", sa.Boolean(), server_default="1", nullable=False))
    with op.batch_alter_table("results") as batch:
        batch.add_column(sa.Column("import_batch_id", sa.Integer(), nullable=True))
        batch.create_index("ix_results_import_batch_id", ["import_batch_id"])
        batch.create_foreign_key(
            "fk_results_import_batch_id_import_batches",
            "import_batches",
            ["import_batch_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("results") as batch:
        batch.drop_constraint("fk_results_import_batch_id_import_batches", type_="foreignkey")
        batch.drop_index("ix_results_import_batch_id")
        batch.drop_column("import_batch_id")
    with op.batch_alter_table("schools", recreate=_recreate()) as batch:
        batch.drop_column("active")
    op.drop_index("ix_import_batches_sha256", table_name="import_batches")
    op.drop_table("import_batches")
