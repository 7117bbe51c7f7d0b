"""A corpus of hostile files aimed at the readers' memory and at the values they let through.

Beside tests/data/bad_inputs (broken and malformed files), these are small files
that would make a reader allocate gigabytes (a cell at XFD1048576, a column far
to the right on every row, a merge over the whole sheet, one long shared string
in 20 000 cells, an .xls whose DIMENSIONS claim 65 535 rows, an .ods cell
repeated across 16 384 columns), files that hide a sheet where a guard might
not look, and files whose values would otherwise be stored wrong (an error
cell, 1e20 participants, a login that is a formula or differs only by a
zero-width space). Every file is made at test time by this script, so the
repository keeps no binary; `python -m tests.data.hostile.make_hostile DIR`
writes them all into DIR to try by hand.

`CASES` maps each file name to a piece of the Russian message that must name the problem;
tests/storage/test_hostile_files.py imports each one with the `lowres` command in a child
process and checks the exit code, the message, the time, the peak memory and that the
database did not change.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.data.bad_inputs.make_bad_inputs import _SHEET_HEAD, _SHEET_TAIL, _raw_xlsx, _sheet

XLS_SOURCE = Path(__file__).resolve().parents[1] / "long_template.xls"
LONG = ["Логин ОО", "Название ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"]

CASES: dict[str, str] = {
    "cell_at_xfd1048576.xlsx": "есть строка 1048576",
    "column_xfd_on_3000_rows.xlsx": "есть столбец 16384",
    "empty_row_1048576.xlsx": "есть строка 1048576",
    "merge_over_the_sheet.xlsx": "есть строка 1048576",
    "shared_string_in_20000_cells.xlsx": "текст ячеек занимает",
    "rich_shared_string_bomb.xlsx": "текст ячеек занимает",
    "cells_without_references.xlsx": "есть столбец 2000",
    "area_of_ten_million_cells.xlsx": "занята область",
    "prefixed_far_cell.xlsx": "есть столбец 16384",
    "reference_after_style.xlsx": "есть строка 1048576",
    "lowercase_reference.xlsx": "есть столбец 16384",
    "far_cell_on_second_sheet.xlsx": "На листе «Второй»",
    "sheet_at_an_odd_path.xlsx": "есть строка 1048576",
    "row_numbers_jump.xlsx": "есть строка 100001",
    "inline_string_bomb.xlsx": "zip-бомбу",
    "formula_in_a_far_cell.xlsx": "есть столбец 16384",
    "dtd_in_shared_strings.xlsx": "DOCTYPE/ENTITY",
    "error_cell_div0.xlsx": "ошибка Excel «#DIV/0!»",
    "error_cell_na.xlsx": "ошибка Excel «#N/A»",
    "xls_dimensions_claim_65535_rows.xls": "занята область",
    "xls_cell_at_row_65000.xls": "занята область",
    "xls_truncated_stream.xls": "повреждён",
    "ods_cell_repeated_16384_columns.ods": "есть столбец 16384",
    "ods_row_repeated_million_times.ods": "есть строка",
    "ods_doctype.ods": "DOCTYPE/ENTITY",
    "csv_5000_fields.csv": "полей",
    "csv_utf16_200000_rows.csv": "больше 100000 строк",
    "participants_1e20.xlsx": "число больше 100 000",
    "participants_3e9.xlsx": "число больше 100 000",
    "login_is_a_formula.xlsx": "не похож на логин ФИС ОКО",
    "login_with_cyrillic_letters.xlsx": "русские буквы",
    "login_twice_with_zero_width_space.xlsx": "логин уже встречался в строке 2",
    "name_of_32767_characters.xlsx": "длиннее 500 знаков",
    "login_of_300_characters.xlsx": "не похож на логин",
}


def _cells(xml: bytes) -> bytes:
    return _SHEET_HEAD + xml + _SHEET_TAIL


def _far_cell(path: Path) -> None:
    _raw_xlsx(path, _cells(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))


def _column_on_every_row(path: Path) -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c><c r="XFD%d"><v>1</v></c></row>' % (n, n, n)
        for n in range(1, 3001)
    )
    _raw_xlsx(path, _cells(rows))


def _shared_strings(path: Path, item: bytes, cells: int) -> None:
    sst = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + item
        + b"</sst>"
    )
    rows = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>' % (n, n) for n in range(1, cells + 1))
    _raw_xlsx(path, _cells(rows), {"xl/sharedStrings.xml": sst})


def _two_sheets(path: Path) -> None:
    buffer = io.BytesIO()
    _raw_xlsx(buffer, _cells(b'<row r="1"><c r="A1"><v>1</v></c></row>'))  # type: ignore[arg-type]
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(
                    b"</sheets>", '<sheet name="Второй" sheetId="2" r:id="rId2"/></sheets>'.encode()
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
                )
            target.writestr(info, data)
        target.writestr("xl/worksheets/sheet2.xml", _cells(b'<row r="5"><c r="XFD5"><v>1</v></c></row>'))


def _odd_path(path: Path) -> None:
    buffer = io.BytesIO()
    _raw_xlsx(buffer, _cells(b'<row r="1"><c r="A1"><v>1</v></c></row>'))  # type: ignore[arg-type]
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"worksheets/sheet1.xml", b"/data/evil.xml")
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"/xl/worksheets/sheet1.xml", b"/data/evil.xml")
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, data)
        target.writestr("data/evil.xml", _cells(b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'))


def _xls(path: Path, patch: Callable[[bytearray], None]) -> None:
    data = bytearray(XLS_SOURCE.read_bytes())
    patch(data)
    path.write_bytes(bytes(data))


def _claim_rows(data: bytearray) -> None:
    at = data.find(b"\x00\x02\x0e\x00") + 4
    struct.pack_into("<IIHH", data, at, 0, 65535, 0, 255)


def _far_label(data: bytearray) -> None:
    at = data.find(b"\xfd\x00\x0a\x00") + 4
    struct.pack_into("<HH", data, at, 65000, 250)


def _ods(path: Path, body: bytes) -> None:
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        + '<office:body><office:spreadsheet><table:table table:name="Лист1">'.encode()
        + body
        + b"</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        archive.writestr("content.xml", content)


_FLOAT_CELL = b'<table:table-cell office:value-type="float" office:value="1"'


def _error_cell(path: Path, code: bytes) -> None:
    header = b"".join(
        b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (column.encode(), title.encode())
        for column, title in zip("ABCDEFG", LONG, strict=True)
    )
    row = (
        b'<c r="A2" t="inlineStr"><is><t>sch1</t></is></c>'
        + b'<c r="B2" t="inlineStr"><is><t>'
        + "СОШ".encode()
        + b"</t></is></c>"
        + b'<c r="C2" t="inlineStr"><is><t>'
        + "ОГЭ РУ".encode()
        + b"</t></is></c>"
        + b'<c r="D2"><v>2025</v></c><c r="E2"><v>20</v></c>'
        + b'<c r="F2" t="e"><v>'
        + code
        + b'</v></c><c r="G2"><v>30</v></c>'
    )
    _raw_xlsx(path, _cells(b'<row r="1">' + header + b'</row><row r="2">' + row + b"</row>"))


def _long(path: Path, *rows: list[object]) -> None:
    _sheet(path, LONG, *rows)


def _builders() -> dict[str, Callable[[Path], None]]:
    return {
        "cell_at_xfd1048576.xlsx": _far_cell,
        "column_xfd_on_3000_rows.xlsx": _column_on_every_row,
        "empty_row_1048576.xlsx": lambda p: _raw_xlsx(
            p, _cells(b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"/>')
        ),
        "merge_over_the_sheet.xlsx": lambda p: _raw_xlsx(
            p,
            _SHEET_HEAD
            + b'<row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
            + b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>',
        ),
        "shared_string_in_20000_cells.xlsx": lambda p: _shared_strings(
            p, b"<si><t>" + b"x" * 32767 + b"</t></si>", 20_000
        ),
        "rich_shared_string_bomb.xlsx": lambda p: _shared_strings(
            p, b"<si>" + (b"<r><t>" + b"y" * 8000 + b"</t></r>") * 4 + b"</si>", 20_000
        ),
        "cells_without_references.xlsx": lambda p: _raw_xlsx(
            p, _cells(b"<row>" + b"<c><v>1</v></c>" * 2000 + b"</row>")
        ),
        "area_of_ten_million_cells.xlsx": lambda p: _raw_xlsx(
            p,
            _cells(
                b'<row r="1"><c r="CV1"><v>1</v></c></row><row r="99999"><c r="A99999"><v>1</v></c></row>'
            ),
        ),
        "prefixed_far_cell.xlsx": lambda p: _raw_xlsx(
            p,
            b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<x:sheetData><x:row r="1"><x:c r="XFD1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>',
        ),
        "reference_after_style.xlsx": lambda p: _raw_xlsx(
            p, _cells(b'<row r="1"><c s="0" t="n" r="A1048576"><v>1</v></c></row>')
        ),
        "lowercase_reference.xlsx": lambda p: _raw_xlsx(
            p, _cells(b'<row r="1"><c r="xfd1"><v>1</v></c></row>')
        ),
        "far_cell_on_second_sheet.xlsx": _two_sheets,
        "sheet_at_an_odd_path.xlsx": _odd_path,
        "row_numbers_jump.xlsx": lambda p: _raw_xlsx(
            p,
            _cells(
                b'<row r="1"><c r="A1"><v>1</v></c></row><row r="100001"><c r="A100001"><v>1</v></c></row>'
            ),
        ),
        "inline_string_bomb.xlsx": lambda p: _raw_xlsx(
            p,
            _cells(
                b"".join(
                    b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>' % (n, n)
                    + b"z" * 32767
                    + b"</t></is></c></row>"
                    for n in range(1, 4001)
                )
            ),
            level=9,
        ),
        "formula_in_a_far_cell.xlsx": lambda p: _raw_xlsx(
            p, _cells(b'<row r="1"><c r="XFD1"><f>1+1</f><v>2</v></c></row>')
        ),
        "dtd_in_shared_strings.xlsx": lambda p: _raw_xlsx(
            p,
            _cells(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
            {
                "xl/sharedStrings.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>'
                b"<sst><si><t>&a;</t></si></sst>"
            },
        ),
        "error_cell_div0.xlsx": lambda p: _error_cell(p, b"#DIV/0!"),
        "error_cell_na.xlsx": lambda p: _error_cell(p, b"#N/A"),
        "xls_dimensions_claim_65535_rows.xls": lambda p: _xls(p, _claim_rows),
        "xls_cell_at_row_65000.xls": lambda p: _xls(p, _far_label),
        "xls_truncated_stream.xls": lambda p: p.write_bytes(XLS_SOURCE.read_bytes()[:1536]),
        "ods_cell_repeated_16384_columns.ods": lambda p: _ods(
            p,
            b"<table:table-row>"
            + _FLOAT_CELL
            + b' table:number-columns-repeated="16384"/></table:table-row>',
        ),
        "ods_row_repeated_million_times.ods": lambda p: _ods(
            p,
            b'<table:table-row table:number-rows-repeated="1048576">'
            + _FLOAT_CELL
            + b' table:number-columns-repeated="5"/></table:table-row>',
        ),
        "ods_doctype.ods": _ods_with_doctype,
        "csv_5000_fields.csv": lambda p: p.write_text(";".join(["x"] * 5000) + "\n", encoding="utf-8"),
        "csv_utf16_200000_rows.csv": lambda p: p.write_bytes(
            ("Логин ОО;Процедура;Год\n" + "sch1;ОГЭ РУ;2025\n" * 200_000).encode("utf-16")
        ),
        "participants_1e20.xlsx": lambda p: _long(p, ["sch1", "СОШ", "ОГЭ РУ", 2025, 1e20, 5, 30]),
        "participants_3e9.xlsx": lambda p: _long(p, ["sch1", "СОШ", "ОГЭ РУ", 2025, 3_000_000_000, 5, 30]),
        "login_is_a_formula.xlsx": lambda p: _long(
            p, ['=HYPERLINK("http://example.org","sch1")', "СОШ", "ОГЭ РУ", 2025, 20, 5, 30]
        ),
        "login_with_cyrillic_letters.xlsx": lambda p: _long(
            p, ["ѕсh420220", "СОШ", "ОГЭ РУ", 2025, 20, 5, 30]
        ),
        "login_twice_with_zero_width_space.xlsx": lambda p: _long(
            p,
            ["sch1", "СОШ № 1", "ОГЭ РУ", 2025, 20, 5, 30],
            ["sch1\u200b", "СОШ № 1", "ОГЭ РУ", 2025, 20, 5, 30],
        ),
        "name_of_32767_characters.xlsx": lambda p: _long(p, ["sch1", "Я" * 32767, "ОГЭ РУ", 2025, 20, 5, 30]),
        "login_of_300_characters.xlsx": lambda p: _long(p, ["s" * 300, "СОШ", "ОГЭ РУ", 2025, 20, 5, 30]),
    }


def _ods_with_doctype(path: Path) -> None:
    _ods(path, b"")
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["content.xml"] = parts["content.xml"].replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "b">]>', 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)


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
    build(Path(sys.argv[1]))
