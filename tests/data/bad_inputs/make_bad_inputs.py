"""The corpus of broken and hostile input files, and what the program must say about each.

Run `python -m tests.data.bad_inputs.make_bad_inputs DIR` to write every file
into DIR. The small files are committed in `files/` beside this script; the
big and hostile ones (a zip bomb, a million rows, a 101 MB file) are made at
test time into a temporary folder, so the repository stays small.

`CASES` maps each file name to a piece of the Russian message that must name
the problem; tests/unit/test_import_bad_inputs.py imports every file and
checks the message, that nothing was written, and that it took little time.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
BIG = {"zip_bomb.xlsx", "million_rows.xlsx", "million_rows.csv", "too_large.xlsx", "many_entries.xlsx"}

CASES: dict[str, str] = {
    "not_a_spreadsheet.xlsx": "не удалось прочитать",
    "picture.xlsx": "не удалось прочитать",
    "truncated.xlsx": "повреждён или обрезан",
    "password.xlsx": "защищена паролем",
    "empty.xlsx": "пустой (0 байт)",
    "empty_sheet.xlsx": "Ни на одном листе («Лист1»)",
    "only_headers.xlsx": "нет ни одной строки с данными",
    "entity_bomb.xlsx": "DOCTYPE/ENTITY",
    "zip_bomb.xlsx": "zip-бомбу",
    "many_entries.xlsx": "частей",
    "million_rows.xlsx": "допускается до 100000 строк",
    "million_rows.csv": "больше 100000 строк",
    "too_large.xlsx": "слишком большой",
    "formulas.xlsx": "формула без сохранённого значения",
    "dates.xlsx": "дата вместо числа",
    "percent_over_100.xlsx": "процент вне диапазона 0–100",
    "negative_percent.xlsx": "процент вне диапазона 0–100",
    "login_twice.xlsx": "логин уже встречался в строке 3",
    "two_data_sheets.xlsx": "сразу на нескольких листах",
    "text_in_number.xlsx": "не число",
    "no_login_column.xlsx": "Ни на одном листе",
    "word_document.xlsx": "документ Word",
    "other_zip.xlsx": "архив другого вида",
    "binary.csv": "двоичные данные",
    "bad_encoding.csv": "UTF-8, UTF-16 или Windows-1251",
    "fractional_participants.xlsx": "должно быть целым",
    "unknown_procedure.xlsx": "процедура не распознана",
    "bad_year.xlsx": "год должен быть числом",
    "low_plus_high_over_100.xlsx": "вместе больше 100",
    "vpr_shares_not_100.xlsx": "в сумме дают",
    "vpr_comparison_out_of_range.xlsx": "процент вне диапазона",
    "vpr_no_title.xlsx": "не удалось определить процедуру и год",
    "rcoi_score_over_100.csv": "балл вне диапазона 0–100",
    "rcoi_unknown_subject.csv": "не удалось определить экзамен",
    "rcoi_missing_school_code.csv": "не указан код ОО",
    "truncated.xls": ".xls повреждён",
    "broken.ods": "повреждён",
    "huge_field.csv": "CSV не читается",
}


def _save(workbook: Workbook, path: Path) -> None:
    workbook.save(path)


def _sheet(path: Path, *rows: list[object], title: str = "Лист1") -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    _save(workbook, path)


WIDE = ["Логин ОО", "Название ОО", "ВПР МА 5 2019", None]
SUB = [None, None, "% 2", "% Выс. рез-тов"]
LONG = ["Логин ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"]


def _raw_xlsx(path: Path, sheet_xml: bytes, extra: dict[str, bytes] | None = None, level: int = 6) -> None:
    """A minimal .xlsx written part by part, for files no library would write."""
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" '
            b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/xl/workbook.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            b'<Override PartName="/xl/worksheets/sheet1.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            b'<?xml version="1.0"?>'
            b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            b'<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
        **(extra or {}),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


_SHEET_HEAD = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_SHEET_TAIL = b"</sheetData></worksheet>"


def make_entity_bomb(path: Path) -> None:
    entities = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
            for n in range(1, 10)
        )
        + b"]>"
    )
    sheet = (
        _SHEET_HEAD.replace(b"?>", b"?>" + entities, 1)
        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        + _SHEET_TAIL
    )
    _raw_xlsx(path, sheet)


def make_zip_bomb(path: Path) -> None:
    padding = b" " * (60 * 1024 * 1024)
    _raw_xlsx(path, _SHEET_HEAD + padding + _SHEET_TAIL, level=9)


def make_many_entries(path: Path) -> None:
    extra = {f"xl/media/image{n}.bin": b"x" for n in range(2500)}
    _raw_xlsx(path, _SHEET_HEAD + _SHEET_TAIL, extra)


def make_million_rows_xlsx(path: Path) -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(1, 1_000_001))
    _raw_xlsx(path, _SHEET_HEAD + rows + _SHEET_TAIL, level=1)


def make_million_rows_csv(path: Path) -> None:
    lines = ["Логин ОО;Процедура;Год;% «2»"] + [f"sch{n};ОГЭ РУ;2025;10" for n in range(1_000_000)]
    path.write_text("\n".join(lines), encoding="cp1251")


def make_too_large(path: Path) -> None:
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(101 * 1024 * 1024)


def _valid_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(WIDE)
    workbook.active.append(SUB)
    workbook.active.append(["sch1", "СОШ № 1", 10, 20])
    workbook.save(buffer)
    return buffer.getvalue()


def _vpr_workbook(path: Path, title: str | None, rows: list[list[object]], header: list[object]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Данные"
    sheet.append(["Статистика по отметкам"])
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


VPR_HEADER = ["Группы участников", "Кол-во ОО", "Кол-во участников", 2, 3, 4, 5]
CMP_HEADER = ["Группы участников", "Кол-во участников", "Понизили, %", "Подтвердили, %", "Повысили, %"]


def _rcoi(path: Path, title: str, rows: list[str]) -> None:
    lines = [title, "№;Код МСУ;Код ОО;Класс;Фамилия;Имя;Первичный балл;Балл", *rows, "Средние;;;;;;;50"]
    path.write_bytes("\r\n".join(lines).encode("cp1251"))


def _builders() -> dict[str, Callable[[Path], None]]:
    valid = _valid_bytes()
    two_sheets = Workbook()
    for title in ("2025", "2026"):
        sheet = two_sheets.create_sheet(title)
        sheet.append(LONG)
        sheet.append(["sch1", "ОГЭ РУ", int(title), 20, 5, 30])
    two_sheets.remove(two_sheets.active)
    formulas = Workbook()
    formulas.active.append(WIDE)
    formulas.active.append(SUB)
    formulas.active.append(["sch1", "СОШ № 1", "=100/4", "=B3*2"])
    word = io.BytesIO()
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "это просто архив")
    broken_ods = io.BytesIO()
    with zipfile.ZipFile(broken_ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content><table:table")
    return {
        "not_a_spreadsheet.xlsx": lambda p: p.write_text("это не книга Excel", encoding="utf-8"),
        "picture.xlsx": lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200)),
        "truncated.xlsx": lambda p: p.write_bytes(valid[: len(valid) // 2]),
        "password.xlsx": lambda p: p.write_bytes(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + bytes(500)
            + "EncryptedPackage".encode("utf-16-le")
            + bytes(500)
        ),
        "empty.xlsx": lambda p: p.write_bytes(b""),
        "empty_sheet.xlsx": lambda p: _sheet(p),
        "only_headers.xlsx": lambda p: _sheet(p, WIDE, SUB),
        "entity_bomb.xlsx": make_entity_bomb,
        "zip_bomb.xlsx": make_zip_bomb,
        "many_entries.xlsx": make_many_entries,
        "million_rows.xlsx": make_million_rows_xlsx,
        "million_rows.csv": make_million_rows_csv,
        "too_large.xlsx": make_too_large,
        "formulas.xlsx": lambda p: formulas.save(p),
        "dates.xlsx": lambda p: _sheet(p, WIDE, SUB, ["sch1", "СОШ № 1", date(2019, 5, 12), 20]),
        "percent_over_100.xlsx": lambda p: _sheet(p, WIDE, SUB, ["sch1", "СОШ № 1", 140, 20]),
        "negative_percent.xlsx": lambda p: _sheet(p, WIDE, SUB, ["sch1", "СОШ № 1", -5, 20]),
        "login_twice.xlsx": lambda p: _sheet(
            p, WIDE, SUB, ["sch1", "СОШ № 1", 5, 20], ["sch1", "СОШ № 1", 6, 20]
        ),
        "two_data_sheets.xlsx": lambda p: two_sheets.save(p),
        "text_in_number.xlsx": lambda p: _sheet(p, WIDE, SUB, ["sch1", "СОШ № 1", "десять", 20]),
        "no_login_column.xlsx": lambda p: _sheet(
            p, ["Название ОО", "ВПР МА 5 2019"], [None, "% 2"], ["СОШ", 5]
        ),
        "word_document.xlsx": lambda p: p.write_bytes(word.getvalue()),
        "other_zip.xlsx": lambda p: p.write_bytes(other.getvalue()),
        "binary.csv": lambda p: p.write_bytes(b"\x00\x01\x02;\x00\xff" * 50),
        "bad_encoding.csv": lambda p: p.write_bytes(b"\xd0\x9b\xce\xe3\xe8\xed;\x98\x98\n"),
        "fractional_participants.xlsx": lambda p: _sheet(p, LONG, ["sch1", "ОГЭ РУ", 2025, 20.5, 5, 30]),
        "unknown_procedure.xlsx": lambda p: _sheet(p, LONG, ["sch1", "Олимпиада", 2025, 20, 5, 30]),
        "bad_year.xlsx": lambda p: _sheet(p, LONG, ["sch1", "ОГЭ РУ", 25, 20, 5, 30]),
        "low_plus_high_over_100.xlsx": lambda p: _sheet(p, LONG, ["sch1", "ОГЭ РУ", 2025, 20, 70, 40]),
        "vpr_shares_not_100.xlsx": lambda p: _vpr_workbook(
            p, "ВПР 2026 Русский язык 4 класс", [["СОШ № 1(edu1)", 1, 20, 10, 10, 10, 10]], VPR_HEADER
        ),
        "vpr_comparison_out_of_range.xlsx": lambda p: _vpr_workbook(
            p, "ВПР 2026 Русский язык 4 класс", [["СОШ № 1(edu1)", 20, 120, 10, 10]], CMP_HEADER
        ),
        "vpr_no_title.xlsx": lambda p: _vpr_workbook(
            p, None, [["СОШ № 1(edu1)", 1, 20, 10, 40, 40, 10]], VPR_HEADER
        ),
        "rcoi_score_over_100.csv": lambda p: _rcoi(
            p, "01 - Русский язык 2022.06.23", ["1;01;540001;11А;Ф;И;30;150"]
        ),
        "rcoi_unknown_subject.csv": lambda p: _rcoi(
            p, "99 - Астрология 2022.06.23", ["1;01;540001;;Ф;И;30;50"]
        ),
        "rcoi_missing_school_code.csv": lambda p: _rcoi(
            p, "01 - Русский язык 2022.06.23", ["1;01;;11А;Ф;И;30;50"]
        ),
        "truncated.xls": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"),
        "broken.ods": lambda p: p.write_bytes(broken_ods.getvalue()),
        "huge_field.csv": lambda p: p.write_text(
            'Логин ОО;Процедура\n"' + "x" * 200_000 + '";1\n', encoding="utf-8"
        ),
    }


def build(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Write the named cases (all by default) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    builders = _builders()
    written = []
    for name in names or list(CASES):
        path = folder / name
        builders[name](path)
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else FILES
    build(target, None if len(sys.argv) > 1 else [n for n in CASES if n not in BIG])
