"""Benchmark: what counting the schools with results (every share's denominator) adds to a year's list.

Run: PYTHONPATH=. /work/main/.venv/bin/python tests/bench/bench_denominator.py [--db PATH]
Uses the 40,000-school database of bench_categories.py (built there if
missing). Prints the cold `identify_schools` (the category history computed),
the warm one (from the shared history), and the count of schools with results
per year that the denominator needs, with its share of the cold time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from lowres_desktop.domain.profiles import default_profile  # noqa: E402
from lowres_desktop.services.identify_schools import identify_schools  # noqa: E402
from lowres_desktop.storage.unit_of_work import Database  # noqa: E402
from tests.bench.bench_categories import country_database  # noqa: E402

LATEST = 2024


def main() -> int:
    db = Database.open(str(country_database(__doc__ or "")))
    profile = default_profile()
    try:
        started = time.perf_counter()
        found = identify_schools(db, LATEST, profile)
        cold = time.perf_counter() - started
        identify_schools(db, LATEST, profile)  # the first read created the WAL file: a new data version
        started = time.perf_counter()
        identify_schools(db, LATEST, profile)
        warm = time.perf_counter() - started
        with db.unit_of_work() as uow:
            years = uow.results.years()
            started = time.perf_counter()
            uow.analysis.facts.count_with_results(profile.years(LATEST), profile.procedures)
            one = time.perf_counter() - started
            started = time.perf_counter()
            for year in years:
                uow.analysis.facts.count_with_results(profile.years(year), profile.procedures)
            every = time.perf_counter() - started
        print(
            f"школ с результатами за {found.years}: {found.schools_total}, без результатов: "
            f"{found.schools_without_results}, выявлено: {len(found.flagged)}"
        )
        print(f"identify_schools, холодный: {cold:.2f} с; тёплый: {warm * 1000:.1f} мс")
        print(
            f"подсчёт школ с результатами за {LATEST} г. (его делает список): {one:.2f} с — "
            f"{100 * one / cold:.0f} % холодного времени; для всех {len(years)} лет (динамика): {every:.2f} с"
        )
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
