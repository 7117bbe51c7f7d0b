"""Appendix 1 of seed 002 (resources/demo/seed002_appendix.csv): the real numbers the demo starts from."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from lowres_desktop.paths import resources_dir


@dataclass(frozen=True)
class SeedCell:
    territory: str
    name: str
    login: str
    header: str
    year: int
    pct_low: str
    pct_high: str


def seed_appendix_cells() -> list[SeedCell]:
    """The appendix as typed in the order, cell by cell, values as text («-», empty kept)."""
    path = resources_dir() / "demo" / "seed002_appendix.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            SeedCell(
                row["territory"],
                row["name"],
                row["login"],
                row["procedure"],
                int(row["year"]),
                row["pct_low"],
                row["pct_high"],
            )
            for row in csv.DictReader(handle)
        ]
