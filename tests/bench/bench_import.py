"""Benchmark: importing a region's wide workbook, the app against a pandas script.

Run: /work/.venv/bin/python tests/bench/bench_import.py [--schools 1000] [--repeat 3]
(needs the `bench` extra: pip install -e .[bench]).

Builds one workbook laid out like seed 002's appendix — «Территория»,
«Название ОО», «Логин ОО», then 9 procedures × 3 years, each with «% 2» and
«% Выс. рез-тов» under a merged header — for `--schools` schools, and times
on the same file, each run into a new empty SQLite database:
- the app: `services.import_workbook.import_workbook`, the whole import
  (reading, detection, parsing with checks, comparison, schools, results and
  the undo record of every value, one transaction);
- pandas: what an analyst would script — `pandas.read_excel` with the
  two-row header, melt to one row per school × procedure × year, and
  `DataFrame.to_sql` into SQLite.
Prints the median times (and the fastest and slowest run) and the ratio.
Target (issue 3): the app at most half the pandas time and at most 3 s on a
2-core machine. For information it also times the same pandas script with
`engine="calamine"`, which pandas announces as its future default for .xlsx
(today's default is openpyxl, which the comparison uses).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage.unit_of_work import Database
from tests.bench.pandas_import import pandas_import
from tests.data.region_workbook import PROCEDURES, YEARS, build_region


def app_import(path: Path, folder: Path) -> tuple[float, int]:
    target = folder / f"app{time.monotonic_ns()}.sqlite"
    db = Database.open(str(target))
    started = time.perf_counter()
    report = import_workbook(db, path)
    elapsed = time.perf_counter() - started
    db.close()
    return elapsed, report.results_new


def _spread(times: list[float]) -> str:
    return f"от {min(times):.2f} до {max(times):.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = build_region(folder / "region.xlsx", args.schools)
        print(
            f"Книга: {args.schools} школ × {len(PROCEDURES)} процедур × {len(YEARS)} года, "
            f"{path.stat().st_size / 1024:.0f} КБ"
        )
        app_times, pandas_times, calamine_times = [], [], []
        for _ in range(args.repeat):
            seconds, written = app_import(path, folder)
            app_times.append(seconds)
            seconds_pd, written_pd = pandas_import(path, folder)
            pandas_times.append(seconds_pd)
            calamine_times.append(pandas_import(path, folder, "calamine")[0])
        app, pdt = statistics.median(app_times), statistics.median(pandas_times)
        print(
            f"Программа (импорт целиком, с проверками и журналом отмены): {app:.2f} с "
            f"({_spread(app_times)}), результатов {written}"
        )
        print(f"pandas.read_excel + to_sql: {pdt:.2f} с ({_spread(pandas_times)}), строк {written_pd}")
        print(
            f"Отношение программа / pandas: {app / pdt:.2f} (цель ≤ 0,5); цель ≤ 3 с: "
            f"{'да' if app <= 3 else 'нет'}"
        )
        calamine = statistics.median(calamine_times)
        print(
            f"Для сведения: тот же сценарий pandas с engine='calamine' — {calamine:.2f} с "
            f"({_spread(calamine_times)}), отношение {app / calamine:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
