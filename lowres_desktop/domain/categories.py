"""School categories for every school and year, each with the reasons that decided it.

ШНОР is the profile's rule; УНОР, «группа риска» and «стабильно высокие» are
built on it (seed 003): the lists that the authority keeps year after year,
reports at meetings and picks mentors from. The authority also records the
official status from the region's order, which may differ from the computed
one; both are kept and compared, never merged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.profiles import (
    Assessment,
    RuleProfile,
    SchoolFindings,
    assess_collected,
    collect,
    criteria_for,
)
from lowres_desktop.domain.records import Result


class Category(StrEnum):
    """In order of concern: a school's main category is the first it has."""

    PERSISTENT = "УНОР"
    LOW = "ШНОР"
    RISK = "группа риска"
    HIGH = "стабильно высокие"


CATEGORY_ORDER: tuple[Category, ...] = tuple(Category)


def main_category(categories: Iterable[Category]) -> Category | None:
    present = categories if isinstance(categories, frozenset | set) else set(categories)
    for category in CATEGORY_ORDER:
        if category in present:
            return category
    return None


@dataclass(frozen=True)
class YearSummary:
    """A school's counted results in one year: how many, and their mean % of high results."""

    results: int
    mean_high: float | None


def summarize(results: Iterable[Result], profile: RuleProfile) -> dict[tuple[str, int], YearSummary]:
    """Year summaries over the procedures the profile counts (storage computes the same in SQL)."""
    counts: dict[tuple[str, int], int] = {}
    highs: dict[tuple[str, int], list[float]] = {}
    for result in results:
        if not profile.counts(result.procedure):
            continue
        if result.participants is not None and result.participants < profile.min_participants:
            continue
        key = (result.login, result.year)
        counts[key] = counts.get(key, 0) + 1
        if result.pct_high is not None:
            highs.setdefault(key, []).append(result.pct_high)
    return {
        key: YearSummary(count, sum(highs[key]) / len(highs[key]) if key in highs else None)
        for key, count in counts.items()
    }


@dataclass(frozen=True)
class SchoolCategories:
    """One school in one year: its categories and everything a reason needs to be written."""

    login: str
    year: int
    categories: frozenset[Category]
    assessment: Assessment
    flagged_since: int | None
    """The first year of the run of flagged years that ends in `year` (None if not flagged)."""
    high_means: tuple[tuple[int, float], ...] = ()
    """The mean % of high results of each year that made the school «стабильно высокие»."""

    @property
    def main(self) -> Category | None:
        return main_category(self.categories)

    @property
    def years_in_row(self) -> int:
        return 0 if self.flagged_since is None else self.year - self.flagged_since + 1


def _high_means(
    login: str,
    year: int,
    findings: SchoolFindings | None,
    summaries: Mapping[tuple[str, int], YearSummary],
    profile: RuleProfile,
) -> tuple[tuple[int, float], ...]:
    """The window's means when every year of it qualifies, else ()."""
    settings = profile.categories
    low_years = {r.year for r in findings.low} if findings else set()
    means = []
    for one in range(year - settings.high_years + 1, year + 1):
        summary = summaries.get((login, one))
        if summary is None or summary.mean_high is None or one in low_years:
            return ()
        if summary.mean_high < settings.high_share:
            return ()
        means.append((one, summary.mean_high))
    return tuple(means)


def categorize_collected(
    collected: Mapping[str, SchoolFindings],
    summaries: Mapping[tuple[str, int], YearSummary],
    logins: Iterable[str],
    years: Iterable[int],
    profile: RuleProfile,
    output_years: Iterable[int] | None = None,
) -> dict[int, list[SchoolCategories]]:
    """Categories of every login for each of `output_years` (default: all `years`), sorted by login.

    Runs of flagged years are counted from the first of `years`, so pass every
    year with data to learn since when a school has been on the list; the
    other years are only assessed for the schools that had any value near a
    threshold, which keeps a country-wide table fast.
    """
    years = sorted(set(years))
    wanted = set(years if output_years is None else output_years)
    logins = sorted(set(logins))
    settings = profile.categories
    low_counts = {
        login: Counter(r.year for r in entry.low) for login, entry in collected.items() if entry.low
    }
    flagged_since: dict[str, int] = {}
    by_year: dict[int, list[SchoolCategories]] = {}
    for year in years:
        if year not in wanted:
            flagged = [login for login, counts in low_counts.items() if criteria_for(counts, year, profile)]
            flagged_since = {login: flagged_since.get(login, year) for login in flagged}
            continue
        entries = []
        for assessment in assess_collected(collected, logins, year, profile):
            login = assessment.login
            categories: set[Category] = set()
            if assessment.flagged:
                categories.add(Category.LOW)
                since = flagged_since.setdefault(login, year)
                if year - since + 1 >= settings.persistent_years:
                    categories.add(Category.PERSISTENT)
            else:
                flagged_since.pop(login, None)
                since = None
                low_now = sum(1 for reason in assessment.verdict.reasons if reason.year == year)
                if low_now >= settings.risk_min_low or assessment.near:
                    categories.add(Category.RISK)
            means = ()
            if not categories and (login, year) in summaries:
                means = _high_means(login, year, collected.get(login), summaries, profile)
            if means:
                categories.add(Category.HIGH)
            entries.append(SchoolCategories(login, year, frozenset(categories), assessment, since, means))
        by_year[year] = entries
    return by_year


def categorize(
    results: Iterable[Result], logins: Iterable[str], years: Iterable[int], profile: RuleProfile
) -> dict[int, list[SchoolCategories]]:
    """`categorize_collected` straight from results, for callers that hold them all."""
    results = list(results)
    return categorize_collected(
        collect(results, profile),
        summarize(results, profile),
        set(logins) | {r.login for r in results},
        years,
        profile,
    )


@dataclass(frozen=True)
class OfficialStatus:
    """The category the region's order gave a school for a year, which may differ from ours."""

    login: str
    year: int
    category: Category
    order_number: str
    order_date: date | None
    note: str = ""

    def __post_init__(self) -> None:
        if not self.order_number.strip():
            raise DomainError("Укажите номер приказа, которым установлен статус.")


def disagrees(
    computed: Iterable[Category], official: Iterable[Category], year_has_official_list: bool
) -> bool:
    """True when the order and the computation differ about a school.

    A category the order gives and we do not compute is always a disagreement.
    ШНОР/УНОР that we compute and the order omits is one only when staff have
    recorded the order's list for that year at all; «группа риска» and
    «стабильно высокие» computed by us are advice, not something an order omits.
    """
    ours = set(computed)
    theirs = set(official)
    if Category.PERSISTENT in theirs:
        theirs.add(Category.LOW)
    if theirs - ours:
        return True
    declared = {Category.LOW, Category.PERSISTENT}
    return year_has_official_list and bool((ours & declared) - theirs)
