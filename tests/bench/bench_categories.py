"""Benchmark: categories of 40,000 schools × 9 procedures × 5 years, the app against a pandas script.

Run: /work/.venv/bin/python tests/bench/bench_categories.py [--schools N] [--db PATH]
(needs the `bench` extra: pip install -e .[bench]).

Builds (once, cached at --db) a SQLite database through the program's own
migrations and fills it with 1.8 million results; then, in the same run,
times
- the app: `services.category_history.category_history` for the last year (the
  read of the pre-filtered facts plus the domain rule), and the whole
  `categories_for_year` service the CLI and the view call;
- pandas: a straightforward script that loads the same joined table with
  `read_sql` and applies the same rule with vectorised group-bys;
checks that both give every school the same categories, and prints the
figures and the ratio. Target (issue 4): at most half the pandas time and
under 1 s.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

import pandas as pd

from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.services.categories import categories_for_year
from lowres_desktop.services.category_history import category_history
from lowres_desktop.storage.unit_of_work import Database

YEARS = range(2020, 2025)
PROCEDURES = [
    ("ВПР", "МА", 5), ("ВПР", "МА", 6), ("ВПР", "РУ", 5), ("ВПР", "РУ", 6),
    ("ОГЭ", "МА", None), ("ОГЭ", "РУ", None),
    ("ЕГЭ", "МАБ", None), ("ЕГЭ", "МАП", None), ("ЕГЭ", "РУ", None),
]  # fmt: skip
TYPICAL_LOW = {"ВПР": 14.0, "ОГЭ": 7.0, "ЕГЭ": 5.0}


def build(path: Path, schools: int) -> None:
    """A country of `schools` schools: most fine, some weak, weak ones drifting in and out."""
    Database.open(str(path)).close()
    rng = random.Random(40000)
    with closing(sqlite3.connect(path)) as connection:
        connection.executemany(
            "INSERT INTO districts (id, name) VALUES (?, ?)", [(d, f"Район {d}") for d in range(1, 86)]
        )
        connection.executemany(
            "INSERT INTO schools (id, login, full_name, short_name, kind, district_id, active) "
            "VALUES (?, ?, ?, ?, 'СОШ', ?, 1)",
            [
                (i, f"sch{i:06d}", f"МБОУ «СОШ № {i}»", f"СОШ № {i}", 1 + i % 85)
                for i in range(1, schools + 1)
            ],
        )
        connection.executemany(
            "INSERT INTO procedures (id, kind, subject, grade) VALUES (?, ?, ?, ?)",
            [(n, *p) for n, p in enumerate(PROCEDURES, start=1)],
        )
        rows = []
        for school in range(1, schools + 1):
            quality = rng.gauss(0.0, 0.6)
            for year in YEARS:
                quality += rng.gauss(0.0, 0.15)
                for number, (kind, _subject, _grade) in enumerate(PROCEDURES, start=1):
                    typical = TYPICAL_LOW[kind]
                    low = min(
                        100.0, max(0.0, round(typical * (1 - 0.8 * quality) + rng.gauss(0, typical * 0.5)))
                    )
                    high = min(100.0, max(0.0, round(22 * (1 + 0.7 * quality) + rng.gauss(0, 6))))
                    rows.append((school, number, year, rng.randint(5, 120), low, high))
            if len(rows) > 200_000:
                connection.executemany(
                    "INSERT INTO results (school_id, procedure_id, year, participants, pct_low, pct_high) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )
                rows = []
        connection.executemany(
            "INSERT INTO results (school_id, procedure_id, year, participants, pct_low, pct_high) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        connection.commit()
        connection.execute("ANALYZE")


def app_categories(db: Database, year: int) -> dict[str, frozenset[Category]]:
    with db.unit_of_work() as uow:
        history = category_history(uow, default_profile(), up_to=year, output_years=[year])
    return {entry.login: entry.categories for entry in history.by_year[year]}


def pandas_categories(path: Path, year: int) -> dict[str, frozenset[Category]]:
    """The same rule, written the way an analyst would in a notebook."""
    profile = default_profile()
    settings = profile.categories
    with closing(sqlite3.connect(path)) as connection:
        frame = pd.read_sql(
            "SELECT s.login, p.kind, r.year, r.participants, r.pct_low, r.pct_high FROM results r "
            "JOIN schools s ON s.id = r.school_id JOIN procedures p ON p.id = r.procedure_id "
            "WHERE s.active = 1",
            connection,
        )
    threshold = frame["kind"].map(lambda kind: profile.default_threshold)
    frame["low"] = frame["pct_low"] >= threshold
    frame["near"] = (frame["pct_low"] < threshold) & (frame["pct_low"] >= threshold - settings.risk_margin)
    per_year = frame.groupby(["login", "year"]).agg(
        low=("low", "sum"), near=("near", "any"), mean_high=("pct_high", "mean")
    )
    low = per_year["low"].unstack(fill_value=0)
    years = sorted(low.columns)
    flagged = pd.DataFrame(index=low.index)
    for one in years:
        previous = low[one - 1] if one - 1 in low else 0
        flagged[one] = (low[one] >= profile.min_low_latest) | (
            (low[one] >= profile.min_low_each_year) & (previous >= profile.min_low_each_year)
        )
    run = pd.Series(0, index=low.index)
    for one in years:
        if one > year:
            break
        run = (run + 1).where(flagged[one], 0)
    mean_high = per_year["mean_high"].unstack()
    window = [one for one in range(year - settings.high_years + 1, year + 1)]
    high = pd.Series(True, index=low.index)
    for one in window:
        high &= (mean_high[one] >= settings.high_share) & (low[one] == 0) if one in low else False
    near = per_year["near"].unstack(fill_value=False)[year]
    result: dict[str, frozenset[Category]] = {}
    for login in low.index:
        categories: set[Category] = set()
        if flagged.at[login, year]:
            categories.add(Category.LOW)
            if run[login] >= settings.persistent_years:
                categories.add(Category.PERSISTENT)
        elif low.at[login, year] >= settings.risk_min_low or near[login]:
            categories.add(Category.RISK)
        elif high[login]:
            categories.add(Category.HIGH)
        result[login] = frozenset(categories)
    return result


def best_of(runs: int, action) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def country_database(description: str) -> Path:
    """The 40,000-school database the GUI benchmarks open (`--db`), built here the first time."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "lowres_bench_40000.sqlite")
    path: Path = parser.parse_args().db
    if not path.exists():
        build(path, 40_000)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=40_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "lowres_bench_40000.sqlite")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.db.exists():
        start = time.perf_counter()
        build(args.db, args.schools)
        print(f"База построена за {time.perf_counter() - start:.1f} с: {args.db}")
    db = Database.open(str(args.db))
    year = YEARS[-1]
    with closing(sqlite3.connect(args.db)) as connection:
        schools, results = connection.execute(
            "SELECT (SELECT count(*) FROM schools), (SELECT count(*) FROM results)"
        ).fetchone()
    print(f"Школ: {schools}, результатов: {results} ({len(PROCEDURES)} процедур × {len(YEARS)} лет)")

    app_time, app = best_of(args.runs, lambda: app_categories(db, year))
    service_time, table = best_of(args.runs, lambda: categories_for_year(db, year, default_profile()))
    pandas_time, reference = best_of(args.runs, lambda: pandas_categories(args.db, year))
    db.close()

    assert app == reference, "the app and the pandas script disagree"
    counts = {c.value: sum(1 for v in app.values() if c in v) for c in Category}  # type: ignore[union-attr]
    print(f"Категории {year} г.: {counts}; совпадают с pandas у всех {len(app)} школ")  # type: ignore[arg-type]
    print(f"приложение, category_history (чтение + правило): {app_time:.3f} с")
    print(f"приложение, весь сервис categories_for_year:    {service_time:.3f} с")
    print(f"pandas: read_sql + правило:                      {pandas_time:.3f} с")
    print(f"отношение category_history / pandas: {app_time / pandas_time:.2f} (цель ≤ 0,5)")
    print(f"отношение categories_for_year / pandas: {service_time / pandas_time:.2f}")
    ok = app_time <= 0.5 * pandas_time and app_time < 1.0
    print("цель достигнута" if ok else "цель НЕ достигнута")
    del table
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
