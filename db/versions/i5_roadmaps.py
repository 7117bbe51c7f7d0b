"""Roadmaps, their items, executors and target indicators; monitoring rounds, entries and evidence.

A branch of its own from 0002 (issue 5); it only creates new tables, so no
existing row is touched.

Revision ID: i5_roadmaps
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "i5_roadmaps"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "executors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("full_name", sa.String(length=1000), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_executors"),
        sa.UniqueConstraint("name", name="uq_executors_name"),
    )
    op.create_table(
        "roadmaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("numbering", sa.String(length=16), nullable=False),
        sa.Column("order_kind", sa.String(length=100), server_default="", nullable=False),
        sa.Column("order_number", sa.String(length=100), server_default="", nullable=False),
        sa.Column("order_date", sa.Date(), nullable=True),
        sa.Column("order_issuer", sa.String(length=500), server_default="", nullable=False),
        sa.Column("template_key", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("level IN ('municipal', 'school')", name="ck_roadmaps_level_known"),
        sa.CheckConstraint("numbering IN ('flat', 'nested')", name="ck_roadmaps_numbering_known"),
        sa.CheckConstraint("first_year <= last_year", name="ck_roadmaps_period_ordered"),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name="fk_roadmaps_school_id_schools", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_roadmaps"),
    )
    op.create_index("ix_roadmaps_school_id", "roadmaps", ["school_id"], unique=False)
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roadmap_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=500), server_default="", nullable=False),
        sa.Column("unit", sa.String(length=32), server_default="%", nullable=False),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_text", sa.String(length=100), server_default="", nullable=False),
        sa.Column("target_year", sa.Integer(), nullable=True),
        sa.Column("higher_is_better", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("per_school", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["roadmap_id"], ["roadmaps.id"], name="fk_indicators_roadmap_id_roadmaps", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_indicators"),
    )
    op.create_index("ix_indicators_roadmap_id", "indicators", ["roadmap_id"], unique=False)
    op.create_table(
        "monitoring_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roadmap_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("period_text", sa.String(length=300), server_default="", nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["roadmap_id"],
            ["roadmaps.id"],
            name="fk_monitoring_rounds_roadmap_id_roadmaps",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_monitoring_rounds"),
    )
    op.create_index("ix_monitoring_rounds_roadmap_id", "monitoring_rounds", ["roadmap_id"], unique=False)
    op.create_table(
        "roadmap_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roadmap_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["roadmap_id"],
            ["roadmaps.id"],
            name="fk_roadmap_sections_roadmap_id_roadmaps",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_roadmap_sections"),
    )
    op.create_index("ix_roadmap_sections_roadmap_id", "roadmap_sections", ["roadmap_id"], unique=False)
    op.create_table(
        "indicator_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("comment", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name="fk_indicator_values_indicator_id_indicators",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name="fk_indicator_values_school_id_schools", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_indicator_values"),
        sa.UniqueConstraint(
            "indicator_id", "year", "school_id", name="uq_indicator_values_indicator_id_year_school_id"
        ),
    )
    op.create_index("ix_indicator_values_indicator_id", "indicator_values", ["indicator_id"], unique=False)
    op.create_index("ix_indicator_values_school_id", "indicator_values", ["school_id"], unique=False)
    op.create_table(
        "monitoring_round_schools",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["monitoring_rounds.id"],
            name="fk_monitoring_round_schools_round_id_monitoring_rounds",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name="fk_monitoring_round_schools_school_id_schools",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("round_id", "school_id", name="pk_monitoring_round_schools"),
    )
    op.create_index(
        "ix_monitoring_round_schools_school_id", "monitoring_round_schools", ["school_id"], unique=False
    )
    op.create_table(
        "roadmap_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("deadline_text", sa.String(length=500), server_default="", nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("dates_manual", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["roadmap_sections.id"],
            name="fk_roadmap_items_section_id_roadmap_sections",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_roadmap_items"),
    )
    op.create_index("ix_roadmap_items_section_id", "roadmap_items", ["section_id"], unique=False)
    op.create_table(
        "monitoring_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("comment", sa.Text(), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IS NULL OR status IN ('done', 'partial', 'not_done', 'not_applicable')",
            name="ck_monitoring_entries_status_known",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["roadmap_items.id"],
            name="fk_monitoring_entries_item_id_roadmap_items",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["monitoring_rounds.id"],
            name="fk_monitoring_entries_round_id_monitoring_rounds",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name="fk_monitoring_entries_school_id_schools", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_monitoring_entries"),
        sa.UniqueConstraint(
            "round_id", "school_id", "item_id", name="uq_monitoring_entries_round_id_school_id_item_id"
        ),
    )
    op.create_index("ix_monitoring_entries_item_id", "monitoring_entries", ["item_id"], unique=False)
    op.create_index("ix_monitoring_entries_school_id", "monitoring_entries", ["school_id"], unique=False)
    op.create_table(
        "monitoring_round_items",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["roadmap_items.id"],
            name="fk_monitoring_round_items_item_id_roadmap_items",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["monitoring_rounds.id"],
            name="fk_monitoring_round_items_round_id_monitoring_rounds",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("round_id", "item_id", name="pk_monitoring_round_items"),
    )
    op.create_index("ix_monitoring_round_items_item_id", "monitoring_round_items", ["item_id"], unique=False)
    op.create_table(
        "roadmap_item_executors",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("executor_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["executor_id"],
            ["executors.id"],
            name="fk_roadmap_item_executors_executor_id_executors",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["roadmap_items.id"],
            name="fk_roadmap_item_executors_item_id_roadmap_items",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "executor_id", name="pk_roadmap_item_executors"),
    )
    op.create_index(
        "ix_roadmap_item_executors_executor_id", "roadmap_item_executors", ["executor_id"], unique=False
    )
    op.create_table(
        "roadmap_item_schools",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["roadmap_items.id"],
            name="fk_roadmap_item_schools_item_id_roadmap_items",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name="fk_roadmap_item_schools_school_id_schools",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("item_id", "school_id", name="pk_roadmap_item_schools"),
    )
    op.create_index("ix_roadmap_item_schools_school_id", "roadmap_item_schools", ["school_id"], unique=False)
    op.create_table(
        "monitoring_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["monitoring_entries.id"],
            name="fk_monitoring_evidence_entry_id_monitoring_entries",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_monitoring_evidence"),
    )
    op.create_index("ix_monitoring_evidence_entry_id", "monitoring_evidence", ["entry_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_monitoring_evidence_entry_id", table_name="monitoring_evidence")
    op.drop_table("monitoring_evidence")
    op.drop_index("ix_roadmap_item_schools_school_id", table_name="roadmap_item_schools")
    op.drop_table("roadmap_item_schools")
    op.drop_index("ix_roadmap_item_executors_executor_id", table_name="roadmap_item_executors")
    op.drop_table("roadmap_item_executors")
    op.drop_index("ix_monitoring_round_items_item_id", table_name="monitoring_round_items")
    op.drop_table("monitoring_round_items")
    op.drop_index("ix_monitoring_entries_school_id", table_name="monitoring_entries")
    op.drop_index("ix_monitoring_entries_item_id", table_name="monitoring_entries")
    op.drop_table("monitoring_entries")
    op.drop_index("ix_roadmap_items_section_id", table_name="roadmap_items")
    op.drop_table("roadmap_items")
    op.drop_index("ix_monitoring_round_schools_school_id", table_name="monitoring_round_schools")
    op.drop_table("monitoring_round_schools")
    op.drop_index("ix_indicator_values_school_id", table_name="indicator_values")
    op.drop_index("ix_indicator_values_indicator_id", table_name="indicator_values")
    op.drop_table("indicator_values")
    op.drop_index("ix_roadmap_sections_roadmap_id", table_name="roadmap_sections")
    op.drop_table("roadmap_sections")
    op.drop_index("ix_monitoring_rounds_roadmap_id", table_name="monitoring_rounds")
    op.drop_table("monitoring_rounds")
    op.drop_index("ix_indicators_roadmap_id", table_name="indicators")
    op.drop_table("indicators")
    op.drop_index("ix_roadmaps_school_id", table_name="roadmaps")
    op.drop_table("roadmaps")
    op.drop_table("executors")
