"""The vocabulary of a verdict: which branch of the rule a school met and the values behind it.

The rule itself lives in `domain/profiles.py`: a rule profile is the only
thing that decides a list, so every page, document, roadmap and command gives
the same schools for the same profile and year. This module holds the records
a verdict is made of, which the wording and the documents read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from lowres_desktop.domain.records import ProcedureKey


class Criterion(StrEnum):
    """Which branch of the rule a school met."""

    MANY_IN_LATEST = "many_in_latest"
    EACH_YEAR = "each_year"


@dataclass(frozen=True)
class LowProcedure:
    """A reason: this procedure in this year had this share at or over the threshold."""

    procedure: ProcedureKey
    year: int
    value: float
    threshold: float


@dataclass(frozen=True)
class Verdict:
    login: str
    latest_year: int
    criteria: frozenset[Criterion]
    reasons: tuple[LowProcedure, ...]
    low_counts: tuple[tuple[int, int], ...] = field(default=())

    @property
    def flagged(self) -> bool:
        return bool(self.criteria)

    def low_count(self, year: int) -> int:
        return dict(self.low_counts).get(year, 0)
