"""Weigh an Excel 97–2003 workbook before calamine or xlrd opens it.

An .xls sheet tells its size in a DIMENSIONS record and every cell record
carries its row and column; calamine allocates the grid from them, so a 30 KB
file that claims row 65535 and column 255 costs it 1.4 GB. Walking the BIFF
records of the Workbook stream is cheap (a few bytes a record, no values
decoded), and gives what archive_guard gives for .xlsx: each sheet's extent,
the text its shared-string cells expand to, and where its error cells are.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field

from lowres_desktop.importing.archive_guard import LIMITS, Limits, SheetExtent, check_extent
from lowres_desktop.importing.problems import FileRejected, unreadable

_BOF = 0x0809
_EOF = 0x000A
_BOUNDSHEET = 0x0085
_SST = 0x00FC
_CONTINUE = 0x003C
_DIMENSIONS = 0x0200
_LABELSST = 0x00FD
_BOOLERR = 0x0205
_MULRK = 0x00BD
_MULBLANK = 0x00BE
_FORMULA = 0x0006
_CELLS = {0x0203, 0x027E, 0x0201, 0x0204, _FORMULA, _LABELSST, _BOOLERR, 0x00D6}
"""NUMBER, RK, BLANK, LABEL, FORMULA, LABELSST, BOOLERR, RSTRING: row and column first."""
_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}


@dataclass
class XlsFacts:
    sheets: dict[str, SheetExtent] = field(default_factory=dict)
    errors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    """Error cells per sheet: (row, column) 0-based → the error as Excel shows it."""


def check_xls(name: str, data: bytes, limits: Limits = LIMITS) -> XlsFacts:
    """Raise FileRejected unless every sheet of the workbook fits the limits."""
    # Imported here, as in percent_cells: an .xlsx import does not pay for xlrd.
    from xlrd import compdoc  # type: ignore[import-untyped]

    try:
        stream = compdoc.CompDoc(data, logfile=io.StringIO()).get_named_stream("Workbook")
    except (compdoc.CompDocError, IndexError, struct.error, ValueError) as error:
        raise unreadable(name, "Файл .xls повреждён или обрезан.", error) from error
    if stream is None:
        raise FileRejected(name, "Файл .xls повреждён или обрезан: в нём нет книги Excel.")
    titles = _sheet_titles(stream)
    text_sizes = _shared_string_sizes(stream)
    facts = XlsFacts()
    for offset, title in titles:
        extent, errors = _scan_sheet(stream, offset, text_sizes, limits)
        check_extent(name, title, extent, limits)
        facts.sheets[title] = extent
        if errors:
            facts.errors[title] = errors
    return facts


def _records(stream: bytes, offset: int = 0):  # type: ignore[no-untyped-def]
    end = len(stream)
    while offset + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, offset + 4, length
        offset += 4 + length


def _sheet_titles(stream: bytes) -> list[tuple[int, str]]:
    titles = []
    for kind, start, length in _records(stream):
        if kind == _BOUNDSHEET and length >= 8:
            position = struct.unpack_from("<I", stream, start)[0]
            if stream[start + 5] == 0:  # a worksheet, not a chart or a macro sheet
                count, flags = stream[start + 6], stream[start + 7]
                raw = stream[start + 8 : start + 8 + count * (2 if flags & 1 else 1)]
                titles.append((position, raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")))
        elif kind == _EOF:
            break
    return titles


def _shared_string_sizes(stream: bytes) -> list[int]:
    """Length in characters of every shared string (SST with its CONTINUE records)."""
    pieces: list[bytes] = []
    count = 0
    for kind, start, length in _records(stream):
        if kind == _SST:
            count = struct.unpack_from("<I", stream, start + 4)[0]
            pieces = [stream[start + 8 : start + length]]
        elif kind == _CONTINUE and pieces:
            pieces.append(stream[start : start + length])
        elif pieces:
            break
        elif kind == _EOF:
            break
    if not pieces:
        return []
    from xlrd.book import unpack_SST_table  # type: ignore[import-untyped]

    try:
        return [len(text) for text in unpack_SST_table(pieces, count)]
    except (IndexError, struct.error, UnicodeDecodeError, ValueError):
        return []


def _scan_sheet(
    stream: bytes, offset: int, text_sizes: list[int], limits: Limits
) -> tuple[SheetExtent, dict[tuple[int, int], str]]:
    extent = SheetExtent()
    errors: dict[tuple[int, int], str] = {}
    known = len(text_sizes)
    for kind, start, length in _records(stream, offset):
        if kind == _EOF:
            break
        if kind == _DIMENSIONS and length >= 12:
            _first_row, last_row, _first_col, last_col = struct.unpack_from("<IIHH", stream, start)
            extent.rows = max(extent.rows, last_row)
            extent.columns = max(extent.columns, last_col)
        elif kind in _CELLS and length >= 4:
            row, column = struct.unpack_from("<HH", stream, start)
            extent.rows = max(extent.rows, row + 1)
            extent.columns = max(extent.columns, column + 1)
            extent.cells += 1
            if kind == _LABELSST and length >= 10:
                index = struct.unpack_from("<I", stream, start + 6)[0]
                extent.text_bytes += 2 * text_sizes[index] if index < known else 0
            elif kind == _BOOLERR and length >= 8 and stream[start + 7] == 1:
                errors[(row, column)] = _ERRORS.get(stream[start + 6], "#ОШИБКА")
            elif kind == _FORMULA and length >= 14 and stream[start + 6] == 2 and _no_number(stream, start):
                errors[(row, column)] = _ERRORS.get(stream[start + 8], "#ОШИБКА")
        elif kind in (_MULRK, _MULBLANK) and length >= 6:
            row, first = struct.unpack_from("<HH", stream, start)
            last = struct.unpack_from("<H", stream, start + length - 2)[0]
            extent.rows = max(extent.rows, row + 1)
            extent.columns = max(extent.columns, last + 1)
            extent.cells += max(last - first + 1, 0)
        if extent.text_bytes > limits.text_bytes:
            break
    return extent, errors


def _no_number(stream: bytes, start: int) -> bool:
    """A FORMULA record's cached result is a number unless its last two bytes are 0xFFFF."""
    return stream[start + 12 : start + 14] == b"\xff\xff"
