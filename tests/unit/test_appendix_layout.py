"""The seed's appendix layout, read from real .xlsx files like the ones offices send."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.importing.layouts import BY_ID
from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.importing.workbook_reader import read_workbook
from lowres_desktop.services.seed_appendix import seed_appendix_cells
from tests.data.seed_workbook import build_seed_workbook

MA5 = ProcedureKey(ProcedureKind.VPR, "МА", 5)


def parse(path: Path):
    parsed = BY_ID["appendix"].parse(read_workbook(path)[0])
    assert parsed is not None
    return parsed


def test_seed_appendix_gives_every_number_of_the_order(seed_xlsx: Path) -> None:
    parsed = parse(seed_xlsx)
    assert parsed.problems == []
    assert len(parsed.schools) == 15
    got = {(r.login, r.procedure.code, r.year): (r.pct_low, r.pct_high) for r in parsed.results}
    expected = {}
    for cell in seed_appendix_cells():
        low = float(cell.pct_low) if cell.pct_low not in ("", "-") else None
        high = float(cell.pct_high) if cell.pct_high not in ("", "-") else None
        if low is not None or high is not None:
            code = " ".join(cell.header.upper().split())
            expected[(cell.login, code, cell.year)] = (low, high)
    assert got == expected
    assert got[("sch420220", "ВПР МА 5", 2019)] == (40.0, 2.0)
    assert ("sch426105", "ЕГЭ РУ", 2019) not in got


def test_title_rows_and_totals_row(seed_xlsx: Path) -> None:
    parsed = parse(seed_xlsx)
    assert parsed.header_row == 4
    assert any("Итого по городу" in note for note in parsed.notes)


def test_blocks_in_any_order_give_the_same_results(tmp_path: Path, seed_xlsx: Path) -> None:
    reversed_file = build_seed_workbook(tmp_path / "reversed.xlsx", reverse_blocks=True)
    assert {r.key: r for r in parse(reversed_file).results} == {r.key: r for r in parse(seed_xlsx).results}


def _sheet(path: Path, header: list[object], sub: list[object], *rows: list[object]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    sheet.append(sub)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_header_written_once_over_unmerged_block_and_participants(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "plain.xlsx",
        ["Территория", "Название ОО", "Логин ОО", "ЕГЭ МАП 2024", None, None],
        [None, None, None, "Кол-во участников", "% 2", "% Выс. рез-тов"],
        ["Город", "МБОУ «СОШ № 1»", "sch1", "25", "12,5", "40%"],
    )
    parsed = parse(path)
    assert parsed.problems == []
    (only,) = parsed.results
    assert only.procedure == ProcedureKey(ProcedureKind.EGE, "МАП")
    assert (only.participants, only.pct_low, only.pct_high) == (25, 12.5, 40.0)


def test_percent_formatted_cells_are_read_as_percent(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "fmt.xlsx",
        ["Название ОО", "Логин ОО", "ВПР МА 5 2020", None],
        [None, None, "% 2", "% Выс. рез-тов"],
        ["СОШ № 1", "sch1", 0.4, 0.125],
    )
    workbook = __import__("openpyxl").load_workbook(path)
    workbook.active["C3"].number_format = "0%"
    workbook.active["D3"].number_format = "0.0%"
    workbook.save(path)
    (only,) = parse(path).results
    assert (only.pct_low, only.pct_high) == (40.0, 12.5)


@pytest.mark.parametrize(
    ("bad", "column", "why"),
    [("abc", "D", "не число"), (140, "D", "вне диапазона"), ("-5", "D", "вне диапазона")],
)
def test_bad_cells_are_placed_exactly(tmp_path: Path, bad: object, column: str, why: str) -> None:
    path = _sheet(
        tmp_path / "bad.xlsx",
        ["Территория", "Название ОО", "Логин ОО", "ВПР МА 5 2020", None],
        [None, None, None, "% 2", "% Выс. рез-тов"],
        ["Город", "СОШ № 1", "sch1", 10, 5],
        ["Город", "СОШ № 2", "sch2", bad, 5],
    )
    (problem,) = parse(path).problems
    assert (problem.sheet, problem.row, problem.value) == ("Sheet", 4, bad)
    assert f"столбец {column}" in problem.place
    assert why in problem.why


def test_every_bad_cell_of_a_row_is_placed_and_its_good_cells_still_read(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "two_bad.xlsx",
        ["Название ОО", "Логин ОО", "ВПР МА 5 2020", None, "ОГЭ РУ 2021", None, "ЕГЭ РУ 2022", None],
        [None, None, "% 2", "% Выс. рез-тов", "% 2", "% Выс. рез-тов", "% 2", "% Выс. рез-тов"],
        ["СОШ № 1", "sch1", "много", 5, 12, -3, 7],
        ["СОШ № 2", "sch2", 10],
    )
    parsed = parse(path)
    assert [(p.row, p.place, p.why) for p in parsed.problems] == [
        (3, "лист «Sheet», строка 3, столбец C", "не число"),
        (3, "лист «Sheet», строка 3, столбец F", "процент вне диапазона 0–100"),
    ]
    got = {(r.login, r.procedure.code): (r.pct_low, r.pct_high) for r in parsed.results}
    assert got == {
        ("sch1", "ВПР МА 5"): (None, 5),
        ("sch1", "ОГЭ РУ"): (12, None),
        ("sch1", "ЕГЭ РУ"): (7, None),
        ("sch2", "ВПР МА 5"): (10, None),
    }


def test_missing_login_and_duplicate_login_are_problems(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path / "dup.xlsx",
        ["Название ОО", "Логин ОО", "ВПР МА 5 2020", None],
        [None, None, "% 2", "% Выс. рез-тов"],
        ["СОШ № 1", "sch1", 10, 5],
        ["СОШ № 2", None, 10, 5],
        ["СОШ № 1 (повтор)", "sch1", 11, 5],
        ["Заводской район", None, None, None],
    )
    parsed = parse(path)
    assert [(p.row, p.why) for p in parsed.problems] == [
        (4, "не указан логин ОО"),
        (5, "логин уже встречался в строке 3"),
    ]
    assert any("Заводской район" in note for note in parsed.notes)


def test_a_sheet_in_another_layout_is_not_this_layout(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "other.xlsx", ["Школа", "Балл"], [None, None], ["СОШ № 1", 5])
    assert BY_ID["appendix"].parse(read_workbook(path)[0]) is None


def test_unreadable_files_are_rejected_in_russian(tmp_path: Path) -> None:
    not_excel = tmp_path / "notes.xlsx"
    not_excel.write_text("это не книга Excel", encoding="utf-8")
    with pytest.raises(FileRejected, match="не удалось прочитать"):
        read_workbook(not_excel)
    old_excel = tmp_path / "old.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(FileRejected, match=r"\.xls"):
        read_workbook(old_excel)
