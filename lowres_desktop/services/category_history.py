"""Every active school's categories for each year with results, under one profile, computed once.

One read of the pre-filtered facts serves every year, so the categories of a
country-wide table come back in well under a second (tests/bench/bench_categories.py).
The history is what the year's list of flagged schools (`identify_schools`,
`lowres flag`), the analysis tabs, the heat map and the school card share; the
views of a year's categories beside the official statuses are in
`services.categories`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from lowres_desktop.domain.categories import Category, SchoolCategories, categorize_collected
from lowres_desktop.domain.profiles import RuleProfile, collect
from lowres_desktop.services.collector import collector_paused
from lowres_desktop.storage.unit_of_work import Database, UnitOfWork


@dataclass(frozen=True)
class CategoryHistory:
    """Categories of every active school for each year with results, under one profile."""

    profile: RuleProfile
    years: list[int]
    by_year: dict[int, list[SchoolCategories]]
    assessed: dict[int, int] = field(default_factory=dict)
    """Per year, the active schools with results in the years the rule looks at: every share's denominator."""

    def flagged(self, year: int) -> set[str]:
        return {e.login for e in self.by_year.get(year, []) if Category.LOW in e.categories}

    def members(self, year: int, category: Category) -> set[str]:
        return {e.login for e in self.by_year.get(year, []) if category in e.categories}


def category_history(
    uow: UnitOfWork, profile: RuleProfile, up_to: int | None = None, output_years: list[int] | None = None
) -> CategoryHistory:
    """Inside a unit of work: the categories for every year up to `up_to` (default: the last).

    `output_years` limits the full per-school entries to those years; the
    others still count towards «since when» and УНОР.
    """
    years = [y for y in uow.results.years() if up_to is None or y <= up_to]
    if not years:
        return CategoryHistory(profile, [], {})
    with collector_paused():
        return _category_history(uow, profile, years, output_years)


HistoryKey = tuple[object, RuleProfile, tuple[int, ...], tuple[int, ...] | None]
KEPT_HISTORIES = 4
"""A few (year, profile) pairs: switching back and forth between them costs nothing."""

_histories: WeakKeyDictionary[Database, OrderedDict[HistoryKey, CategoryHistory]] = WeakKeyDictionary()
_histories_lock = threading.Lock()


def shared_category_history(
    db: Database,
    uow: UnitOfWork,
    profile: RuleProfile,
    up_to: int | None = None,
    output_years: list[int] | None = None,
) -> CategoryHistory:
    """`category_history`, remembered per database, data version, profile and years.

    Every analysis tab, the heat map and the school card ask for the same
    history; for a country each computation takes about a second. A commit
    (an import, an undo, an edited result, a school deactivated) or another
    program writing the file changes `db.data_version()`, so nothing stale is
    served; an edited profile is another key. A history computed for every
    year also answers a request for one of them.
    """
    version = db.data_version()
    years = tuple(y for y in uow.results.years() if up_to is None or y <= up_to)
    wanted = None if output_years is None else tuple(sorted(output_years))
    key: HistoryKey = (version, profile, years, wanted)
    if version is not None:
        with _histories_lock:
            kept = _histories.setdefault(db, OrderedDict())
            for candidate in (key, (version, profile, years, None)):
                if candidate in kept:
                    kept.move_to_end(candidate)
                    return kept[candidate]
    history = category_history(uow, profile, up_to, output_years)
    # Stored only if nothing was committed meanwhile: it may have read either state.
    if version is not None and db.data_version() == version:
        with _histories_lock:
            kept = _histories.setdefault(db, OrderedDict())
            kept[key] = history
            while len(kept) > KEPT_HISTORIES:
                kept.popitem(last=False)
    return history


def _category_history(
    uow: UnitOfWork, profile: RuleProfile, years: list[int], output_years: list[int] | None
) -> CategoryHistory:
    facts = uow.analysis.facts
    shown = years if output_years is None else output_years
    lowest = profile.lowest_threshold()
    results = facts.results_at_least(
        range(years[0], years[-1] + 1), lowest, shown, lowest - profile.categories.risk_margin
    )
    high_years = {y - back for y in shown for back in range(profile.categories.high_years)}
    summaries = facts.year_summaries(
        sorted(high_years), profile.procedures, profile.min_participants, profile.categories.high_share
    )
    logins = facts.active_logins()
    active = set(logins)
    collected = collect((r for r in results if r.login in active), profile)
    span = range(years[0], years[-1] + 1)
    by_year = categorize_collected(collected, summaries, logins, span, profile, output_years)
    counted = sorted({*years, *shown})
    assessed = {year: facts.count_with_results(profile.years(year), profile.procedures) for year in counted}
    return CategoryHistory(profile, years, by_year, assessed)
