"""Analysis: rule profiles, problem-type catalogue, school profiles, official statuses, mark comparisons.

A branch of its own from 0002 (issue 4). Fills the problem-type catalogue with
seed 003's six types, which staff may then edit, and adds two covering indexes
on `results` so the categories of 40,000 schools read in a fraction of a second.

Revision ID: i4_analysis
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lowres_desktop.storage.seed_rows import SEED_ROWS

revision = "i4_analysis"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_results_low_facts",
        "results",
        ["pct_low", "year", "school_id", "procedure_id", "participants", "pct_high"],
    )
    op.create_index(
        "ix_results_year_facts",
        "results",
        ["year", "school_id", "pct_high", "procedure_id", "participants", "pct_low"],
    )
    op.create_table(
        "rule_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("order_title", sa.String(length=500), server_default="", nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("is_current", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rule_profiles"),
        sa.UniqueConstraint("name", name="uq_rule_profiles_name"),
    )
    problem_types = op.create_table(
        "problem_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_problem_types"),
        sa.UniqueConstraint("code", name="uq_problem_types_code"),
    )
    op.create_table(
        "school_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("social_conditions", sa.String(length=32), nullable=True),
        sa.Column("mentor_school_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=2000), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name="fk_school_profiles_school_id_schools", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["mentor_school_id"],
            ["schools.id"],
            name="fk_school_profiles_mentor_school_id_schools",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_school_profiles"),
        sa.UniqueConstraint("school_id", name="uq_school_profiles_school_id"),
    )
    op.create_index("ix_school_profiles_mentor_school_id", "school_profiles", ["mentor_school_id"])
    op.create_table(
        "school_problem_types",
        sa.Column("school_profile_id", sa.Integer(), nullable=False),
        sa.Column("problem_type_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_profile_id"],
            ["school_profiles.id"],
            name="fk_school_problem_types_school_profile_id_school_profiles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["problem_type_id"],
            ["problem_types.id"],
            name="fk_school_problem_types_problem_type_id_problem_types",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("school_profile_id", "problem_type_id", name="pk_school_problem_types"),
    )
    op.create_index("ix_school_problem_types_problem_type_id", "school_problem_types", ["problem_type_id"])
    op.create_table(
        "official_statuses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("order_number", sa.String(length=100), nullable=False),
        sa.Column("order_date", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=1000), server_default="", nullable=False),
        sa.CheckConstraint("year >= 1990 AND year <= 2100", name="ck_official_statuses_year_range"),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name="fk_official_statuses_school_id_schools", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_official_statuses"),
        sa.UniqueConstraint(
            "school_id", "year", "category", name="uq_official_statuses_school_id_year_category"
        ),
    )
    op.create_index("ix_official_statuses_year", "official_statuses", ["year"])
    op.create_table(
        "mark_comparisons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("lowered_pct", sa.Float(), nullable=False),
        sa.Column("confirmed_pct", sa.Float(), nullable=False),
        sa.Column("raised_pct", sa.Float(), nullable=False),
        sa.CheckConstraint(
            "lowered_pct >= 0 AND lowered_pct <= 100", name="ck_mark_comparisons_lowered_range"
        ),
        sa.CheckConstraint(
            "confirmed_pct >= 0 AND confirmed_pct <= 100", name="ck_mark_comparisons_confirmed_range"
        ),
        sa.CheckConstraint("raised_pct >= 0 AND raised_pct <= 100", name="ck_mark_comparisons_raised_range"),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name="fk_mark_comparisons_school_id_schools", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedures.id"],
            name="fk_mark_comparisons_procedure_id_procedures",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_mark_comparisons"),
        sa.UniqueConstraint(
            "school_id", "procedure_id", "year", name="uq_mark_comparisons_school_id_procedure_id_year"
        ),
    )
    op.create_index("ix_mark_comparisons_procedure_id", "mark_comparisons", ["procedure_id"])
    op.create_index("ix_mark_comparisons_year", "mark_comparisons", ["year"])
    op.bulk_insert(problem_types, SEED_ROWS["problem_types"])


def downgrade() -> None:
    op.drop_index("ix_mark_comparisons_year", table_name="mark_comparisons")
    op.drop_index("ix_mark_comparisons_procedure_id", table_name="mark_comparisons")
    op.drop_table("mark_comparisons")
    op.drop_index("ix_official_statuses_year", table_name="official_statuses")
    op.drop_table("official_statuses")
    op.drop_index("ix_school_problem_types_problem_type_id", table_name="school_problem_types")
    op.drop_table("school_problem_types")
    op.drop_index("ix_school_profiles_mentor_school_id", table_name="school_profiles")
    op.drop_table("school_profiles")
    op.drop_table("problem_types")
    op.drop_table("rule_profiles")
    op.drop_index("ix_results_year_facts", table_name="results")
    op.drop_index("ix_results_low_facts", table_name="results")
