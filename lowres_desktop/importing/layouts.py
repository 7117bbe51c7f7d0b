"""Every layout the program reads, and the detector that tells which sheets of a file hold which.

A layout is one module in importing/ and one entry here: its titles and two
functions — `find_header_row(grid)` answers cheaply whether a sheet looks
like it, `read(grid, header_row, on_row, options)` reads it from a header
row; `Layout.parse` settles that row (the user's or the detected one) for
every layout alike. The
ВПР exports come as one sheet per procedure, so all their sheets are read;
the other layouts expect one data sheet, and a file with two sheets that
both look like data is ambiguous until the user picks one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lowres_desktop.importing import (
    appendix_layout,
    exam_register,
    long_template,
    vpr_f1,
    vpr_journal_comparison,
    vpr_statistics,
)
from lowres_desktop.importing.parsed import ParsedSheet, ParseOptions, RowProgress, no_row_progress
from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.importing.workbook_reader import SheetGrid

Read = Callable[[SheetGrid, int, RowProgress, ParseOptions], ParsedSheet | None]
"""A layout's reader: the sheet from a header row within it; None when the sheet is not in the layout."""


@dataclass(frozen=True)
class Layout:
    id: str
    title: str
    short: str
    """The name short enough for a table column or a one-line summary."""
    find_header_row: Callable[[SheetGrid], int | None]
    read: Read
    one_sheet_per_procedure: bool = False

    def parse(
        self, grid: SheetGrid, on_row: RowProgress = no_row_progress, options: ParseOptions | None = None
    ) -> ParsedSheet | None:
        """The sheet read from the header row the user chose, else the one this layout finds.

        None when there is no such row (or the chosen one lies past the sheet's
        end) or the reader finds the sheet is not in this layout.
        """
        options = options or ParseOptions()
        header_row = options.header_row or self.find_header_row(grid)
        if header_row is None or header_row > len(grid.rows):
            return None
        return self.read(grid, header_row, on_row, options)


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "appendix",
        "Приложение 1 (широкая таблица: столбцы «ВПР МА 5 2019» с «% 2» и «% Выс. рез-тов»)",
        "приложение 1",
        appendix_layout.find_header_row,
        appendix_layout.read_appendix_sheet,
    ),
    Layout(
        long_template.LAYOUT_ID,
        long_template.TITLE,
        "шаблон программы",
        long_template.find_header_row,
        long_template.read_long_sheet,
    ),
    Layout(
        vpr_statistics.LAYOUT_ID,
        vpr_statistics.TITLE,
        "ВПР, статистика по отметкам",
        vpr_statistics.find_header_row,
        vpr_statistics.read_vpr_statistics,
        one_sheet_per_procedure=True,
    ),
    Layout(
        vpr_journal_comparison.LAYOUT_ID,
        vpr_journal_comparison.TITLE,
        "ВПР, сравнение с журналом",
        vpr_journal_comparison.find_header_row,
        vpr_journal_comparison.read_vpr_comparison,
        one_sheet_per_procedure=True,
    ),
    Layout(
        vpr_f1.LAYOUT_ID,
        vpr_f1.TITLE,
        "ВПР, индивидуальные результаты (Ф1)",
        vpr_f1.find_header_row,
        vpr_f1.read_vpr_f1,
    ),
    Layout(
        exam_register.LAYOUT_ID,
        exam_register.TITLE,
        "ОГЭ/ЕГЭ, ведомость участников",
        exam_register.find_header_row,
        exam_register.read_register,
    ),
)
BY_ID = {layout.id: layout for layout in LAYOUTS}
"""Each layout by its id: `BY_ID["rcoi"].parse(grid)` reads a sheet as a register."""
SHORT_TITLES = {layout.id: layout.short for layout in LAYOUTS}


class LayoutNotFound(FileRejected):
    """No sheet of the file looks like a known layout: its columns can still be named by hand."""


@dataclass(frozen=True)
class SheetChoice:
    """One sheet to read, in one layout, from one header row (detected or chosen)."""

    sheet: int
    layout: str
    header_row: int | None = None


def detect(grids: list[SheetGrid]) -> list[tuple[int, Layout, int]]:
    """(sheet index, layout, header row) for every sheet some layout recognises; the first layout wins."""
    found = []
    for index, grid in enumerate(grids):
        for layout in LAYOUTS:
            header_row = layout.find_header_row(grid)
            if header_row is not None:
                found.append((index, layout, header_row))
                break
    return found


def choose_sheets(file_name: str, grids: list[SheetGrid]) -> list[SheetChoice]:
    """The sheets to import when nobody chose: refuses files with no data or with two candidate sheets."""
    found = detect(grids)
    if not found:
        names = ", ".join(f"«{g.name}»" for g in grids[:10]) or "нет листов"
        raise LayoutNotFound(
            file_name,
            f"Ни на одном листе ({names}) не найдена таблица известного вида: приложение 1 "
            "(«Логин ОО» и столбцы «ВПР МА 5 2019»), шаблон программы («Логин ОО», «Процедура», «Год»), "
            "выгрузки ВПР «Статистика по отметкам», «Сравнение отметок с отметками по журналу», "
            "«Ф1 Индивидуальные результаты» или ведомость ОГЭ/ЕГЭ по участникам («Код ОО» или "
            "«Логин ОО» и «Балл» или «Отметка»).",
        )
    single = [item for item in found if not item[1].one_sheet_per_procedure]
    if len(single) > 1:
        listed = ", ".join(f"«{grids[i].name}»" for i, _layout, _row in single)
        raise FileRejected(
            file_name,
            f"Данные похожи на таблицу сразу на нескольких листах ({listed}): оставьте в файле один "
            "лист с данными или выберите лист.",
        )
    if single and len(found) > 1:
        found = single
    return [SheetChoice(index, layout.id, header_row) for index, layout, header_row in found]
