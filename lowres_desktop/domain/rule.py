"""Seed 002's rule for identifying schools with low results, with its parameters as data.

For the year being assessed, a school is flagged when it had at least
`min_low_latest` procedures with low results in the latest year, or at least
`min_low_each_year` in each of the latest `years_each` years. A procedure is
low when its share of «2» (or below the threshold) is at or above the
threshold. The region chooses every number and the set of procedures, so they
are parameters; every verdict carries the values that decided it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.records import ProcedureKey, Result


class Criterion(StrEnum):
    """Which branch of the rule a school met."""

    MANY_IN_LATEST = "many_in_latest"
    EACH_YEAR = "each_year"


@dataclass(frozen=True)
class RuleParameters:
    threshold: float = 30.0
    procedures: frozenset[ProcedureKey] | None = None
    min_low_latest: int = 2
    min_low_each_year: int = 1
    years_each: int = 2

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 100:
            raise DomainError(f"Порог должен быть больше 0 и не больше 100 %, указано {self.threshold}.")
        if self.min_low_latest < 1 or self.min_low_each_year < 1 or self.years_each < 1:
            raise DomainError("Число процедур и число лет в правиле должны быть не меньше 1.")

    def counts(self, procedure: ProcedureKey) -> bool:
        return self.procedures is None or procedure in self.procedures

    def is_low(self, pct_low: float | None) -> bool:
        return pct_low is not None and pct_low >= self.threshold


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


def identify_low_result_schools(
    results: Iterable[Result],
    latest_year: int,
    params: RuleParameters = RuleParameters(),
    logins: Iterable[str] = (),
) -> list[Verdict]:
    """A verdict for every school seen in `results` or named in `logins`, sorted by login.

    Only results of the years the rule looks at matter; the others are ignored,
    so callers may pass everything they have.
    """
    years = range(latest_year - max(params.years_each, 1) + 1, latest_year + 1)
    low: dict[str, list[LowProcedure]] = defaultdict(list)
    seen: set[str] = set(logins)
    for result in results:
        seen.add(result.login)
        if result.year not in years or not params.counts(result.procedure):
            continue
        if params.is_low(result.pct_low):
            assert result.pct_low is not None
            low[result.login].append(
                LowProcedure(result.procedure, result.year, result.pct_low, params.threshold)
            )
    verdicts = []
    for login in sorted(seen):
        reasons = sorted(low.get(login, []), key=lambda r: (-r.year, r.procedure))
        per_year = {year: sum(1 for r in reasons if r.year == year) for year in years}
        criteria = set()
        if per_year[latest_year] >= params.min_low_latest:
            criteria.add(Criterion.MANY_IN_LATEST)
        if all(count >= params.min_low_each_year for count in per_year.values()):
            criteria.add(Criterion.EACH_YEAR)
        verdicts.append(
            Verdict(
                login=login,
                latest_year=latest_year,
                criteria=frozenset(criteria),
                reasons=tuple(reasons),
                low_counts=tuple(sorted(per_year.items(), reverse=True)),
            )
        )
    return verdicts
