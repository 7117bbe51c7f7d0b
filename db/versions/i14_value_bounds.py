"""Bounds every writer must respect, enforced by the database itself, the same on SQLite and PostgreSQL.

SQLite keeps a 300-character login in a VARCHAR(64) and 3e9 participants in
an INTEGER; PostgreSQL refuses them with a traceback. The import now refuses
such values with a message, and these CHECK constraints make every other
writer refuse them too: logins are at most 64 characters, without spaces and
not starting with a formula sign; names fit their columns; participants are at
most 100 000. A procedure is unique with or without a grade (a UNIQUE
constraint lets «ОГЭ РУ» with a NULL grade in twice; the index on
coalesce(grade, -1) does not). Rows written before by the bug are made to fit
first: names cut to their columns, impossible participant counts emptied,
logins given a leading «x» and underscores for spaces (visible, never a clash
with a real login).

Also joins the five heads into one.

Revision ID: i14_value_bounds
Revises: i3_import_history, i3_results_year_index, i8_issued_documents, i7_office, i7_office_roadmaps
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "i14_value_bounds"
down_revision = (
    "i3_import_history",
    "i3_results_year_index",
    "i8_issued_documents",
    "i7_office",
    "i7_office_roadmaps",
)
branch_labels = None
depends_on = None

LOGIN_PLAIN = (
    "length(login) <= 64 AND login NOT LIKE '% %' AND substr(login, 1, 1) NOT IN ('=', '+', '-', '@')"
)


def upgrade() -> None:
    op.execute("UPDATE schools SET full_name = substr(full_name, 1, 500) WHERE length(full_name) > 500")
    op.execute("UPDATE schools SET short_name = substr(short_name, 1, 200) WHERE length(short_name) > 200")
    op.execute("UPDATE results SET participants = NULL WHERE participants > 100000")
    op.execute(
        "UPDATE schools SET login = substr('x' || replace(login, ' ', '_'), 1, 64) "
        "WHERE substr(login, 1, 1) IN ('=', '+', '-', '@') OR login LIKE '% %' OR length(login) > 64"
    )
    with op.batch_alter_table("schools") as batch:
        batch.create_check_constraint("ck_schools_login_plain", LOGIN_PLAIN)
        batch.create_check_constraint("ck_schools_full_name_length", "length(full_name) <= 500")
        batch.create_check_constraint("ck_schools_short_name_length", "length(short_name) <= 200")
    with op.batch_alter_table("results") as batch:
        batch.create_check_constraint(
            "ck_results_participants_at_most", "participants IS NULL OR participants <= 100000"
        )
    op.create_index(
        "uq_procedures_identity",
        "procedures",
        ["kind", "subject", sa.text("coalesce(grade, -1)")],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_procedures_identity", table_name="procedures")
    with op.batch_alter_table("results") as batch:
        batch.drop_constraint("ck_results_participants_at_most", type_="check")
    with op.batch_alter_table("schools") as batch:
        for name in ("ck_schools_short_name_length", "ck_schools_full_name_length", "ck_schools_login_plain"):
            batch.drop_constraint(name, type_="check")
