"""Reference data shipped as plain files under resources/ (subject codes and names)."""

from __future__ import annotations

import csv
from functools import cache

from lowres_desktop.paths import resources_dir


@cache
def subject_names() -> dict[str, str]:
    """Subject code → Russian name, e.g. «МА» → «математика»."""
    path = resources_dir() / "reference" / "subjects.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}
