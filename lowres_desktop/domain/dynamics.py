"""How the list changes from year to year, and how each flagged school's results move.

Seed 003 reports «из 17 ОУ … вышли 12 ОУ (71 %)» and the share of flagged
schools among all schools; seed 002 sets a target share (15 %); seed 000
reports negative dynamics per procedure as a share of schools («по профильной
математике (100 %)»); seed 003's table 3 is a district × year breakdown. All
of these are computed here from lists and results the services fetched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.domain.records import ProcedureKey, Result, School
from lowres_desktop.domain.schools import natural_sort_key


def share(part: int, whole: int) -> float | None:
    """Percent, or None when there is nothing to divide by."""
    return 100.0 * part / whole if whole else None


@dataclass(frozen=True)
class ListChange:
    """A year's list against the previous year's."""

    year: int
    previous_year: int
    entered: tuple[str, ...]
    left: tuple[str, ...]
    stayed: tuple[str, ...]
    schools_total: int

    @property
    def flagged(self) -> int:
        return len(self.entered) + len(self.stayed)

    @property
    def previously_flagged(self) -> int:
        return len(self.left) + len(self.stayed)

    @property
    def left_share(self) -> float | None:
        """Of the previous list, as seed 003 counts «вышли 12 (71 %)»."""
        return share(len(self.left), self.previously_flagged)

    @property
    def stayed_share(self) -> float | None:
        return share(len(self.stayed), self.previously_flagged)

    @property
    def entered_share(self) -> float | None:
        """Of the current list: how much of it is new."""
        return share(len(self.entered), self.flagged)

    @property
    def flagged_share(self) -> float | None:
        """Of the schools with results in the years the rule looks at (seed 003: «2,3 %»)."""
        return share(self.flagged, self.schools_total)


def list_change(year: int, current: Iterable[str], previous: Iterable[str], schools_total: int) -> ListChange:
    now, before = set(current), set(previous)
    return ListChange(
        year=year,
        previous_year=year - 1,
        entered=tuple(sorted(now - before)),
        left=tuple(sorted(before - now)),
        stayed=tuple(sorted(now & before)),
        schools_total=schools_total,
    )


@dataclass(frozen=True)
class YearShare:
    """One bar of the dashboard: the flagged share of a year against the target."""

    year: int
    flagged: int
    schools_total: int
    target: float

    @property
    def share(self) -> float | None:
        return share(self.flagged, self.schools_total)

    @property
    def target_met(self) -> bool:
        value = self.share
        return value is not None and value <= self.target


def years_on_list(lists: Mapping[int, Iterable[str]], year: int) -> dict[str, tuple[int, int]]:
    """For each school on `year`'s list: (years in a row up to `year`, years on any list so far)."""
    sets = {one: set(logins) for one, logins in lists.items() if one <= year}
    counted: dict[str, tuple[int, int]] = {}
    for login in sets.get(year, set()):
        in_row = 0
        while login in sets.get(year - in_row, set()):
            in_row += 1
        counted[login] = (in_row, sum(1 for logins in sets.values() if login in logins))
    return counted


class Trend(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    STABLE = "stable"


@dataclass(frozen=True)
class ProcedureTrend:
    """One school's % «2» in one procedure, this year against the previous one."""

    login: str
    procedure: ProcedureKey
    year: int
    previous: float
    current: float
    trend: Trend

    @property
    def change(self) -> float:
        return self.current - self.previous


def procedure_trends(
    results: Iterable[Result], logins: Iterable[str], year: int, tolerance: float
) -> list[ProcedureTrend]:
    """Trends of the schools in `logins` for every procedure with a value in both years.

    Fewer «2» is positive; a change within `tolerance` points is stable.
    """
    wanted = set(logins)
    values: dict[tuple[str, ProcedureKey], dict[int, float]] = {}
    for result in results:
        if result.login in wanted and result.year in (year - 1, year) and result.pct_low is not None:
            values.setdefault((result.login, result.procedure), {})[result.year] = result.pct_low
    trends = []
    for (login, procedure), by_year in sorted(values.items()):
        if len(by_year) < 2:
            continue
        before, now = by_year[year - 1], by_year[year]
        if now - before > tolerance:
            trend = Trend.NEGATIVE
        elif before - now > tolerance:
            trend = Trend.POSITIVE
        else:
            trend = Trend.STABLE
        trends.append(ProcedureTrend(login, procedure, year, before, now, trend))
    return trends


@dataclass(frozen=True)
class ProcedureTrendSummary:
    """Seed 000's line: in how many of the schools a procedure's dynamics is negative."""

    procedure: ProcedureKey
    schools: int
    positive: int
    negative: int

    @property
    def negative_share(self) -> float | None:
        return share(self.negative, self.schools)

    @property
    def positive_share(self) -> float | None:
        return share(self.positive, self.schools)


def summarize_trends(trends: Iterable[ProcedureTrend]) -> list[ProcedureTrendSummary]:
    by_procedure: dict[ProcedureKey, list[ProcedureTrend]] = {}
    for trend in trends:
        by_procedure.setdefault(trend.procedure, []).append(trend)
    return [
        ProcedureTrendSummary(
            procedure,
            len(items),
            sum(1 for t in items if t.trend == Trend.POSITIVE),
            sum(1 for t in items if t.trend == Trend.NEGATIVE),
        )
        for procedure, items in sorted(by_procedure.items())
    ]


def district_breakdown(
    lists: Mapping[int, Iterable[str]], districts: Mapping[str, str | None]
) -> dict[str | None, dict[int, tuple[str, ...]]]:
    """Seed 003's table 3: district → year → the schools of the list there (districts of all schools)."""
    table: dict[str | None, dict[int, tuple[str, ...]]] = {
        district: {year: () for year in lists} for district in set(districts.values())
    }
    for year, logins in lists.items():
        grouped: dict[str | None, list[str]] = {}
        for login in logins:
            grouped.setdefault(districts.get(login), []).append(login)
        for district, members in grouped.items():
            table.setdefault(district, {one: () for one in lists})[year] = tuple(sorted(members))
    return table


@dataclass(frozen=True)
class DistrictRow:
    """Seed 003's table 3: a district's schools of one category per year."""

    district: str
    by_year: dict[int, list[School]]


@dataclass(frozen=True)
class Dynamics:
    year: int
    profile: RuleProfile
    change: ListChange
    schools: dict[str, School]
    years_on_list: dict[str, tuple[int, int]]
    """For each school of the year's list: (years in a row, years on any list)."""
    shares: list[YearShare]
    trends: list[ProcedureTrend]
    trend_summary: list[ProcedureTrendSummary]
    districts_flagged: list[DistrictRow]
    districts_risk: list[DistrictRow]
    years: list[int]

    def named(self, logins: tuple[str, ...] | list[str]) -> list[School]:
        return sorted((self.schools[login] for login in logins), key=lambda s: natural_sort_key(s.short_name))
