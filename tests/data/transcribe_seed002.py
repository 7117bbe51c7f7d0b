"""Turn appendix 1 of seed 002 (a tab-separated text) into resources/demo/seed002_appendix.csv.

Run by hand from the checkout:
`python tests/data/transcribe_seed002.py ../shared/seeds/002_01c70bb71018f88d.txt`.
The CSV is committed; the demo data and the seed-import tests read it.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "resources" / "demo" / "seed002_appendix.csv"


def main(seed_path: str) -> None:
    lines = Path(seed_path).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Территория\t"))
    headers = [h for h in lines[start].split("\t")[3:] if h.strip()]
    rows = []
    for line in lines[start + 2 :]:
        if line.startswith("**"):
            break
        cells = line.split("\t")
        if len(cells) < 3 or not re.match(r"sch\d+", cells[2]):
            continue
        values = cells[3:] + [""] * (2 * len(headers))
        for index, header in enumerate(headers):
            *procedure, year = header.split()
            rows.append(
                {
                    "territory": cells[0],
                    "name": cells[1],
                    "login": cells[2],
                    "procedure": " ".join(procedure),
                    "year": year,
                    "pct_low": values[2 * index].strip(),
                    "pct_high": values[2 * index + 1].strip(),
                }
            )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows, {len({r['login'] for r in rows})} schools → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
