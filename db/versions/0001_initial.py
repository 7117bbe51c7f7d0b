"""Initial schema: districts, schools, procedures, results.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "districts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_districts"),
        sa.UniqueConstraint("name", name="uq_districts_name"),
    )
    op.create_table(
        "schools",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=500), nullable=False),
        sa.Column("short_name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("length(login) > 0", name="ck_schools_login_not_empty"),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name="fk_schools_district_id_districts",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_schools"),
        sa.UniqueConstraint("login", name="uq_schools_login"),
    )
    op.create_index("ix_schools_district_id", "schools", ["district_id"])
    op.create_table(
        "procedures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=16), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_procedures"),
        sa.UniqueConstraint("kind", "subject", "grade", name="uq_procedures_kind_subject_grade"),
    )
    op.create_table(
        "results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("pct_low", sa.Float(), nullable=True),
        sa.Column("pct_high", sa.Float(), nullable=True),
        sa.CheckConstraint(
            "pct_low IS NULL OR (pct_low >= 0 AND pct_low <= 100)", name="ck_results_pct_low_range"
        ),
        sa.CheckConstraint(
            "pct_high IS NULL OR (pct_high >= 0 AND pct_high <= 100)",
            name="ck_results_pct_high_range",
        ),
        sa.CheckConstraint(
            "participants IS NULL OR participants >= 0", name="ck_results_participants_positive"
        ),
        sa.CheckConstraint("year >= 1990 AND year <= 2100", name="ck_results_year_range"),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name="fk_results_school_id_schools", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedures.id"],
            name="fk_results_procedure_id_procedures",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_results"),
        sa.UniqueConstraint(
            "school_id", "procedure_id", "year", name="uq_results_school_id_procedure_id_year"
        ),
    )
    op.create_index("ix_results_procedure_id", "results", ["procedure_id"])
    op.create_index("ix_results_year", "results", ["year"])


def downgrade() -> None:
    op.drop_table("results")
    op.drop_table("procedures")
    op.drop_table("schools")
    op.drop_table("districts")
