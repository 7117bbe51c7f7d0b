"""Benchmark: what weighing a workbook before reading it costs, on a region's file and a country's.

Run: PYTHONPATH=. python tests/bench/bench_reader_guard.py [--schools 1000 40000] [--repeat 5]
(tests/data/region_workbook.py builds the workbook).

For each size it builds the seed-002-like wide workbook of bench_import.py and times, on its bytes,
`archive_guard.check_archive` (the streaming pass over every part: extent, shared strings, formulas,
error cells) against `workbook_reader.read_bytes` (the guard plus the actual reading). Prints the
medians and the guard's share of the read: the price of never allocating past the limits.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lowres_desktop.importing.archive_guard import check_archive
from lowres_desktop.importing.workbook_reader import read_bytes
from tests.data.region_workbook import build_region


def _median(work, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for schools in args.schools:
            path = build_region(Path(folder) / f"region-{schools}.xlsx", schools)
            data = path.read_bytes()

            name = path.name

            def guard(data: bytes = data, name: str = name) -> None:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    check_archive(name, archive)

            guarded = _median(guard, args.repeat)
            whole = _median(lambda data=data, name=name: read_bytes(name, data), args.repeat)
            print(
                f"{schools:>6} schools, {len(data) / 1024:.0f} KB: guard {guarded * 1000:.0f} ms, "
                f"whole read {whole * 1000:.0f} ms, guard = {100 * guarded / whole:.1f} % of the read"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
