"""Every cell read as it shows: literal percent formats, error cells, UTF-16 text, one read per file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from lowres_desktop.importing.percent_cells import is_percent_format
from lowres_desktop.importing.values import BadValue, CellError, parse_percent
from lowres_desktop.importing.workbook_reader import read_bytes, read_file


@pytest.mark.parametrize(
    ("code", "scales"),
    [
        ("0%", True),
        ("0.0%", True),
        ("0.00 %", True),
        ('0.0"%"', False),
        ("0.0\\%", False),
        ('#,##0.0" %"', False),
        ("[Red]0.0%", True),
        ("[$%-419]0.0", False),
        ("General", False),
        ("0.0_%", False),
    ],
)
def test_only_a_bare_percent_sign_multiplies_by_100(code: str, scales: bool) -> None:
    assert is_percent_format(code) is scales


def _book(tmp_path: Path, fill) -> Path:  # type: ignore[no-untyped-def]
    workbook = Workbook()
    fill(workbook.active)
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    return path


def test_a_literal_percent_format_keeps_the_value_as_shown(tmp_path: Path) -> None:
    def fill(sheet):  # type: ignore[no-untyped-def]
        sheet["A1"] = 0.3
        sheet["A1"].number_format = '0.0"%"'
        sheet["B1"] = 0.3
        sheet["B1"].number_format = "0.0%"

    rows = read_file(_book(tmp_path, fill)).sheets[0].rows
    assert rows[0] == [0.3, 30.0]


def test_an_error_cell_is_not_read_as_empty_and_names_the_error(tmp_path: Path) -> None:
    def fill(sheet):  # type: ignore[no-untyped-def]
        sheet["A1"] = 5
        sheet["B1"] = "#DIV/0!"
        sheet["B1"].data_type = "e"

    value = read_file(_book(tmp_path, fill)).sheets[0].rows[0][1]
    assert value == CellError("#DIV/0!")
    with pytest.raises(BadValue, match="ошибка Excel «#DIV/0!»"):
        parse_percent(value)


def test_the_hash_is_of_the_bytes_parsed(tmp_path: Path) -> None:
    path = _book(tmp_path, lambda sheet: sheet.append(["Логин ОО", 1]))
    data = path.read_bytes()
    read = read_file(path)
    assert read.sha256 == hashlib.sha256(data).hexdigest()
    assert read.sheets[0].rows == read_bytes(path.name, data)[0].rows


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_reads(encoding: str) -> None:
    text = "Логин ОО\tПроцедура\tГод\nsch1\tОГЭ РУ\t2025\n"
    data = text.encode(encoding) if encoding == "utf-16" else ("\ufeff" + text).encode(encoding)
    rows = read_bytes("results.csv", data)[0].rows
    assert rows[:2] == [["Логин ОО", "Процедура", "Год"], ["sch1", "ОГЭ РУ", "2025"]]


def test_a_utf16_csv_without_a_mark_reads_when_latin() -> None:
    data = "login;year\nsch1;2025\n".encode("utf-16-le")
    assert read_bytes("r.csv", data)[0].rows == [["login", "year"], ["sch1", "2025"]]


def _sheet_part(rows: bytes) -> bytes:
    return (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + rows + b"</sheetData></worksheet>"
    )


def _guard(tmp_path: Path, sheet: bytes):  # type: ignore[no-untyped-def]
    import zipfile

    from lowres_desktop.importing.archive_guard import check_archive

    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    with zipfile.ZipFile(path) as archive:
        return check_archive("book.xlsx", archive).sheets["xl/worksheets/sheet1.xml"]


def test_a_far_column_in_a_later_chunk_of_a_plain_sheet_is_found(tmp_path: Path) -> None:
    from lowres_desktop.importing.problems import FileRejected

    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c><c r="BE%d"><v>2</v></c></row>' % (n, n, n)
        for n in range(1, 3001)
    )
    padding = b"<!-- " + b"." * (3 << 20) + b" -->"
    extent = _guard(tmp_path, _sheet_part(rows + padding + b'<row r="3001"><c r="GR3001"><v>1</v></c></row>'))
    assert (extent.rows, extent.columns) == (3001, 200)
    with pytest.raises(FileRejected, match="есть столбец 1001"):
        _guard(tmp_path, _sheet_part(rows + padding + b'<row r="3001"><c r="ALM3001"><v>1</v></c></row>'))


def test_a_cell_below_its_row_element_counts_by_its_own_reference(tmp_path: Path) -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 2000))
    extent = _guard(tmp_path, _sheet_part(rows + b'<row r="2000"><c r="B99999"><v>1</v></c></row>'))
    assert (extent.rows, extent.columns) == (99999, 2)
