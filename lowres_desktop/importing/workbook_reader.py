"""Any results file as plain grids of values: .xlsx, .xls, .ods or CSV.

The kind of file is told by its first bytes, not by its name, because offices
rename files freely. Every container is weighed by `archive_guard` before a
library parses it. Reading goes through python-calamine (fast, .xlsx/.xls/.ods)
except for .xlsx files that use percent number formats or formulas: calamine
reports neither, so those are read with openpyxl, which resolves «40 %» stored
as 0.4 and tells a formula without a saved value from an empty cell.
Merged cells are filled with their top-left value in both paths.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import python_calamine
from defusedxml import ElementTree
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from lowres_desktop.importing.archive_guard import LIMITS, Limits, check_archive, check_file_size
from lowres_desktop.importing.percent_cells import PercentCells, ods_percent_cells, xls_percent_cells
from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.importing.values import FormulaWithoutValue

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_PERCENT_BUILTIN = {9, 10}
_FORMULA_NAME = re.compile(rb"f[ >/]")
_TAG_OPENED = re.compile(rb"<(?:\w+:)?\Z")
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


def read_workbook(path: Path, limits: Limits = LIMITS) -> list[SheetGrid]:
    """Every sheet of the file; raises FileRejected (in Russian, naming the file) when it cannot be read."""
    path = Path(path)
    check_file_size(path, limits)
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as error:
        raise FileRejected(path.name, f"Файл не удалось открыть: {error.strerror}.") from error
    if head.startswith(_ZIP):
        check_archive(path, limits)
        return _read_zip(path)
    if head.startswith(_OLE):
        if _ENCRYPTED in head:
            raise FileRejected(
                path.name, "Книга защищена паролем: снимите защиту в Excel и сохраните файл заново."
            )
        return _read_calamine(path, "Формат .xls (Excel 97–2003)", lambda: xls_percent_cells(path))
    if head.startswith(_OLE[:4]):
        raise FileRejected(path.name, "Файл .xls повреждён или обрезан.")
    if path.suffix.lower() in {".csv", ".txt"}:
        return [read_csv(path, limits)]
    raise FileRejected(
        path.name,
        "Файл не удалось прочитать как книгу Excel (.xlsx, .xls), таблицу OpenDocument (.ods) "
        "или CSV: это не таблица.",
    )


def _read_zip(path: Path) -> list[SheetGrid]:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            if _needs_openpyxl(archive, names):
                return _read_openpyxl(path)
            return _read_calamine(path, "Книга Excel (.xlsx)")
        if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIME:
            return _read_calamine(
                path, "Таблица OpenDocument (.ods)", lambda: ods_percent_cells(archive, LIMITS.rows)
            )
        if "word/document.xml" in names:
            raise FileRejected(path.name, "Это документ Word, а не таблица.")
    raise FileRejected(
        path.name, "Файл не удалось прочитать как книгу Excel (.xlsx): это архив другого вида."
    )


def _needs_openpyxl(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """True when some cell may be percent-formatted or hold a formula."""
    for name in names:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            with archive.open(name) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    if _has_formula(tail + chunk):
                        return True
                    tail = chunk[-32:]
    if "xl/styles.xml" not in names:
        return False
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except Exception:  # noqa: BLE001 - a broken styles part is openpyxl's to report
        return True
    percent = set(_PERCENT_BUILTIN)
    for element in root.iter():
        if element.tag.endswith("}numFmt") and "%" in (element.get("formatCode") or ""):
            percent.add(int(element.get("numFmtId", "-1")))
    for element in root.iter():
        if element.tag.endswith("}cellXfs"):
            for xf in element:
                if int(xf.get("numFmtId", "0")) in percent:
                    return True
    return False


def _has_formula(xml: bytes) -> bool:
    """Whether worksheet XML holds a formula element (<f>, <f …>, <f/>, or <x:f> with a prefix).

    Looks for «f» followed by a delimiter first and only then at what opens it: a letter
    «f» is rare in sheet XML while «<» starts every element, so this is ten times faster
    than one pattern starting with «<» on a region's sheet.
    """
    return any(
        _TAG_OPENED.search(xml, max(match.start() - 32, 0), match.start())
        for match in _FORMULA_NAME.finditer(xml)
    )


def _plain(value: object) -> object:
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _read_calamine(
    path: Path, what: str, percent_cells: Callable[[], PercentCells] = dict
) -> list[SheetGrid]:
    """Every worksheet through calamine; `percent_cells` says which cells to scale by 100."""
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as error:
        raise FileRejected(
            path.name, "Книга защищена паролем: снимите защиту и сохраните файл заново."
        ) from error
    except (python_calamine.CalamineError, ValueError, OSError) as error:
        raise FileRejected(path.name, f"{what}: файл повреждён и не читается ({error}).") from error
    sheets: list[tuple[SheetGrid, list[tuple[tuple[int, int], tuple[int, int]]]]] = []
    try:
        for metadata in workbook.sheets_metadata:
            if metadata.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.get_sheet_by_name(metadata.name)
            if sheet.height > LIMITS.rows:
                raise FileRejected(path.name, f"На листе «{metadata.name}» больше {LIMITS.rows} строк.")
            rows = [[_plain(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            merged = [((a, b), (c, d)) for (a, b), (c, d) in sheet.merged_cell_ranges or []]
            sheets.append((SheetGrid(metadata.name, rows), merged))
    except (python_calamine.CalamineError, ValueError) as error:
        raise FileRejected(path.name, f"{what}: лист не читается ({error}).") from error
    finally:
        workbook.close()
    try:
        percent = percent_cells()
    except Exception as error:  # noqa: BLE001 - any failure of the second reader means: formats unknown
        raise FileRejected(
            path.name,
            f"{what}: не удалось прочитать форматы ячеек, и проценты нельзя отличить от долей ({error}). "
            "Сохраните файл в формате .xlsx и импортируйте его.",
        ) from error
    for grid, merged in sheets:
        _scale_percent_cells(grid.rows, percent.get(grid.name, set()))
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


def _read_openpyxl(path: Path) -> list[SheetGrid]:
    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileRejected(
            path.name, f"Файл не удалось прочитать как книгу Excel (.xlsx): {error}"
        ) from error
    sheets = []
    for sheet, formula_sheet in zip(values.worksheets, formulas.worksheets, strict=True):
        rows: list[list[object]] = []
        for row, formula_row in zip(sheet.iter_rows(), formula_sheet.iter_rows(), strict=True):
            cells: list[object] = []
            for cell, formula_cell in zip(row, formula_row, strict=True):
                value = cell.value
                if value is None and formula_cell.data_type == "f":
                    value = FormulaWithoutValue(str(formula_cell.value))
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    if "%" in (cell.number_format or ""):
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


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, otherwise Windows-1251 as Russian offices save."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError as error:
        raise FileRejected(path.name, "Текст файла не в кодировке UTF-8 или Windows-1251.") from error


def read_csv(path: Path, limits: Limits = LIMITS) -> SheetGrid:
    """A CSV file as one grid; the delimiter is the one of «;», tab or «,» most used in its first lines."""
    text = decode_text(path, path.read_bytes())
    if "\x00" in text:
        raise FileRejected(path.name, "Файл содержит двоичные данные: это не CSV.")
    sample = text[:20000].splitlines()[:30]
    delimiter = max([";", "\t", ","], key=lambda d: sum(line.count(d) for line in sample))
    rows: list[list[object]] = []
    try:
        for number, fields in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
            if number > limits.rows:
                raise FileRejected(path.name, f"В файле больше {limits.rows} строк.")
            rows.append([field if field.strip() else None for field in fields])
    except csv.Error as error:
        raise FileRejected(path.name, f"CSV не читается: {error}.") from error
    return SheetGrid(path.stem[:31] or "CSV", rows)
