"""Build .xlsx files laid out like appendix 1 of seed 002, from the seed's own numbers.

The workbook has what real files have: title rows above the header, merged
procedure headers over «% 2» / «% Выс. рез-тов», a blank row, a totals row,
and numbers typed as text in a few cells.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from lowres_desktop.services.seed_appendix import seed_appendix_cells

FIXED = ["Территория", "Название ОО", "Логин ОО"]
SEED_FLAGGED_NUMBERS = [12, 14, 23, 24, 28, 33, 49, 50, 65, 71, 77, 89, 97, 102, 103]


def _seed_value(text: str) -> object:
    if text == "":
        return None
    if text == "-":
        return "-"
    return int(text)


def build_seed_workbook(
    path: Path,
    *,
    reverse_blocks: bool = False,
    edit: Callable[[dict[str, dict[tuple[str, int], list[object]]]], None] | None = None,
) -> Path:
    """Write the seed appendix to `path`; `edit` may change values (keyed by login, then header)."""
    cells = seed_appendix_cells()
    headers: list[tuple[str, int]] = []
    schools: dict[str, tuple[str, str]] = {}
    values: dict[str, dict[tuple[str, int], list[object]]] = {}
    for cell in cells:
        key = (cell.header, cell.year)
        if key not in headers:
            headers.append(key)
        schools.setdefault(cell.login, (cell.territory, cell.name))
        values.setdefault(cell.login, {})[key] = [_seed_value(cell.pct_low), _seed_value(cell.pct_high)]
    if reverse_blocks:
        headers.reverse()
    if edit:
        edit(values)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Приложение 1"
    sheet.append(["Приложение 1"])
    sheet.append(["Итоги ВПР, ОГЭ, ЕГЭ 2018, 2019 годов в разрезе общеобразовательных организаций"])
    sheet.append([])
    sheet.append(FIXED + [item for h in headers for item in (f"{h[0]} {h[1]}", None)])
    header_row = sheet.max_row
    sheet.append([None, None, None] + ['" % 2"', "% Выс. рез-тов"] * len(headers))
    for column in range(1, 4):
        sheet.merge_cells(
            start_row=header_row, end_row=header_row + 1, start_column=column, end_column=column
        )
    for index in range(len(headers)):
        first = 4 + 2 * index
        sheet.merge_cells(
            f"{get_column_letter(first)}{header_row}:{get_column_letter(first + 1)}{header_row}"
        )
    for number, (login, (territory, name)) in enumerate(schools.items()):
        row = [territory, name, login]
        for header in headers:
            row += values[login].get(header, [None, None])
        if number == 1:
            row[3] = f"{row[3]},0"
        if number == 2:
            row[4] = f"{row[4]}%"
        sheet.append(row)
        if number == 8:
            sheet.append([])
    sheet.append(["Итого по городу", None, None] + [None] * (2 * len(headers)))
    workbook.save(path)
    return path
