"""Signs of non-objective results (seed 001), kept apart from the low-result categories.

Two signs, each with the numbers that raised it:
- «понизили»: the share of ВПР participants whose ВПР mark was below their
  journal mark is over a threshold — the journal marks look inflated;
- a jump: a procedure's % of high results is far above both the school's own
  previous years and the municipal average, while few took part.
The comparison of ВПР marks with journal marks comes from the federal
system's report «Сравнение отметок с отметками по журналу».
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.records import ProcedureKey, Result

if TYPE_CHECKING:  # an import reads mark comparisons (MarkComparison) without the rule profiles
    from lowres_desktop.domain.profiles import ObjectivitySettings


@dataclass(frozen=True)
class MarkComparison:
    """One school's ВПР in one year: shares of participants whose mark was lower, equal, higher."""

    login: str
    procedure: ProcedureKey
    year: int
    participants: int | None
    lowered_pct: float
    confirmed_pct: float
    raised_pct: float

    def __post_init__(self) -> None:
        values = (self.lowered_pct, self.confirmed_pct, self.raised_pct)
        if any(not 0 <= v <= 100 for v in values):
            raise DomainError("Доли в сравнении отметок должны быть от 0 до 100 %.")
        if abs(sum(values) - 100) > 1.5:
            raise DomainError(
                f"Доли «понизили», «подтвердили» и «повысили» в сумме дают {sum(values):.1f} %, а не 100 %."
            )

    @property
    def key(self) -> tuple[str, ProcedureKey, int]:
        return (self.login, self.procedure, self.year)


class SignKind(StrEnum):
    LOWERED = "lowered"
    HIGH_JUMP = "high_jump"


@dataclass(frozen=True)
class ObjectivitySign:
    """One reason to study a school's assessment (seed 001, roadmap item 3 of section 2)."""

    login: str
    year: int
    kind: SignKind
    procedure: ProcedureKey
    value: float
    """«понизили» % or the year's % high results."""
    limit: float
    """The threshold it crossed, or the school's own previous mean."""
    municipal: float | None = None
    participants: int | None = None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def objectivity_signs(
    comparisons: Iterable[MarkComparison],
    results: Iterable[Result],
    year: int,
    settings: ObjectivitySettings,
) -> list[ObjectivitySign]:
    """Every sign for `year`, by login then procedure; `results` should span the history years."""
    signs = [
        ObjectivitySign(
            c.login,
            c.year,
            SignKind.LOWERED,
            c.procedure,
            c.lowered_pct,
            settings.lowered_threshold,
            participants=c.participants,
        )
        for c in comparisons
        if c.year == year and c.lowered_pct > settings.lowered_threshold
    ]
    first = year - settings.jump_history_years
    history: dict[tuple[str, ProcedureKey], list[float]] = {}
    current: list[Result] = []
    municipal: dict[ProcedureKey, list[float]] = {}
    for result in results:
        if result.pct_high is None:
            continue
        if result.year == year:
            current.append(result)
            municipal.setdefault(result.procedure, []).append(result.pct_high)
        elif first <= result.year < year:
            history.setdefault((result.login, result.procedure), []).append(result.pct_high)
    # Once per procedure: a country has 40,000 schools in each, and the mean per school was quadratic.
    city_means = {procedure: _mean(values) for procedure, values in municipal.items()}
    for result in current:
        assert result.pct_high is not None
        if result.participants is None or result.participants > settings.jump_max_participants:
            continue
        own = _mean(history.get((result.login, result.procedure), []))
        city = city_means[result.procedure]
        if own is None or city is None:
            continue
        if result.pct_high - own >= settings.jump_points and result.pct_high - city >= settings.jump_points:
            signs.append(
                ObjectivitySign(
                    result.login,
                    year,
                    SignKind.HIGH_JUMP,
                    result.procedure,
                    result.pct_high,
                    own,
                    city,
                    result.participants,
                )
            )
    return sorted(signs, key=lambda s: (s.login, s.procedure, s.kind))
