"""A region's wide workbook laid out like seed 002's appendix, of any size.

«Территория», «Название ОО», «Логин ОО», then 9 procedures × 3 years, each with
«% 2» and «% Выс. рез-тов» under a merged header. Shared by the start-up tests and
the import, soak and region benchmarks, so that none of them needs the bench's
pandas to build the file.
"""

from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

PROCEDURES = [
    "ВПР МА 5",
    "ВПР МА 6",
    "ВПР РУ 5",
    "ВПР РУ 6",
    "ОГЭ МА",
    "ОГЭ РУ",
    "ЕГЭ МАБ",
    "ЕГЭ МАП",
    "ЕГЭ РУ",
]
YEARS = [2022, 2023, 2024]


def build_region(path: Path, schools: int) -> Path:
    rng = random.Random(1000)
    headers = [(p, y) for p in PROCEDURES for y in YEARS]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Приложение 1"
    sheet.append(["Итоги ВПР, ОГЭ, ЕГЭ по общеобразовательным организациям области"])
    sheet.append(
        ["Территория", "Название ОО", "Логин ОО"] + [x for p, y in headers for x in (f"{p} {y}", None)]
    )
    sheet.append([None, None, None] + ["% 2", "% Выс. рез-тов"] * len(headers))
    for index in range(len(headers)):
        first = 4 + 2 * index
        sheet.merge_cells(f"{get_column_letter(first)}2:{get_column_letter(first + 1)}2")
    for number in range(1, schools + 1):
        row: list[object] = [f"Район {number % 40 + 1}", f"МБОУ «СОШ № {number}»", f"sch{540000 + number}"]
        for _header in headers:
            low = round(rng.uniform(0, 45), 1)
            row += [low, round(rng.uniform(0, 100 - low), 1)]
        sheet.append(row)
    workbook.save(path)
    return path
