"""Export of any table to .xlsx and to the clipboard: styled, numbers as numbers, never a formula."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook

from lowres_desktop.services.export_table import clipboard_text, export_table

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "=cmd|' /C calc'!A0"]


def test_xlsx_header_widths_numbers_and_frozen_row(tmp_path: Path) -> None:
    path = export_table(
        tmp_path / "t.xlsx", ["Школа", "% «2»", "Участников"], [["СОШ № 1", 12.5, 48], ["ООШ", None, 0]]
    )
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == ["Школа", "% «2»", "Участников"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet["B2"].value == 12.5 and sheet["B2"].data_type == "n" and sheet["C2"].value == 48
    assert sheet.column_dimensions["A"].width >= len("СОШ № 1")


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = export_table(tmp_path / "t.xlsx", ["Название"], [[text] for text in HOSTILE])
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    sheet = load_workbook(path).active
    for row, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(row, 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_clipboard_is_tab_separated_and_defuses_formulas() -> None:
    text = clipboard_text(["Школа", "%"], [["=1+1", 12.5], ["СОШ\t№ 1", None]])
    assert text == "Школа\t%\r\n'=1+1\t12,5\r\nСОШ № 1\t\r\n"
