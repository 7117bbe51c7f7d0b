"""Rows the migrations put into a new database, for both ways a database is created.

A migration (db/versions/i4_analysis.py) inserts them step by step; a new,
empty database created from the models' metadata (storage.migrations) gets
them in one go. A test compares the two databases row by row, so a
migration that seeds rows must list them here.
"""

from __future__ import annotations

SEED_003_PROBLEM_TYPES = (
    "школы с признаками социального учреждения",
    "школы, расположенные на территории с признаками депрессивности",
    "школы с низким уровнем кадрового потенциала",
    "школы с признаками неэффективного управления",
    "школы с высоким уровнем девиации детей",
    "школы, имеющие высокий уровень депривации родителей",
)
"""The problem-type catalogue of seed 003, which staff may then edit."""

SEED_ROWS: dict[str, list[dict[str, object]]] = {
    "problem_types": [
        {"code": code, "title": title, "active": True}
        for code, title in enumerate(SEED_003_PROBLEM_TYPES, start=1)
    ],
}
"""Table name → rows, in the order the migrations insert them."""
