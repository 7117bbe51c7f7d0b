"""Refuse hostile or oversized files before any spreadsheet library opens them.

Neither openpyxl nor python-calamine refuses a zip bomb by itself, and a
sheet of a million rows costs both of them seconds and hundreds of megabytes.
So every file is first weighed here, cheaply: its size on disk, and for a zip
container (.xlsx, .ods) the number of entries, their total unpacked size, the
compression ratio of every large entry, XML document type declarations (the
door to entity bombs) and the number of rows each sheet declares. A refused
file costs at most one streaming pass over its sheets, in fixed memory.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lowres_desktop.importing.problems import FileRejected


@dataclass(frozen=True)
class Limits:
    """What a results file from an education office can reasonably hold."""

    file_bytes: int = 100 * 1024 * 1024
    entries: int = 2_000
    unpacked_bytes: int = 400 * 1024 * 1024
    ratio: int = 150
    """Largest unpacked/packed ratio allowed for an entry bigger than `ratio_floor` bytes."""
    ratio_floor: int = 2 * 1024 * 1024
    rows: int = 100_000
    """Rows per sheet: a whole country has about 40,000 schools."""


LIMITS = Limits()
_CHUNK = 1 << 20
_SHEET_PART = re.compile(r"^xl/worksheets/sheet\d+\.xml$")
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} МБ"


def check_file_size(path: Path, limits: Limits = LIMITS) -> int:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise FileRejected(path.name, f"Файл не удалось открыть: {error.strerror}.") from error
    if size > limits.file_bytes:
        raise FileRejected(
            path.name,
            f"Файл слишком большой: {_mb(size)} (допускается до {_mb(limits.file_bytes)}).",
        )
    if size == 0:
        raise FileRejected(path.name, "Файл пустой (0 байт).")
    return size


def check_archive(path: Path, limits: Limits = LIMITS) -> None:
    """Raise FileRejected unless the zip container is safe to hand to a reader."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > limits.entries:
                raise FileRejected(
                    path.name,
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
                            path.name,
                            f"Часть «{info.filename}» распаковывается в {_mb(info.file_size)} "
                            f"(сжатие в {ratio:.0f} раз): похоже на «zip-бомбу», файл не открыт.",
                        )
            if total > limits.unpacked_bytes:
                raise FileRejected(
                    path.name,
                    f"Книга распаковывается в {_mb(total)} (допускается до {_mb(limits.unpacked_bytes)}).",
                )
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    _check_xml_part(path, archive, info, limits)
    except zipfile.BadZipFile as error:
        raise FileRejected(
            path.name, f"Файл повреждён или обрезан: архив книги не читается ({error})."
        ) from error
    except (OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise FileRejected(path.name, f"Архив книги не читается: {error}.") from error


def _check_xml_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    """Refuse DTDs anywhere in a part, and count the rows of worksheet parts, in one streaming pass."""
    count_rows = bool(_SHEET_PART.match(info.filename)) or info.filename == "content.xml"
    row_tag = b"<row " if info.filename.startswith("xl/") else b"<table:table-row"
    rows = 0
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            data = tail + chunk
            if _DECLARATION.search(data):
                raise FileRejected(
                    path.name,
                    f"Часть «{info.filename}» содержит объявление DOCTYPE/ENTITY: такие файлы "
                    "не открываются (защита от «XML-бомб»).",
                )
            if count_rows:
                rows += data.count(row_tag) - tail.count(row_tag)
                if rows > limits.rows:
                    raise FileRejected(
                        path.name,
                        f"В листе ({info.filename}) больше {limits.rows} строк: "
                        "такой файл не похож на таблицу результатов школ.",
                    )
            tail = data[-32:]
