"""Refuse hostile or oversized files before any spreadsheet library opens them.

Neither openpyxl nor python-calamine refuses a zip bomb by itself, and both
allocate a dense grid as large as the farthest cell a sheet names: one cell at
XFD1048576 in a 2 KB file asks calamine for half a terabyte and kills the
process. Resource limits do not exist on Windows, so every file is weighed
here first, cheaply and on every platform: its size, and for a zip container
(.xlsx, .ods) the number of entries, their total unpacked size, the
compression ratio of every large entry, XML document type declarations (the
door to entity bombs), and for each worksheet the extent its cell, row and
merge references imply and the text its shared-string cells expand to. A
refused file costs one streaming pass over its parts, in fixed memory; the
same pass tells the reader whether a sheet holds formulas or error cells.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from array import array
from dataclasses import dataclass, field

from defusedxml import ElementTree

from lowres_desktop.importing.problems import FileRejected, column_letters, unreadable


@dataclass(frozen=True)
class Limits:
    """What a results file from an education office can reasonably hold (documented in the README)."""

    file_bytes: int = 100 * 1024 * 1024
    entries: int = 2_000
    unpacked_bytes: int = 400 * 1024 * 1024
    ratio: int = 150
    """Largest unpacked/packed ratio allowed for an entry bigger than `ratio_floor` bytes."""
    ratio_floor: int = 2 * 1024 * 1024
    rows: int = 100_000
    """Rows per sheet: a whole country has about 40,000 schools."""
    columns: int = 1_000
    """Columns per sheet: the widest real appendix has about 200."""
    cells: int = 5_000_000
    """Rows × columns of a sheet's used area: what a reader allocates as one dense grid."""
    text_bytes: int = 200 * 1024 * 1024
    """Text of a sheet once every shared-string cell holds its own copy, as the readers make them."""


LIMITS = Limits()


@dataclass
class SheetExtent:
    """What one worksheet names: its farthest row and column, its cells and their text."""

    rows: int = 0
    columns: int = 0
    cells: int = 0
    text_bytes: int = 0
    formulas: bool = False
    errors: bool = False


@dataclass
class ArchiveFacts:
    """What the guard learned on its pass, so the reader need not read the parts again."""

    sheets: dict[str, SheetExtent] = field(default_factory=dict)

    @property
    def formulas_or_errors(self) -> bool:
        return any(sheet.formulas or sheet.errors for sheet in self.sheets.values())


_CHUNK = 1 << 20
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Za-z]{1,4})(\d{1,8})"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_WITHOUT_REF = re.compile(rb'<(?:\w+:)?c(?=[\s>/])(?![^>]*\sr=")')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\sref="[A-Za-z]{1,4}\d{1,8}:([A-Za-z]{1,4})(\d{1,8})"')
_SHARED_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\st="s"[^>]*>\s*<(?:\w+:)?v>\s*(\d{1,9})\s*<')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\st="e"')
_SHARED_ITEM = re.compile(rb"<(?:\w+:)?si[\s>/]")
_TOKEN = re.compile(rb"<(?:\w+:)?(?:(row)\b|(c)[\s>/])|</(?:\w+:)?row>")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} МБ"


def column_number(letters: bytes | str) -> int:
    """«A» → 1, «XFD» → 16384."""
    number = 0
    for letter in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        number = number * 26 + ord(letter) - 64
    return number


def check_file_size(name: str, size: int, limits: Limits = LIMITS) -> None:
    if size > limits.file_bytes:
        raise FileRejected(
            name, f"Файл слишком большой: {_mb(size)} (допускается до {_mb(limits.file_bytes)})."
        )
    if size == 0:
        raise FileRejected(name, "Файл пустой (0 байт).")


def check_extent(name: str, sheet: str, extent: SheetExtent, limits: Limits = LIMITS) -> None:
    """Refuse a sheet whose dense grid or expanded text would not fit in an office PC's memory."""
    where = f"На листе «{sheet}»"
    if extent.rows > limits.rows:
        raise FileRejected(
            name,
            f"{where} есть строка {extent.rows} (допускается до {limits.rows} строк): "
            "такой файл не похож на таблицу результатов школ.",
        )
    if extent.columns > limits.columns:
        raise FileRejected(
            name,
            f"{where} есть столбец {extent.columns} (допускается до {limits.columns} столбцов): "
            "удалите лишние столбцы или сохраните только нужную таблицу.",
        )
    area = extent.rows * extent.columns
    if area > limits.cells or extent.cells > limits.cells:
        raise FileRejected(
            name,
            f"{where} занята область {extent.rows} × {extent.columns} ячеек "
            f"(допускается до {limits.cells:,} ячеек)".replace(",", " ")
            + ": удалите лишние строки и столбцы.",
        )
    if extent.text_bytes > limits.text_bytes:
        raise FileRejected(
            name,
            f"{where} текст ячеек занимает {_mb(extent.text_bytes)} "
            f"(допускается до {_mb(limits.text_bytes)}): одна и та же длинная строка повторена "
            "во множестве ячеек.",
        )


def check_archive(name: str, archive: zipfile.ZipFile, limits: Limits = LIMITS) -> ArchiveFacts:
    """Raise FileRejected unless the zip container is safe to hand to a reader."""
    try:
        infos = archive.infolist()
        if len(infos) > limits.entries:
            raise FileRejected(
                name,
                f"Архив книги содержит {len(infos)} частей (допускается до {limits.entries}): "
                "файл повреждён или создан намеренно.",
            )
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > limits.ratio_floor:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > limits.ratio:
                    raise FileRejected(
                        name,
                        f"Часть «{info.filename}» распаковывается в {_mb(info.file_size)} "
                        f"(сжатие в {ratio:.0f} раз): похоже на «zip-бомбу», файл не открыт.",
                    )
        if total > limits.unpacked_bytes:
            raise FileRejected(
                name, f"Книга распаковывается в {_mb(total)} (допускается до {_mb(limits.unpacked_bytes)})."
            )
        names = {info.filename for info in infos}
        titles = _sheet_titles(archive) if "xl/workbook.xml" in names else {}
        sheets = {info.filename for info in infos if _SHEET_PART.match(info.filename)} | set(titles)
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and info.filename not in sheets:
                _check_declarations(name, archive, info)
        if "content.xml" in names and "xl/workbook.xml" not in names:
            return _scan_ods(name, archive, limits)
        if "xl/workbook.xml" not in names:
            return ArchiveFacts()
        shared = _shared_string_sizes(name, archive) if "xl/sharedStrings.xml" in names else array("I")
        facts = ArchiveFacts()
        for info in infos:
            if info.filename in sheets:
                title = titles.get(info.filename, info.filename)
                extent = _scan_sheet(name, archive, info, shared, limits, title)
                check_extent(name, title, extent, limits)
                facts.sheets[title] = extent
        return facts
    except zipfile.BadZipFile as error:
        raise unreadable(name, "Файл повреждён или обрезан: архив книги не читается.", error) from error
    except (OSError, EOFError, NotImplementedError, RuntimeError) as error:
        reason = "Архив книги не читается: он повреждён, обрезан, зашифрован или сжат неизвестным способом."
        raise unreadable(name, reason, error) from error
    except ElementTree.ParseError as error:
        raise unreadable(name, "Таблица OpenDocument (.ods): файл повреждён и не читается.", error) from error


def _refuse_declaration(name: str, part: str) -> FileRejected:
    return FileRejected(
        name,
        f"Часть «{part}» содержит объявление DOCTYPE/ENTITY: такие файлы "
        "не открываются (защита от «XML-бомб»).",
    )


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str):  # type: ignore[no-untyped-def]
    """The part in pieces that end after a complete tag, so no pattern is cut in two."""
    carry = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            data = carry + chunk
            if b"<!" in data and _DECLARATION.search(data):
                raise _refuse_declaration(name, info.filename)
            end = data.rfind(b">") + 1
            if end == 0 and len(data) < 16 * _CHUNK:
                carry = data
                continue
            end = end or len(data)
            yield data[:end]
            carry = data[end:]
    if carry:
        yield carry


def _check_declarations(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    for _chunk in _chunks(archive, info, name):
        pass


def _shared_string_sizes(name: str, archive: zipfile.ZipFile) -> array:
    """The XML size of every shared string, in order: an upper bound of the text each one holds."""
    sizes = array("I")
    last: int | None = None
    offset = 0
    for chunk in _chunks(archive, archive.getinfo("xl/sharedStrings.xml"), name):
        for match in _SHARED_ITEM.finditer(chunk):
            start = offset + match.start()
            if last is not None:
                sizes.append(start - last)
            last = start
        offset += len(chunk)
    if last is not None:
        sizes.append(offset - last)
    return sizes


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name, from workbook.xml and its relationships (empty if unreadable)."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # noqa: BLE001 - a broken workbook part is the reader's to report
        return {}
    targets = {}
    for rel in rels.iter():
        if rel.tag.endswith("}Relationship") and rel.get("Target"):
            raw = rel.get("Target", "")
            full = raw.lstrip("/") if raw.startswith("/") else "xl/" + raw
            targets[rel.get("Id")] = posixpath.normpath(full)
    titles = {}
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet"):
            rel_id = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            if rel_id in targets:
                titles[targets[rel_id]] = sheet.get("name", "")
    return titles


def _scan_sheet(
    name: str,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    shared: array,
    limits: Limits,
    title: str,
) -> SheetExtent:
    """One streaming pass over a worksheet part: the extent a reader would allocate for it.

    Excel, LibreOffice and openpyxl write every cell as `<c r="B7" …>` and every row as
    `<row r="7" …>`; such a chunk is measured with literal-prefixed patterns and byte counts,
    a few milliseconds a megabyte. Anything else (namespace prefixes, `r` after other
    attributes, cells or rows without a reference) takes the general patterns.
    """
    extent = SheetExtent()
    row = column = 0
    count = len(shared)
    largest = max(shared, default=0)
    positional = False
    for data in _chunks(archive, info, name):
        plain = _plainly_written(data)
        if not extent.formulas and _has_plain_formula(data):
            extent.formulas = True
        if not extent.errors and b't="e"' in data and _ERROR_CELL.search(data):
            extent.errors = True
        if plain:
            extent.cells += data.count(b'<c r="')
            _measure_plain(data, extent)
        else:
            extent.cells += len(_CELL.findall(data))
            positional = positional or bool(_CELL_WITHOUT_REF.search(data))
            if positional:
                row, column = _count_positions(data, extent, row, column)
            else:
                for attributes in _ROW.findall(data):
                    number = _ROW_NUMBER.search(attributes)
                    row = int(number.group(1)) if number else row + 1
                    extent.rows = max(extent.rows, row)
            refs = _CELL_REF.findall(data)
            if refs:
                extent.rows = max(extent.rows, max(int(digits) for _letters, digits in refs))
                extent.columns = max(extent.columns, max(column_number(c) for c in {c for c, _d in refs}))
        if b"mergeCell" in data:
            for letters, digits in _MERGE.findall(data):
                extent.rows = max(extent.rows, int(digits))
                extent.columns = max(extent.columns, column_number(letters))
        shared_cells = data.count(b't="s"')
        if shared_cells and extent.text_bytes + shared_cells * largest > limits.text_bytes:
            for index in _SHARED_CELL.findall(data):
                position = int(index)
                extent.text_bytes += shared[position] if position < count else 0
        else:
            extent.text_bytes += shared_cells * largest  # an upper bound, within the limit
        check_extent(name, title, extent, limits)
    return extent


_PLAIN_CELL = re.compile(rb'<c r="[A-Z]{1,3}(\d{1,7})"')
_PLAIN_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})')
_PLAIN_ROW = re.compile(rb'<row r="(\d{1,7})"')


def _plainly_written(data: bytes) -> bool:
    """Whether every cell of the chunk starts with its reference, as spreadsheet programs write.

    (Rows need not: a reader places cells by their own references.)"""
    return (
        data.count(b"<c ") == data.count(b'<c r="')
        and b"<c>" not in data
        and b"<c/" not in data
        and b":c " not in data
        and _CELL_REF_UNUSUAL.search(data) is None
    )


_CELL_REF_UNUSUAL = re.compile(rb'<c r="(?![A-Z]{1,3}\d{1,7}")')
"""A reference the plain patterns would misread (lower case, four letters, eight digits)."""


def _has_plain_formula(data: bytes) -> bool:
    return (b"<f" in data or b":f" in data) and _FORMULA.search(data) is not None


def _measure_plain(data: bytes, extent: SheetExtent) -> None:
    """Rows from the row elements, then cells only where one lies beyond what is known.

    A cell beyond the farthest row or column known so far is looked for with one
    search (`_beyond`); only when there is one are all references listed. A file
    whose cells agree with its rows, as every program writes them, is measured by
    its rows and one search per chunk.
    """
    rows = _PLAIN_ROW.findall(data)
    if rows:
        extent.rows = max(extent.rows, max(map(int, set(rows))))
    farther_row = _beyond(b"[0-9]", str(extent.rows).encode(), 7, b'<c r="[A-Z]{1,3}', b'"')
    if extent.rows == 0 or farther_row.search(data):
        numbers = set(_PLAIN_CELL.findall(data))
        if numbers:
            extent.rows = max(extent.rows, max(map(int, numbers)))
    known = column_letters(extent.columns).encode()
    if extent.columns == 0 or _beyond(b"[A-Z]", known, 3, b'<c r="', b"[0-9]").search(data):
        letters = set(_PLAIN_COLUMN.findall(data))
        if letters:
            extent.columns = max(extent.columns, max(column_number(c) for c in letters))


@functools.lru_cache(maxsize=64)
def _beyond(symbol: bytes, value: bytes, longest: int, before: bytes, after: bytes) -> re.Pattern[bytes]:
    """A pattern for a token (digits or capital letters) greater than `value`, between `before` and
    `after`: any longer token, or one of the same length that is larger at its first difference."""
    high = symbol[3:4]
    choices = [symbol + b"{%d,%d}" % (len(value) + 1, longest)] if len(value) < longest else []
    for position, current in enumerate(value):
        if current < high[0]:
            rest = len(value) - position - 1
            choices.append(
                re.escape(value[:position])
                + b"["
                + bytes([current + 1])
                + b"-"
                + high
                + b"]"
                + (symbol + b"{%d}" % rest if rest else b"")
            )
    return re.compile(before + b"(?:" + b"|".join(choices or [b"(?!)"]) + b")" + after)


def _count_positions(data: bytes, extent: SheetExtent, row: int, column: int) -> tuple[int, int]:
    """Rows and columns counted one element at a time, for cells that give no reference."""
    for match in _TOKEN.finditer(data):
        if match.group(1):
            number = _ROW_NUMBER.search(data, match.end(), data.find(b">", match.end()) + 1)
            row = int(number.group(1)) if number else row + 1
            column = 0
            extent.rows = max(extent.rows, row)
        elif match.group(2):
            reference = _CELL_REF.match(data, match.start())
            column = column_number(reference.group(1)) if reference else column + 1
            extent.columns = max(extent.columns, column)
    return row, column


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _scan_ods(name: str, archive: zipfile.ZipFile, limits: Limits) -> ArchiveFacts:
    """The extent of every table of an OpenDocument spreadsheet, repeat counts multiplied out.

    LibreOffice ends a sheet with an empty row repeated a million times, which no
    reader expands; a repeated cell that holds a value is expanded, so only those count.
    """
    facts = ArchiveFacts()
    extent = SheetExtent()
    title = ""
    row = 0
    row_repeat = 1
    column = 0
    row_width = 0
    with archive.open("content.xml") as part:
        for event, element in ElementTree.iterparse(part, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _TABLE + "table":
                    title = element.get(_TABLE + "name", "")
                    extent = facts.sheets.setdefault(title, SheetExtent())
                    row = 0
                elif tag == _TABLE + "table-row":
                    row_repeat = int(element.get(_TABLE + "number-rows-repeated", "1"))
                    column = row_width = 0
                elif tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                    repeat = int(element.get(_TABLE + "number-columns-repeated", "1"))
                    column += repeat
                    if element.get(_OFFICE + "value-type") or element.get(_TABLE + "formula"):
                        row_width = column
                        extent.cells += repeat * row_repeat
                    if element.get(_TABLE + "formula"):
                        extent.formulas = True
            elif tag == _TABLE + "table-row":
                if row_width:
                    extent.rows = row + row_repeat
                    extent.columns = max(extent.columns, row_width)
                row += row_repeat
                element.clear()
                check_extent(name, title, extent, limits)
    return facts
