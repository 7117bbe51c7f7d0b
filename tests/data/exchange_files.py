"""Files in the layouts offices exchange, built the way the federal and regional systems write them.

- `build_vpr_statistics`: «Статистика по отметкам», one sheet per procedure;
- `build_vpr_comparison`: «Сравнение отметок с отметками по журналу»;
- `build_rcoi_csv`: per-student ОГЭ/ЕГЭ results from a РЦОИ, `;` and Windows-1251;
- `build_long`: the program's own long template, filled;
- `build_ods`: a minimal OpenDocument spreadsheet written by hand (no writer is installed).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from lowres_desktop.services.import_template import write_template

VPR_SCHOOLS = [
    ("МБОУ «СОШ № 1»(edu203389)", 1, 48, [10.42, 39.58, 37.5, 12.5]),
    ("МАОУ «Гимназия (с углублённым изучением) № 2»(edu203390)", 1, 75, [1.33, 22.67, 50.67, 25.33]),
    ("МКОУ «ООШ № 3»(sch420221)", 1, 12, [33.33, 41.67, 16.67, 8.33]),
]


def build_vpr_statistics(
    path: Path, schools: Sequence[tuple[str, int, int, list[float]]] = VPR_SCHOOLS
) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet_name, title, shift in (
        ("РУ 4 Статистика по отметкам", "ВПР 2026 Русский язык 4 класс", 0.0),
        ("МА 5 Статистика по отметкам", "ВПР 2026 Математика 5 класс", 1.0),
    ):
        sheet = workbook.create_sheet(sheet_name)
        sheet.append(["Статистика по отметкам"])
        sheet.append([title])
        sheet.append(["Предмет:", title.split(" ", 2)[2].rsplit(" ", 2)[0]])
        sheet.append(["Максимальный первичный балл:", 38])
        sheet.append(["Дата:", "17.04.2026"])
        sheet.append(["Группы участников", "Кол-во ОО", "Кол-во участников", 2, 3, 4, 5])
        sheet.append(["Вся выборка", 40000, 1500000, 5.12, 30.44, 44.1, 20.34])
        sheet.append(["Новосибирская обл.", 960, 30000, 6.0, 31.0, 43.0, 20.0])
        sheet.append(["Новосибирский муниципальный район(reg54_m012)", 30, 900, 7.1, 32.9, 40.0, 20.0])
        for name, count_oo, participants, shares in schools:
            low = round(max(shares[0] - shift, 0.0), 2)
            sheet.append(
                [name, count_oo, participants, low, round(shares[1] + shares[0] - low, 2), *shares[2:]]
            )
    workbook.save(path)
    return path


def build_vpr_comparison(path: Path, two_header_rows: bool = False) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "РУ 4 Сравнение отметок с отметками по журналу"[:31]
    sheet.append(["Сравнение отметок с отметками по журналу"])
    sheet.append(["ВПР 2026 Русский язык 4 класс"])
    sheet.append(["Дата:", "17.04.2026"])
    rows = [
        ("Вся выборка", 1500000, (10.0, 150000), (80.0, 1200000), (10.0, 150000)),
        ("МБОУ «СОШ № 1»(edu203389)", 48, (25.0, 12), (70.83, 34), (4.17, 2)),
        ("МАОУ «Гимназия (с углублённым изучением) № 2»(edu203390)", 75, (8.0, 6), (88.0, 66), (4.0, 3)),
    ]
    if two_header_rows:
        sheet.append(
            [
                "Группы участников",
                "Кол-во участников",
                "Понизили",
                None,
                "Подтвердили",
                None,
                "Повысили",
                None,
            ]
        )
        sheet.append([None, None, "%", "Кол-во", "%", "Кол-во", "%", "Кол-во"])
        for column in (3, 5, 7):
            sheet.merge_cells(start_row=4, end_row=4, start_column=column, end_column=column + 1)
    else:
        sheet.append(
            [
                "Группы участников",
                "Кол-во участников",
                "Понизили, %",
                "Понизили, кол-во",
                "Подтвердили, %",
                "Подтвердили, кол-во",
                "Повысили, %",
                "Повысили, кол-во",
            ]
        )
    for name, participants, *groups in rows:
        sheet.append([name, participants, *[v for group in groups for v in group]])
    workbook.save(path)
    return path


RCOI_HEADER = "№;Код МСУ;Код ОО;Класс;Фамилия;Имя;Отчество;Вариант;Первичный балл;Балл"


def build_rcoi_csv(path: Path, students: dict[str, list[int]] | None = None, year: int = 2022) -> Path:
    """ЕГЭ Russian: `students` maps Код ОО → test scores (min 24, high 80 in the shipped table)."""
    students = students or {"540001": [20, 50, 85, 90, 23], "540002": [60, 70, 30, 81]}
    lines = [f"01 - Русский язык {year}.06.23", RCOI_HEADER]
    number = 0
    for code, scores in students.items():
        for score in scores:
            number += 1
            lines.append(f"{number};01;{code};11А;Иванов{number};Иван;Иванович;301;{score // 2};{score}")
    lines += [
        "Средние;;;;;;;;20;55",
        "Минимальная граница;;;;;;;;;24",
        f"Всего участников;;;;;;;;;{number}",
    ]
    path.write_bytes("\r\n".join(lines).encode("cp1251"))
    return path


def build_long(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """The template as the app writes it, with `rows` typed under the example row."""
    from openpyxl import load_workbook

    write_template(None, path)
    workbook = load_workbook(path)
    sheet = workbook["Результаты"]
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


@dataclass(frozen=True)
class PercentCell:
    """A cell in percent format: the file holds the fraction (0.125), the sheet shows «12,5 %»."""

    fraction: float


def build_ods(path: Path, sheet_name: str, rows: Sequence[Sequence[object]]) -> Path:
    """A one-sheet .ods as LibreOffice stores it: runs of empty cells and of empty rows written once."""

    def cell(value: object) -> str:
        if isinstance(value, PercentCell):
            return (
                f'<table:table-cell office:value-type="percentage" office:value="{value.fraction}">'
                f"<text:p>{value.fraction * 100:g} %</text:p></table:table-cell>"
            )
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        text = escape(str(value))
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'

    def cells(row: Sequence[object]) -> str:
        written = []
        for value, run in groupby(row):
            count = len(list(run))
            if value is None:
                written.append(f'<table:table-cell table:number-columns-repeated="{count}"/>')
            else:
                written.extend(cell(value) for _ in range(count))
        return "".join(written)

    body = "".join(
        f'<table:table-row table:number-rows-repeated="{len(list(run))}">'
        "<table:table-cell/></table:table-row>"
        if not any(v is not None for v in row)
        else "".join(f"<table:table-row>{cells(row)}</table:table-row>" for _ in run)
        for row, run in groupby(tuple(r) for r in rows)
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet_name)}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path
