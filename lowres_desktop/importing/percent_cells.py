"""Which cells of an .ods or .xls file are formatted as percentages.

python-calamine reads their values but not their formats, so a cell that
shows «12,5 %» arrives as 0.125 and would be stored as 0.125 %. Offices type
shares both ways (12.5 in a plain cell, 0.125 in a percent cell), so the
readers ask here where the percent cells are and scale those by 100, as the
.xlsx reader does with openpyxl's number formats. Cells are (row, column),
0-based, per sheet name.
"""

from __future__ import annotations

import io
import re
import zipfile

from defusedxml import ElementTree

PercentCells = dict[str, set[tuple[int, int]]]

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_MARK = b'value-type="percentage"'
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def is_percent_format(code: str) -> bool:
    """Whether a number format multiplies by 100: a bare «%», not one in quotes («0.0"%"»),
    escaped («0\\%»), in brackets or after «_»/«*» — those print a percent sign and leave the value as is."""
    return "%" in _LITERALS.sub("", code)


def ods_percent_cells(archive: zipfile.ZipFile, max_rows: int) -> PercentCells:
    """Percent cells of an OpenDocument spreadsheet, read from its content.xml.

    Rows and cells may carry repeat counts (LibreOffice writes a run of equal
    cells once), so positions are counted, not indexed; rows past `max_rows`
    are not counted (the reader refuses such sheets anyway).
    """
    with archive.open("content.xml") as part:
        if not any(_ODS_MARK in chunk for chunk in iter(lambda: part.read(1 << 20), b"")):
            return {}
    found: PercentCells = {}
    cells: set[tuple[int, int]] = set()
    row = column = 0
    rows_repeated = 1
    with archive.open("content.xml") as part:
        for event, element in ElementTree.iterparse(part, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _TABLE + "table":
                    cells = found.setdefault(element.get(_TABLE + "name", ""), set())
                    row = 0
                elif tag == _TABLE + "table-row":
                    column = 0
                    rows_repeated = int(element.get(_TABLE + "number-rows-repeated", "1"))
                elif tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                    repeated = int(element.get(_TABLE + "number-columns-repeated", "1"))
                    if element.get(_OFFICE + "value-type") == "percentage" and row < max_rows:
                        cells.update(
                            (r, c)
                            for r in range(row, min(row + rows_repeated, max_rows))
                            for c in range(column, column + repeated)
                        )
                    column += repeated
            elif tag == _TABLE + "table-row":
                row += rows_repeated
                element.clear()
    return {name: positions for name, positions in found.items() if positions}


def xls_percent_cells(data: bytes) -> PercentCells:
    """Percent-formatted number cells of an Excel 97–2003 workbook, through xlrd's formatting records."""
    import xlrd  # type: ignore[import-untyped]  # here: only an .xls file needs it

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO())
    try:
        percent = {
            index
            for index, xf in enumerate(book.xf_list)
            if is_percent_format(getattr(book.format_map.get(xf.format_key), "format_str", ""))
        }
        if not percent:
            return {}
        found: PercentCells = {}
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            cells = {
                (r, c)
                for r in range(sheet.nrows)
                for c, cell in enumerate(sheet.row(r))
                if cell.ctype == xlrd.XL_CELL_NUMBER and cell.xf_index in percent
            }
            if cells:
                found[sheet.name] = cells
            book.unload_sheet(index)
        return found
    finally:
        book.release_resources()
