"""Which .xlsx files go to openpyxl because a cell may hold a formula (calamine reports none)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from lowres_desktop.importing.archive_guard import check_archive
from lowres_desktop.importing.workbook_reader import _needs_openpyxl

_PADDING = b"<!-- " + b"." * ((1 << 20) - 11) + b" -->"


def _archive(tmp_path: Path, sheet_xml: bytes) -> zipfile.ZipFile:
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return zipfile.ZipFile(path)


@pytest.mark.parametrize(
    ("cells", "formula"),
    [
        (b'<c r="A1"><f>SUM(B1:B9)</f><v>4</v></c>', True),
        (
            b'<c r="A2"><f t="shared" ref="A2:A9" si="0">B2*2</f></c><c r="A3"><f t="shared" si="0"/></c>',
            True,
        ),
        (b'<x:c r="A1"><x:f>1+1</x:f></x:c>', True),
        (b'<c r="A1"><f/></c>', True),
        (b'<c r="A1" t="inlineStr"><is><t>if&gt; of f</t></is></c><c r="B1"><v>5</v></c>', False),
        (b'<sheetFormatPr defaultRowHeight="15"/><autoFilter ref="A1:C9"><filterColumn colId="0"/>', False),
    ],
)
def test_formula_elements_are_told_from_lookalikes(tmp_path: Path, cells: bytes, formula: bool) -> None:
    archive = _archive(
        tmp_path, b"<worksheet><sheetData><row r='1'>" + cells + b"</row></sheetData></worksheet>"
    )
    with archive:
        facts = check_archive("book.xlsx", archive)
        assert _needs_openpyxl(archive, set(archive.namelist()), facts) is formula


def test_a_formula_split_between_two_read_chunks_is_found(tmp_path: Path) -> None:
    sheet = b"<worksheet><sheetData>" + _PADDING
    sheet = sheet[: (1 << 20) - 2] + b"<f>B1*2</f></sheetData></worksheet>"
    assert sheet[(1 << 20) - 2 : 1 << 20] == b"<f"
    with _archive(tmp_path, sheet) as archive:
        assert _needs_openpyxl(archive, set(archive.namelist()), check_archive("book.xlsx", archive))
