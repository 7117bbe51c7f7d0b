"""Write tests/data/long_template.xls and long_template_percent.xls, small Excel 97–2003 files.

Both are in the program's long layout; in the second the shares are typed as
percent-formatted cells (the file holds 0.125 and shows «12,5 %»), except one
typed as a plain number, as offices mix them.

No writer of .xls belongs to the project's dependencies, so the file is
committed; to make it again: pip install --target /tmp/xlwt xlwt, then
PYTHONPATH=/tmp/xlwt python -m tests.data.make_xls_fixture
"""

from __future__ import annotations

from pathlib import Path

import xlwt  # type: ignore[import-not-found]

TARGET = Path(__file__).resolve().parent / "long_template.xls"
PERCENT_TARGET = Path(__file__).resolve().parent / "long_template_percent.xls"
ROWS = [
    ["Результаты, введённые школами"],
    [],
    ["Логин ОО", "Название ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"],
    ["sch420220", "МБОУ «СОШ № 1»", "ОГЭ РУ", 2025, 48, 12.5, 35.4],
    ["sch420221", "МКОУ «ООШ № 3»", "ВПР МА 5", 2025, 12, "8,3", None],
]


PERCENT_ROWS = [
    ["Логин ОО", "Название ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"],
    ["sch420220", "МБОУ «СОШ № 1»", "ОГЭ РУ", 2025, 48, 0.125, 0.354],
    ["sch420221", "МКОУ «ООШ № 3»", "ВПР МА 5", 2025, 12, 0.9, 8.3],
]
"""Shares in the last two columns are percent cells, except 8.3, a plain number."""


def main() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Результаты")
    for row, values in enumerate(ROWS):
        for column, value in enumerate(values):
            if value is not None:
                sheet.write(row, column, value)
    book.save(str(TARGET))

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Результаты")
    percent = xlwt.easyxf(num_format_str="0.0%")
    for row, values in enumerate(PERCENT_ROWS):
        for column, value in enumerate(values):
            if row > 0 and column >= 5 and value != 8.3:
                sheet.write(row, column, value, percent)
            else:
                sheet.write(row, column, value)
    book.save(str(PERCENT_TARGET))


if __name__ == "__main__":
    main()
