"""The pandas script an analyst would write to load the region workbook: the peer of `lowres import`.

Only pandas and sqlite3 are imported, so that run as a script
(`python tests/bench/pandas_import.py BOOK.xlsx TARGET.sqlite`) it starts as
such a script does: bench_startup.py times it as a process against the
whole `lowres import`; bench_import.py calls `pandas_import` in process.
"""

from __future__ import annotations

import sqlite3
import sys
import time
import warnings
from pathlib import Path

import pandas as pd


def pandas_import(path: Path, folder: Path, engine: str | None = None) -> tuple[float, int]:
    """`read_excel` with the two-row header, melt to one row per school × procedure × year, `to_sql`."""
    return pandas_import_into(path, folder / f"pandas{time.monotonic_ns()}.sqlite", engine)


def pandas_import_into(path: Path, target: Path, engine: str | None = None) -> tuple[float, int]:
    started = time.perf_counter()
    with warnings.catch_warnings():
        # pandas warns that its default .xlsx engine will change; the default is what is measured.
        warnings.filterwarnings("ignore", message="The default engine for reading")
        frame = pd.read_excel(path, header=[1, 2], engine=engine)
    frame.columns = [
        "territory" if i == 0 else "name" if i == 1 else "login" if i == 2 else f"{top}|{sub}"
        for i, (top, sub) in enumerate(frame.columns)
    ]
    top = None
    renamed = {}
    for column in frame.columns[3:]:
        header, sub = column.split("|")
        top = header if not header.startswith("Unnamed") else top
        renamed[column] = f"{top}|{'low' if '2' in sub else 'high'}"
    frame = frame.rename(columns=renamed)
    long = frame.melt(id_vars=["territory", "name", "login"], var_name="key", value_name="value")
    parts = long["key"].str.rsplit("|", n=1, expand=True)
    long["measure"] = parts[1]
    long["procedure"] = parts[0].str.rsplit(" ", n=1).str[0]
    long["year"] = parts[0].str.rsplit(" ", n=1).str[1].astype(int)
    table = long.pivot_table(
        index=["login", "procedure", "year"], columns="measure", values="value", aggfunc="first"
    ).reset_index()
    with sqlite3.connect(target) as connection:
        frame[["territory", "name", "login"]].to_sql("schools", connection, index=False)
        table.to_sql("results", connection, index=False)
    elapsed = time.perf_counter() - started
    return elapsed, len(table)


if __name__ == "__main__":
    pandas_import_into(Path(sys.argv[1]), Path(sys.argv[2]))
