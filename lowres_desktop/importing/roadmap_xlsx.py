"""Roadmaps to and from Excel: one documented layout, read back by the same module that writes it.

The layout written (and read) — sheet «Дорожная карта»:

    rows 1–9, column A a label, column B its value:
        Название | Уровень (муниципальная / школьная) | Школа (логин) | Период («2020–2024»)
        | Документ («приказ») | Номер | Дата (ДД.ММ.ГГГГ) | Издал | Нумерация («1, 2, …» / «1.1, 1.2, …»)
    row 11, the table header:
        № | Мероприятия | Сроки исполнения | Начало | Окончание | Ответственные исполнители | Школы (логины)
    then one row per section — its title, «1. Организационные мероприятия», alone in column A
    (merged across the table) — followed by one row per item. Several executors are separated by
    «; », several school logins by «, ». The measure keeps its line breaks («- » bullet lines).
    «Начало» and «Окончание» are filled when the dates were typed rather than read from the words.

Sheet «Показатели» (optional): № | Наименование показателя | Источник данных | Единица
| Целевое значение | Целевое значение (как в приказе) | Год | Чем больше, тем лучше | По школам.

Plans typed by hand need not follow it exactly: the header row is found by its words
(«Мероприятия», «Срок…», «Ответственные…»/«Исполнители») anywhere in the first 30 rows, the label
block is optional (the title is then the text above the table, or the file name), a section is a
row with text in one cell only, executors may be separated by commas (names in the directory are
recognised even when they contain commas), and the period is taken from the title («на 2020-2024
годы») or from the deadlines.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from lowres_desktop.domain.deadlines import Period, format_date
from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.roadmaps import (
    ApprovalOrder,
    Indicator,
    Numbering,
    Roadmap,
    RoadmapItem,
    RoadmapLevel,
    RoadmapSection,
    item_number,
    split_executors,
    with_parsed_dates,
)
from lowres_desktop.files.atomic import atomic_file
from lowres_desktop.files.cells import write_cell
from lowres_desktop.importing.archive_guard import check_archive
from lowres_desktop.importing.workbook_reader import read_bounded

ROADMAP_SHEET = "Дорожная карта"
INDICATORS_SHEET = "Показатели"
LABELS = ("Название", "Уровень", "Школа (логин)", "Период", "Документ", "Номер", "Дата", "Издал", "Нумерация")
HEADER_ROW = 11
HEADERS = (
    "№",
    "Мероприятия",
    "Сроки исполнения",
    "Начало",
    "Окончание",
    "Ответственные исполнители",
    "Школы (логины)",
)
INDICATOR_HEADERS = (
    "№",
    "Наименование показателя",
    "Источник данных",
    "Единица",
    "Целевое значение",
    "Целевое значение (как в приказе)",
    "Год",
    "Чем больше, тем лучше",
    "По школам",
)
LEVEL_WORDS = {RoadmapLevel.MUNICIPAL: "муниципальная", RoadmapLevel.SCHOOL: "школьная"}
NUMBERING_WORDS = {Numbering.FLAT: "1, 2, …", Numbering.NESTED: "1.1, 1.2, …"}
_WIDTHS = (7, 70, 22, 12, 12, 34, 20)
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SECTION_FILL = PatternFill("solid", fgColor="E8EEF7")


# --- writing ----------------------------------------------------------------------------------


def write_roadmap_xlsx(roadmap: Roadmap, path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ROADMAP_SHEET
    values: list[Any] = [
        roadmap.title,
        LEVEL_WORDS[roadmap.level],
        roadmap.school_login or "",
        roadmap.period.text(),
        roadmap.order.kind,
        roadmap.order.number,
        format_date(roadmap.order.date),
        roadmap.order.issuer,
        NUMBERING_WORDS[roadmap.numbering],
    ]
    for row, (label, value) in enumerate(zip(LABELS, values, strict=True), start=1):
        write_cell(sheet, row, 1, label).font = Font(bold=True)
        write_cell(sheet, row, 2, value)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(HEADERS))
    sheet.cell(1, 2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 45
    for column, (title, width) in enumerate(zip(HEADERS, _WIDTHS, strict=True), start=1):
        cell = write_cell(sheet, HEADER_ROW, column, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    row = HEADER_ROW + 1
    for s, section in enumerate(roadmap.sections):
        cell = write_cell(sheet, row, 1, f"{s + 1}. {section.title}")
        cell.font = Font(bold=True)
        cell.fill = _SECTION_FILL
        cell.alignment = Alignment(wrap_text=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
        row += 1
        for i, item in enumerate(section.items):
            cells = [
                item_number(roadmap.numbering, s, i),
                item.text,
                item.deadline_text,
                item.starts_on if item.dates_manual else None,
                item.ends_on if item.dates_manual else None,
                "; ".join(item.executors),
                ", ".join(item.schools),
            ]
            for column, value in enumerate(cells, start=1):
                cell = write_cell(sheet, row, column, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.border = _BORDER
                if isinstance(value, date):
                    cell.number_format = "DD.MM.YYYY"
            row += 1
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if roadmap.indicators:
        _write_indicators(workbook, roadmap.indicators)
    with atomic_file(Path(path)) as handle:
        workbook.save(handle)


def _write_indicators(workbook: Workbook, indicators: Iterable[Indicator]) -> None:
    sheet = workbook.create_sheet(INDICATORS_SHEET)
    for column, title in enumerate(INDICATOR_HEADERS, start=1):
        cell = write_cell(sheet, 1, column, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for column, width in enumerate((5, 70, 30, 9, 12, 14, 8, 12, 10), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row, indicator in enumerate(indicators, start=2):
        values = (
            row - 1,
            indicator.name,
            indicator.source,
            indicator.unit,
            indicator.target_value,
            indicator.target_text,
            indicator.target_year,
            "да" if indicator.higher_is_better else "нет",
            "да" if indicator.per_school else "нет",
        )
        for column, value in enumerate(values, start=1):
            write_cell(sheet, row, column, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedRoadmap:
    roadmap: Roadmap
    warnings: list[str]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").strip()


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match is None:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    return date(year, month, day)


_HEADER_WORDS = {
    "number": re.compile(r"^№|п/п", re.I),
    "text": re.compile(r"мероприят|содержание|направлени", re.I),
    "deadline": re.compile(r"срок", re.I),
    "start": re.compile(r"^начало", re.I),
    "end": re.compile(r"^окончани", re.I),
    "executors": re.compile(r"ответствен|исполнит", re.I),
    "schools": re.compile(r"школ|логин", re.I),
}


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:30]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            for key, pattern in _HEADER_WORDS.items():
                if key not in columns and cell and pattern.search(cell):
                    columns[key] = column
                    break
        if "text" in columns and ("deadline" in columns or "executors" in columns):
            return index, columns
    return None


def _period_from(texts: Iterable[str]) -> Period | None:
    for text in texts:
        match = re.search(r"на\s+(\d{4})\s*[-–—]\s*(\d{4})", text) or re.search(r"на\s+(\d{4})\s+год", text)
        if match:
            years = [int(g) for g in match.groups()]
            return Period(years[0], years[-1])
    return None


def _labelled(rows: list[list[str]], header_index: int) -> dict[str, str]:
    found = {}
    for row in rows[:header_index]:
        cells = [c for c in row if c]
        if len(cells) >= 2 and cells[0] in LABELS:
            found[cells[0]] = cells[1]
    return found


def read_roadmap_xlsx(path: Path, known_executors: Iterable[str] = ()) -> ParsedRoadmap:
    """Read a roadmap in the layout above (or close to it); raises DomainError when there is none."""
    data = read_bounded(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(path.name, archive)
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except DomainError:
        raise
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise DomainError(
            f"Файл «{path.name}» не удалось открыть как книгу Excel (.xlsx): {error}"
        ) from error
    sheet = workbook[ROADMAP_SHEET] if ROADMAP_SHEET in workbook.sheetnames else workbook.worksheets[0]
    raw = [list(row) for row in sheet.iter_rows(values_only=True)]
    rows = [[_text(v) for v in row] for row in raw]
    header = _find_header(rows)
    if header is None:
        raise DomainError(
            f"В файле «{path.name}» (лист «{sheet.title}») не найдена строка заголовка таблицы "
            "с графами «Мероприятия», «Сроки исполнения», «Ответственные исполнители»."
        )
    header_index, columns = header
    labels = _labelled(rows, header_index)
    warnings: list[str] = []
    known = list(known_executors)

    def cell(row: list[str], key: str) -> str:
        column = columns.get(key)
        return row[column] if column is not None and column < len(row) else ""

    sections: list[RoadmapSection] = []
    numbers: list[str] = []
    manual_dates: dict[tuple[int, int], tuple[date | None, date | None]] = {}
    for offset, row in enumerate(rows[header_index + 1 :]):
        filled = [c for c in row if c]
        if not filled:
            continue
        text = cell(row, "text")
        number = cell(row, "number")
        if len(filled) == 1 and not re.fullmatch(r"\d+(\.\d+)*\.?", filled[0]):
            title = re.sub(r"^\s*\d+(\.\d+)*\.?\s+", "", filled[0])
            sections.append(RoadmapSection(title))
            continue
        if not text:
            warnings.append(f"Строка {header_index + offset + 2}: нет текста мероприятия, строка пропущена.")
            continue
        if not sections:
            sections.append(RoadmapSection("Мероприятия"))
        item = RoadmapItem(
            text=text,
            deadline_text=cell(row, "deadline"),
            executors=split_executors(cell(row, "executors"), known),
            schools=tuple(s for s in re.split(r"[,;\s]+", cell(row, "schools")) if s),
        )
        sections[-1] = replace(sections[-1], items=sections[-1].items + (item,))
        numbers.append(number)
        try:
            raw_row = raw[header_index + 1 + offset]
            start_column, end_column = columns.get("start"), columns.get("end")
            start = _date(raw_row[start_column]) if start_column is not None else None
            end = _date(raw_row[end_column]) if end_column is not None else None
        except (ValueError, IndexError):
            warnings.append(
                f"Строка {header_index + offset + 2}: даты начала и окончания не прочитаны "
                "(нужен формат ДД.ММ.ГГГГ); взяты из срока исполнения."
            )
            start = end = None
        if start or end:
            manual_dates[(len(sections) - 1, len(sections[-1].items) - 1)] = (start, end)
    if not any(section.items for section in sections):
        raise DomainError(f"В файле «{path.name}» нет ни одного мероприятия под строкой заголовка.")

    title = labels.get("Название") or next(
        (c for row in rows[:header_index] for c in row if len(c) > 20), path.stem
    )
    period = (
        _parse_period(labels.get("Период", "")) or _period_from([title]) or _period_from_deadlines(sections)
    )
    level = RoadmapLevel.SCHOOL if labels.get("Уровень", "").startswith("школ") else RoadmapLevel.MUNICIPAL
    numbering_word = labels.get("Нумерация", "")
    if numbering_word:
        numbering = Numbering.NESTED if numbering_word.startswith("1.1") else Numbering.FLAT
    else:
        numbering = (
            Numbering.NESTED if any(re.fullmatch(r"\d+\.\d+\.?", n) for n in numbers) else Numbering.FLAT
        )
    order_date = None
    if labels.get("Дата"):
        try:
            order_date = _date(labels["Дата"])
        except ValueError:
            warnings.append(f"Дата документа «{labels['Дата']}» не прочитана (нужен формат ДД.ММ.ГГГГ).")
    final_sections = []
    for s, section in enumerate(sections):
        items = []
        for i, item in enumerate(section.items):
            if (s, i) in manual_dates:
                start, end = manual_dates[(s, i)]
                items.append(replace(item, starts_on=start, ends_on=end, dates_manual=True))
            else:
                items.append(with_parsed_dates(item, period))
        final_sections.append(replace(section, items=tuple(items)))
    roadmap = Roadmap(
        title=title,
        period=period,
        level=level,
        school_login=labels.get("Школа (логин)") or None,
        order=ApprovalOrder(
            kind=labels.get("Документ", "приказ"),
            number=labels.get("Номер", ""),
            date=order_date,
            issuer=labels.get("Издал", ""),
        ),
        numbering=numbering,
        sections=tuple(final_sections),
        indicators=_read_indicators(workbook, period, warnings),
    )
    return ParsedRoadmap(roadmap, warnings)


def _parse_period(text: str) -> Period | None:
    years = [int(y) for y in re.findall(r"\d{4}", text)]
    return Period(years[0], years[-1]) if years else None


def _period_from_deadlines(sections: list[RoadmapSection]) -> Period:
    years = [
        int(y)
        for s in sections
        for i in s.items
        for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", i.deadline_text)
    ]
    if years:
        return Period(min(years), max(years))
    return Period(date.today().year, date.today().year)


def _yes(text: str, default: bool) -> bool:
    lowered = text.strip().lower()
    if not lowered:
        return default
    return lowered in ("да", "yes", "1", "true", "+")


def _read_indicators(workbook: Any, period: Period, warnings: list[str]) -> tuple[Indicator, ...]:
    if INDICATORS_SHEET not in workbook.sheetnames:
        return ()
    rows = [[_text(v) for v in row] for row in workbook[INDICATORS_SHEET].iter_rows(values_only=True)]
    indicators = []
    for number, row in enumerate(rows[1:], start=2):
        row = row + [""] * (len(INDICATOR_HEADERS) - len(row))
        if not row[1]:
            continue
        target_value: float | None = None
        if row[4]:
            try:
                target_value = float(row[4].replace(",", ".").rstrip("%").strip())
            except ValueError:
                warnings.append(f"Показатели, строка {number}: целевое значение «{row[4]}» не число.")
        year = int(row[6]) if row[6].isdigit() else period.last_year
        indicators.append(
            Indicator(
                name=row[1],
                source=row[2],
                unit=row[3] or "%",
                target_value=target_value,
                target_text=row[5],
                target_year=year,
                higher_is_better=_yes(row[7], True),
                per_school=_yes(row[8], False),
            )
        )
    return tuple(indicators)
