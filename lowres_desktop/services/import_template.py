"""Use case: write the program's long template, the file schools and staff fill in by hand.

One row per school × procedure × year, with a filled example row, lists to
choose the procedure and year from (Excel data validation), and a sheet of
notes that says how to fill it in. The importer reads it back as the «long»
layout (importing/long_template.py), so the headers come from there.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from lowres_desktop.files.atomic import atomic_file
from lowres_desktop.importing.long_template import EXAMPLE, HEADERS
from lowres_desktop.storage.unit_of_work import Database

TEMPLATE_ROWS = 2000
"""Rows the validation lists cover below the header."""
NOTES = [
    "Как заполнить шаблон",
    "",
    "Одна строка — одна школа, одна процедура, один год. Строку-пример (2-я) замените своими данными.",
    "«Логин ОО» — логин школы в федеральной системе оценки качества (sch… или edu…).",
    "«Процедура» — выберите из списка или напишите так же: «ВПР МА 5», «ОГЭ РУ», «ЕГЭ МАП».",
    "«Год» — год проведения процедуры (2019, 2026…).",
    "«Участников» — целое число; «% «2»» и «% высоких» — проценты от 0 до 100, можно с запятой (12,5).",
    "Пустая ячейка — нет данных; значение из базы при этом не стирается.",
    "Лишние столбцы и строки-заголовки над таблицей программа пропускает.",
    "Импорт: «Файл → Импорт результатов…» или команда «lowres import ФАЙЛ».",
]


def write_template(db: Database | None, path: Path) -> Path:
    """Write the template to `path`; the procedure list holds the database's procedures and the usual ones."""
    procedures = {
        "ВПР МА 4",
        "ВПР РУ 4",
        "ВПР МА 5",
        "ВПР РУ 5",
        "ВПР МА 6",
        "ВПР РУ 6",
        "ВПР МА 7",
        "ВПР РУ 7",
        "ВПР МА 8",
        "ВПР РУ 8",
        "ОГЭ МА",
        "ОГЭ РУ",
        "ЕГЭ МАБ",
        "ЕГЭ МАП",
        "ЕГЭ РУ",
    }
    if db is not None:
        with db.unit_of_work() as uow:
            procedures |= {p.code for p in uow.procedures.all()}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Результаты"
    sheet.append(HEADERS)
    sheet.append(EXAMPLE)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F3")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
    for letter, width in zip("ABCDEFG", (14, 40, 14, 8, 12, 10, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    lists = workbook.create_sheet("Списки")
    for number, code in enumerate(sorted(procedures), start=1):
        lists.cell(number, 1, code)
    lists.sheet_state = "hidden"
    last = TEMPLATE_ROWS + 1
    procedure = DataValidation(
        type="list",
        formula1=f"='Списки'!$A$1:$A${len(procedures)}",
        allow_blank=True,
        errorTitle="Процедура",
        error="Выберите процедуру из списка, например «ВПР МА 5».",
    )
    year = DataValidation(
        type="whole",
        operator="between",
        formula1="1990",
        formula2="2100",
        allow_blank=True,
        errorTitle="Год",
        error="Год — целое число от 1990 до 2100.",
    )
    count = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        errorTitle="Участников",
        error="Число участников — целое неотрицательное.",
    )
    percent = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        errorTitle="Процент",
        error="Процент — число от 0 до 100.",
    )
    for validation, cells in (
        (procedure, f"C2:C{last}"),
        (year, f"D2:D{last}"),
        (count, f"E2:E{last}"),
        (percent, f"F2:G{last}"),
    ):
        validation.add(cells)
        sheet.add_data_validation(validation)
    notes = workbook.create_sheet("Пояснения")
    for line in NOTES:
        notes.append([line])
    notes["A1"].font = Font(bold=True, size=13)
    notes.column_dimensions["A"].width = 110
    with atomic_file(Path(path)) as handle:
        workbook.save(handle)
    return Path(path)
