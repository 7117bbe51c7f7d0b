"""Any results file as plain grids of values: .xlsx, .xls, .ods or CSV.

The file is read from disk once, into bytes, and everything else works on
those bytes: the SHA-256 kept in the import journal is of exactly what was
parsed, even if someone saves the file again meanwhile. The kind of file is
told by its first bytes, not by its name, because offices rename files freely.
Every container is weighed (`archive_guard`, `xls_guard`) before a library
parses it, so no sheet is allocated past the documented limits. Reading goes
through python-calamine (fast, .xlsx/.xls/.ods) except for .xlsx files that use
percent number formats, formulas or error cells: calamine reports none of
them, so those are read with openpyxl, which resolves «40 %» stored as 0.4,
tells a formula without a saved value from an empty cell and an error cell
from an empty one. Merged cells are filled with their top-left value in both paths.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import python_calamine
from defusedxml import ElementTree

from lowres_desktop.files.faults import describe_os_error
from lowres_desktop.importing.archive_guard import (
    LIMITS,
    ArchiveFacts,
    Limits,
    check_archive,
    check_file_size,
)
from lowres_desktop.importing.percent_cells import (
    PercentCells,
    is_percent_format,
    ods_percent_cells,
    xls_percent_cells,
)
from lowres_desktop.importing.problems import FileRejected, unreadable
from lowres_desktop.importing.values import CellError, FormulaWithoutValue
from lowres_desktop.importing.xls_guard import check_xls

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PERCENT_BUILTIN = {9, 10}
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class SheetGrid:
    """Rows of values; row and column numbers in problems are 1-based like Excel's."""

    name: str
    rows: list[list[object]]

    def cell(self, row: int, column: int) -> object:
        if row - 1 >= len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column - 1] if column - 1 < len(cells) else None


@dataclass(frozen=True)
class WorkbookFile:
    """A file as read once: its name, the SHA-256 of the bytes parsed, and its sheets."""

    name: str
    sha256: str
    sheets: list[SheetGrid]


def read_file(path: Path, limits: Limits = LIMITS) -> WorkbookFile:
    """Read the file's bytes once and parse them; raises FileRejected (in Russian, naming the file)."""
    path = Path(path)
    data = read_bounded(path, limits)
    return WorkbookFile(path.name, hashlib.sha256(data).hexdigest(), read_bytes(path.name, data, limits))


def read_workbook(path: Path, limits: Limits = LIMITS) -> list[SheetGrid]:
    """Every sheet of the file (see `read_file`)."""
    return read_file(path, limits).sheets


def read_bounded(path: Path, limits: Limits = LIMITS) -> bytes:
    """The file's bytes, refused before reading when it is larger than the limit."""
    try:
        with path.open("rb") as handle:
            check_file_size(path.name, os.fstat(handle.fileno()).st_size, limits)
            data = handle.read(limits.file_bytes + 1)
    except OSError as error:
        raise FileRejected(path.name, f"Файл не удалось открыть: {describe_os_error(error)}") from error
    check_file_size(path.name, len(data), limits)
    return data


def read_bytes(name: str, data: bytes, limits: Limits = LIMITS) -> list[SheetGrid]:
    """Every sheet of a file given as bytes; `name` is the file's name, for messages and CSV detection."""
    check_file_size(name, len(data), limits)
    if data.startswith(_ZIP):
        return _read_zip(name, data, limits)
    if data.startswith(_OLE):
        if _ENCRYPTED in data[:65536]:
            raise FileRejected(
                name, "Книга защищена паролем: снимите защиту в Excel и сохраните файл заново."
            )
        facts = check_xls(name, data, limits)
        return _read_calamine(
            name, data, "Формат .xls (Excel 97–2003)", limits, lambda: xls_percent_cells(data), facts.errors
        )
    if data.startswith(_OLE[:4]):
        raise FileRejected(name, "Файл .xls повреждён или обрезан.")
    if Path(name).suffix.lower() in {".csv", ".txt"}:
        return [read_csv_bytes(name, data, limits)]
    raise FileRejected(
        name,
        "Файл не удалось прочитать как книгу Excel (.xlsx, .xls), таблицу OpenDocument (.ods) "
        "или CSV: это не таблица.",
    )


def _read_zip(name: str, data: bytes, limits: Limits) -> list[SheetGrid]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise unreadable(name, "Файл повреждён или обрезан: архив книги не читается.", error) from error
    with archive:
        facts = check_archive(name, archive, limits)
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            if _needs_openpyxl(archive, names, facts):
                return _read_openpyxl(name, data)
            return _read_calamine(name, data, "Книга Excel (.xlsx)", limits)
        if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIME:
            percent = _ods_percent(name, archive, limits)
            return _read_calamine(name, data, "Таблица OpenDocument (.ods)", limits, lambda: percent)
        if "word/document.xml" in names:
            raise FileRejected(name, "Это документ Word, а не таблица.")
    raise FileRejected(name, "Файл не удалось прочитать как книгу Excel (.xlsx): это архив другого вида.")


def _ods_percent(name: str, archive: zipfile.ZipFile, limits: Limits) -> PercentCells:
    try:
        return ods_percent_cells(archive, limits.rows)
    except (ElementTree.ParseError, ValueError, OSError) as error:
        raise unreadable(name, "Таблица OpenDocument (.ods): файл повреждён и не читается.", error) from error


def _needs_openpyxl(archive: zipfile.ZipFile, names: set[str], facts: ArchiveFacts) -> bool:
    """True when some cell may be percent-formatted, hold a formula or an error."""
    if facts.formulas_or_errors:
        return True
    if "xl/styles.xml" not in names:
        return False
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except Exception:  # noqa: BLE001 - a broken styles part is openpyxl's to report
        return True
    percent = set(_PERCENT_BUILTIN)
    for element in root.iter():
        if element.tag.endswith("}numFmt") and is_percent_format(element.get("formatCode") or ""):
            percent.add(int(element.get("numFmtId", "-1")))
    for element in root.iter():
        if element.tag.endswith("}cellXfs"):
            for xf in element:
                if int(xf.get("numFmtId", "0")) in percent:
                    return True
    return False


def _plain(value: object) -> object:
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _read_calamine(
    name: str,
    data: bytes,
    what: str,
    limits: Limits,
    percent_cells: Callable[[], PercentCells] = dict,
    errors: dict[str, dict[tuple[int, int], str]] | None = None,
) -> list[SheetGrid]:
    """Every worksheet through calamine; `percent_cells` says which cells to scale by 100,
    `errors` which cells hold an error (calamine reads them as empty)."""
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as error:
        raise FileRejected(name, "Книга защищена паролем: снимите защиту и сохраните файл заново.") from error
    except (python_calamine.CalamineError, ValueError, OSError) as error:
        raise unreadable(name, f"{what}: файл повреждён и не читается.", error) from error
    sheets: list[tuple[SheetGrid, list[tuple[tuple[int, int], tuple[int, int]]]]] = []
    try:
        for metadata in workbook.sheets_metadata:
            if metadata.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.get_sheet_by_name(metadata.name)
            if sheet.height > limits.rows or sheet.width > limits.columns:
                raise FileRejected(
                    name,
                    f"На листе «{metadata.name}» {sheet.height} строк и {sheet.width} столбцов "
                    f"(допускается до {limits.rows} строк и {limits.columns} столбцов).",
                )
            rows = [[_plain(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            merged = [((a, b), (c, d)) for (a, b), (c, d) in sheet.merged_cell_ranges or []]
            sheets.append((SheetGrid(metadata.name, rows), merged))
    except (python_calamine.CalamineError, ValueError) as error:
        raise unreadable(name, f"{what}: лист повреждён и не читается.", error) from error
    finally:
        workbook.close()
    try:
        percent = percent_cells()
    except Exception as error:  # noqa: BLE001 - any failure of the second reader means: formats unknown
        reason = (
            f"{what}: не удалось прочитать форматы ячеек, и проценты нельзя отличить от долей. "
            "Сохраните файл в формате .xlsx и импортируйте его."
        )
        raise unreadable(name, reason, error) from error
    for grid, merged in sheets:
        _scale_percent_cells(grid.rows, percent.get(grid.name, set()))
        for (r, c), code in (errors or {}).get(grid.name, {}).items():
            if r < len(grid.rows) and c < len(grid.rows[r]):
                grid.rows[r][c] = CellError(code)
        _fill_merged(grid.rows, merged)
    return [grid for grid, _merged in sheets]


def _scale_percent_cells(rows: list[list[object]], cells: set[tuple[int, int]]) -> None:
    for r, c in cells:
        if r < len(rows) and c < len(rows[r]):
            value = rows[r][c]
            if isinstance(value, int | float) and not isinstance(value, bool):
                rows[r][c] = _plain(_percent_shown(value))


def _percent_shown(fraction: float) -> float:
    """A percent cell holds a fraction (0.125 shown as «12,5 %»): the percent it shows."""
    return round(fraction * 100, 10)


def _fill_merged(rows: list[list[object]], ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Copy each merged range's top-left value into its other cells (0-based corners)."""
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, len(rows[r]) - 1) + 1):
                rows[r][c] = value


def _read_openpyxl(name: str, data: bytes) -> list[SheetGrid]:
    # Imported here: openpyxl (with numpy, which it loads) is the slow path only some files need.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values = load_workbook(io.BytesIO(data), data_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileRejected(name, f"Файл не удалось прочитать как книгу Excel (.xlsx): {error}") from error
    sheets = []
    for sheet, formula_sheet in zip(values.worksheets, formulas.worksheets, strict=True):
        rows: list[list[object]] = []
        for row, formula_row in zip(sheet.iter_rows(), formula_sheet.iter_rows(), strict=True):
            cells: list[object] = []
            for cell, formula_cell in zip(row, formula_row, strict=True):
                value = cell.value
                if cell.data_type == "e" and value is not None:
                    value = CellError(str(value))
                elif value is None and formula_cell.data_type == "f":
                    value = FormulaWithoutValue(str(formula_cell.value))
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    if is_percent_format(cell.number_format or ""):
                        value = _percent_shown(value)
                cells.append(_plain(value) if isinstance(value, float | str) else value)
            rows.append(cells)
        ranges = [
            ((m.min_row - 1, m.min_col - 1), (m.max_row - 1, m.max_col - 1))
            for m in sheet.merged_cells.ranges
        ]
        _fill_merged(rows, ranges)
        sheets.append(SheetGrid(sheet.title, rows))
    values.close()
    formulas.close()
    return sheets


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(name: str, data: bytes) -> str:
    """UTF-16 when it says so (a BOM, as Excel's «Юникод-текст» writes, or every other byte zero),
    UTF-8 (with or without BOM) when it decodes, otherwise Windows-1251 as Russian offices save."""
    if data.startswith(_UTF16_BOMS) or _looks_utf16(data[:4096]):
        try:
            return data.decode("utf-16" if data.startswith(_UTF16_BOMS) else _utf16_order(data[:4096]))
        except UnicodeDecodeError as error:
            raise FileRejected(name, "Текст файла в кодировке UTF-16 повреждён.") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError as error:
        raise FileRejected(name, "Текст файла не в кодировке UTF-8, UTF-16 или Windows-1251.") from error


def _looks_utf16(head: bytes) -> bool:
    """Text without a BOM whose every other byte is zero: UTF-16 (binary junk has zeros everywhere)."""
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return (odd.count(0) == len(odd) and even.count(0) == 0) or (
        even.count(0) == len(even) and odd.count(0) == 0
    )


def _utf16_order(head: bytes) -> str:
    return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"


def read_csv_bytes(name: str, data: bytes, limits: Limits = LIMITS) -> SheetGrid:
    """A CSV file as one grid; the delimiter is the one of «;», tab or «,» most used in its first lines."""
    text = decode_text(name, data)
    if "\x00" in text:
        raise FileRejected(name, "Файл содержит двоичные данные: это не CSV.")
    sample = text[:20000].splitlines()[:30]
    delimiter = max([";", "\t", ","], key=lambda d: sum(line.count(d) for line in sample))
    rows: list[list[object]] = []
    try:
        for number, fields in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
            if number > limits.rows:
                raise FileRejected(name, f"В файле больше {limits.rows} строк.")
            if len(fields) > limits.columns:
                raise FileRejected(
                    name, f"В строке {number} {len(fields)} полей (допускается до {limits.columns} столбцов)."
                )
            rows.append([field if field.strip() else None for field in fields])
    except csv.Error as error:
        reason = (
            f"CSV не читается: в одной ячейке больше {csv.field_size_limit()} знаков, "
            "такой файл не похож на таблицу результатов."
            if "field larger" in str(error)
            else "CSV не читается: нарушены кавычки или разделители столбцов."
        )
        raise unreadable(name, reason, error) from error
    return SheetGrid(Path(name).stem[:31] or "CSV", rows)
