"""Write tests/data/long_template.xls, a small Excel 97–2003 file in the program's long layout.

No writer of .xls belongs to the project's dependencies, so the file is
committed; to make it again: pip install --target /tmp/xlwt xlwt, then
PYTHONPATH=/tmp/xlwt python -m tests.data.make_xls_fixture
"""

from __future__ import annotations

from pathlib import Path

import xlwt  # type: ignore[import-not-found]

TARGET = Path(__file__).resolve().parent / "long_template.xls"
ROWS = [
    ["Результаты, введённые школами"],
    [],
    ["Логин ОО", "Название ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"],
    ["sch420220", "МБОУ «СОШ № 1»", "ОГЭ РУ", 2025, 48, 12.5, 35.4],
    ["sch420221", "МКОУ «ООШ № 3»", "ВПР МА 5", 2025, 12, "8,3", None],
]


def main() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Результаты")
    for row, values in enumerate(ROWS):
        for column, value in enumerate(values):
            if value is not None:
                sheet.write(row, column, value)
    book.save(str(TARGET))


if __name__ == "__main__":
    main()
