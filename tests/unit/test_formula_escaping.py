"""One escaping rule for every .xlsx and .csv the program writes: text stays text, never a formula."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from lowres_desktop.domain.deadlines import Period
from lowres_desktop.domain.roadmaps import Roadmap, RoadmapItem, RoadmapLevel, RoadmapSection
from lowres_desktop.files.cells import CsvWriter, csv_field, is_formula_like, set_text
from lowres_desktop.importing.roadmap_xlsx import read_roadmap_xlsx, write_roadmap_xlsx
from lowres_desktop.services.export_table import clipboard_text, export_table

HOSTILE = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1+2",
    "-2+3",
    "@SUM(A1)",
    "\t=1+2",
    "\r=1+2",
    "＝1+2",
    "＋1+2",
    "－1+2",
    "＠SUM(A1)",
]
HARMLESS = ["СОШ № 1", "-", "-5", "+3,5", "12 %", "", "a=b"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_starts_are_recognised_full_width_forms_included(text: str) -> None:
    assert is_formula_like(text)
    assert csv_field(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_plain_text_and_numbers_are_left_alone(text: str) -> None:
    assert not is_formula_like(text)
    assert csv_field(text) == text


def test_the_csv_writer_escapes_every_text_field() -> None:
    out = io.StringIO()
    CsvWriter(out, lineterminator="\n").writerows([["=1+2", 5, -3.5, "СОШ"]])
    assert out.getvalue() == "'=1+2,5,-3.5,СОШ\n"


def test_a_text_cell_is_never_a_formula() -> None:
    sheet = Workbook().active
    set_text(sheet["A1"], "=1+2")
    assert sheet["A1"].data_type == "s" and sheet["A1"].quotePrefix


@pytest.mark.parametrize("text", HOSTILE)
def test_an_exported_table_holds_text_not_formulas(tmp_path: Path, text: str) -> None:
    path = export_table(tmp_path / "t.xlsx", [text, "Число"], [[text, 1]])
    sheet = load_workbook(path).active
    for cell in (sheet["A1"], sheet["A2"]):
        assert cell.data_type == "s" and cell.value == text
    assert clipboard_text(None, [[text]]).startswith("'")


def test_a_roadmap_round_trip_keeps_a_formula_looking_title_as_text(tmp_path: Path) -> None:
    title = '=HYPERLINK("http://example.org","Дорожная карта")'
    item = RoadmapItem(text="@мероприятие", deadline_text="до 01.09.2024", executors=("-Иванов",))
    roadmap = Roadmap(
        title=title,
        level=RoadmapLevel.MUNICIPAL,
        period=Period(2024, 2025),
        sections=(RoadmapSection("＝раздел", (item,)),),
    )
    path = tmp_path / "roadmap.xlsx"
    write_roadmap_xlsx(roadmap, path)
    workbook = load_workbook(path)
    formulas = [c.coordinate for row in workbook.active.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    parsed = read_roadmap_xlsx(path)
    assert parsed.roadmap.title == title
    assert parsed.roadmap.sections[0].items[0].text == "@мероприятие"
    assert parsed.roadmap.sections[0].items[0].executors == ("-Иванов",)
