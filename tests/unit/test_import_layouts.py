"""Every layout the program imports, each read from a real file like the ones offices exchange."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.importing.layouts import BY_ID, choose_sheets
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    Measure,
    MinimumScore,
    Origin,
    ParsedSheet,
    ParseOptions,
)
from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.importing.vpr_common import school_login
from lowres_desktop.importing.workbook_reader import read_workbook
from tests.data.exchange_files import (
    PercentCell,
    build_long,
    build_ods,
    build_rcoi_csv,
    build_vpr_comparison,
    build_vpr_statistics,
)

RU4 = ProcedureKey(ProcedureKind.VPR, "РУ", 4)
EGE_RU = ProcedureKey(ProcedureKind.EGE, "РУ")


def _ege_ru(procedure: ProcedureKey, year: int) -> MinimumScore | None:
    return MinimumScore(procedure, year, "test", 24, 80, year) if procedure == EGE_RU else None


def parse_all(path: Path, options: ParseOptions | None = None) -> list[ParsedSheet]:
    grids = read_workbook(path)
    sheets = []
    for choice in choose_sheets(path.name, grids):
        parsed = BY_ID[choice.layout].parse(
            grids[choice.sheet], lambda _d, _t: None, options or ParseOptions()
        )
        assert parsed is not None
        sheets.append(parsed)
    return sheets


def test_vpr_statistics_keeps_school_rows_and_derives_low_and_high(tmp_path: Path) -> None:
    sheets = parse_all(build_vpr_statistics(tmp_path / "stat.xlsx"))
    assert [s.layout for s in sheets] == ["vpr_statistics", "vpr_statistics"]
    ru = sheets[0]
    assert (ru.procedure, ru.year, ru.problems) == (RU4, 2026, [])
    assert [s.login for s in ru.schools] == ["edu203389", "edu203390", "sch420221"]
    assert ru.schools[1].name == "МАОУ «Гимназия (с углублённым изучением) № 2»"
    first = ru.results[0]
    assert (first.participants, first.pct_low, first.pct_high) == (48, 10.42, 50.0)
    assert sheets[1].procedure == ProcedureKey(ProcedureKind.VPR, "МА", 5)


def test_vpr_statistics_shares_far_from_100_are_a_problem_at_the_cell(tmp_path: Path) -> None:
    schools = [("МБОУ «СОШ № 1»(edu203389)", 1, 48, [10.0, 10.0, 10.0, 10.0])]
    sheets = parse_all(build_vpr_statistics(tmp_path / "stat.xlsx", schools))
    (problem,) = sheets[0].problems
    assert (problem.row, problem.column) == (10, 4)
    assert "в сумме дают 40.00 %" in problem.why


def test_vpr_statistics_a_school_twice_is_a_problem_at_its_second_row(tmp_path: Path) -> None:
    shares = [10.0, 40.0, 30.0, 20.0]
    schools = [
        ("МБОУ «СОШ № 1»(edu203389)", 1, 48, shares),
        ("МБОУ «СОШ № 1» (повтор)(edu203389)", 1, 48, shares),
    ]
    (sheet, _other) = parse_all(build_vpr_statistics(tmp_path / "stat.xlsx", schools))
    (problem,) = sheet.problems
    assert (problem.row, problem.column, problem.value) == (11, 1, "edu203389")
    assert problem.why == "логин уже встречался в строке 10"
    assert [s.login for s in sheet.schools] == ["edu203389"]


def test_the_login_is_the_last_bracket_and_other_rows_are_not_schools() -> None:
    assert school_login("МБОУ «СОШ (профильная) №1»(edu203389)") == (
        "edu203389",
        "МБОУ «СОШ (профильная) №1»",
    )
    assert school_login("Новосибирский район(reg54_m012)") is None
    assert school_login("Вся выборка") is None


@pytest.mark.parametrize("two_rows", [False, True])
def test_journal_comparison_in_both_header_styles(tmp_path: Path, two_rows: bool) -> None:
    (sheet,) = parse_all(build_vpr_comparison(tmp_path / "cmp.xlsx", two_rows))
    assert sheet.layout == "vpr_comparison" and sheet.problems == []
    assert len(sheet.sheet) == 31
    first = sheet.comparisons[0]
    assert (first.login, first.procedure, first.year, first.participants) == ("edu203389", RU4, 2026, 48)
    assert (first.lowered_pct, first.confirmed_pct, first.raised_pct) == (25.0, 70.83, 4.17)


def test_rcoi_csv_gives_only_per_school_figures_with_the_threshold_named(tmp_path: Path) -> None:
    path = build_rcoi_csv(tmp_path / "ege.csv")
    (sheet,) = parse_all(path, ParseOptions(minimum_scores=_ege_ru))
    assert sheet.layout == "rcoi" and sheet.problems == []
    got = {r.login: (r.procedure, r.year, r.participants, r.pct_low, r.pct_high) for r in sheet.results}
    assert got == {"540001": (EGE_RU, 2022, 5, 40.0, 40.0), "540002": (EGE_RU, 2022, 4, 0.0, 25.0)}
    assert "меньше 24" in sheet.notes[0] and "от 80" in sheet.notes[0]
    assert "Иванов" not in repr(sheet)


def test_rcoi_without_a_minimum_score_names_the_missing_row(tmp_path: Path) -> None:
    (sheet,) = parse_all(
        build_rcoi_csv(tmp_path / "ege.csv"), ParseOptions(minimum_scores=lambda _p, _y: None)
    )
    assert "нет минимального балла для «ЕГЭ РУ» 2022" in sheet.problems[0].why
    assert sheet.results == []


def test_rcoi_bad_score_is_placed_without_the_student_name(tmp_path: Path) -> None:
    path = build_rcoi_csv(tmp_path / "ege.csv")
    path.write_bytes(path.read_bytes().replace(b";20\r\n", b";abc\r\n", 1))
    (sheet,) = parse_all(path, ParseOptions(minimum_scores=_ege_ru))
    (problem,) = sheet.problems
    assert (problem.row, problem.column, problem.value) == (3, 10, "abc")
    assert "Иванов" not in str(problem)


def test_long_template_written_by_the_app_reads_back(tmp_path: Path) -> None:
    path = build_long(
        tmp_path / "long.xlsx",
        [
            ["sch1", "СОШ № 1", "ОГЭ РУ", 2025, 20, "10,5", "40%"],
            ["sch1", "", "ВПР МА 5", 2025, None, 3, None],
        ],
    )
    (sheet,) = parse_all(path)
    assert sheet.layout == "long" and sheet.problems == []
    assert [(r.procedure.code, r.participants, r.pct_low, r.pct_high) for r in sheet.results] == [
        ("ОГЭ РУ", 20, 10.5, 40.0),
        ("ВПР МА 5", None, 3, None),
    ]
    assert any("пример из шаблона" in note for note in sheet.notes)


def test_long_template_problems_duplicate_and_unknown_procedure(tmp_path: Path) -> None:
    rows = [["sch1", "", "ОГЭ РУ", 2025, 20, 10, 40], ["sch1", "", "ОГЭ РУ", 2025, 20, 10, 40]]
    rows.append(["sch2", "", "Олимпиада", 2025, 20, 10, 40])
    rows.append(["sch3", "", "ОГЭ РУ", 2025, 20, 150, 40])
    (sheet,) = parse_all(build_long(tmp_path / "long.xlsx", rows))
    assert [(p.row, p.column) for p in sheet.problems] == [(4, 1), (5, 3), (6, 6)]
    assert "строке 3" in sheet.problems[0].why and "вне диапазона" in sheet.problems[2].why


def test_long_template_remembered_procedure_text(tmp_path: Path) -> None:
    rows = [["sch2", "", "Математика 9 кл (ОГЭ)", 2025, 20, 10, 40]]
    remembered = {
        "математика 9 кл (огэ)": ColumnMapping(
            0, "Математика 9 кл (ОГЭ)", ColumnRole.PROCEDURE, ProcedureKey(ProcedureKind.OGE, "МА")
        )
    }
    (sheet,) = parse_all(build_long(tmp_path / "long.xlsx", rows), ParseOptions(remembered=remembered))
    assert sheet.problems == [] and sheet.results[0].procedure.code == "ОГЭ МА"


def test_wide_layout_unknown_header_is_shown_and_can_be_mapped_or_remembered(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Логин ОО", "Название ОО", "ВПР МА 5 2019", None, "Матем. 6 кл. 2019", None])
    sheet.append([None, None, "% 2", "% Выс. рез-тов", "% 2", "% Выс. рез-тов"])
    sheet.append(["sch1", "СОШ № 1", 10, 20, 30, 40])
    path = tmp_path / "wide.xlsx"
    workbook.save(path)
    (plain,) = parse_all(path)
    unknown = [m for m in plain.columns if m.origin == Origin.UNRECOGNISED]
    assert [m.column for m in unknown] == [5, 6]
    assert len(plain.results) == 1
    ma6 = ProcedureKey(ProcedureKind.VPR, "МА", 6)
    chosen = {
        5: ColumnMapping(5, "", ColumnRole.VALUE, ma6, 2019, Measure.LOW),
        6: ColumnMapping(6, "", ColumnRole.VALUE, ma6, 2019, Measure.HIGH),
    }
    (mapped,) = parse_all(path, ParseOptions(columns=chosen))
    assert {(r.procedure.code, r.pct_low, r.pct_high) for r in mapped.results} == {
        ("ВПР МА 5", 10, 20),
        ("ВПР МА 6", 30, 40),
    }
    remembered = {
        "матем. 6 кл. 2019 / % 2": ColumnMapping(0, "", ColumnRole.VALUE, ma6, 2019, Measure.LOW),
    }
    (again,) = parse_all(path, ParseOptions(remembered=remembered))
    assert next(m for m in again.columns if m.column == 5).origin == Origin.REMEMBERED
    assert {(r.procedure.code, r.pct_low) for r in again.results} == {("ВПР МА 5", 10), ("ВПР МА 6", 30)}


def test_ods_and_semicolon_cp1251_csv_read_like_xlsx(tmp_path: Path) -> None:
    rows = [
        ["Логин ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"],
        ["sch9", "ВПР МА 5", 2024, 30, 12.5, 40],
    ]
    (ods,) = parse_all(build_ods(tmp_path / "r.ods", "Лист1", rows))
    csv_path = tmp_path / "r.csv"
    csv_path.write_bytes(
        "\r\n".join(";".join(str(v).replace(".", ",") for v in row) for row in rows).encode("cp1251")
    )
    (csv_sheet,) = parse_all(csv_path)
    assert ods.results == csv_sheet.results
    assert ods.results[0].pct_low == 12.5


def test_two_data_sheets_are_ambiguous(tmp_path: Path) -> None:
    workbook = Workbook()
    for title in ("2025", "2026"):
        sheet = workbook.create_sheet(title)
        sheet.append(["Логин ОО", "Процедура", "Год", "% «2»"])
        sheet.append(["sch1", "ОГЭ РУ", int(title), 5])
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    with pytest.raises(FileRejected, match=re.escape("сразу на нескольких листах («2025», «2026»)")):
        choose_sheets(path.name, read_workbook(path))


def test_old_excel_xls_reads_through_calamine() -> None:
    path = Path(__file__).resolve().parents[1] / "data" / "long_template.xls"
    (sheet,) = parse_all(path)
    assert (sheet.layout, sheet.header_row, sheet.problems) == ("long", 3, [])
    assert [(r.login, r.procedure.code, r.participants, r.pct_low, r.pct_high) for r in sheet.results] == [
        ("sch420220", "ОГЭ РУ", 48, 12.5, 35.4),
        ("sch420221", "ВПР МА 5", 12, 8.3, None),
    ]


def test_percent_cells_of_old_excel_read_as_the_percent_they_show() -> None:
    """The file holds 0.125 in a cell formatted «0.0%»: the share is 12.5 %, not 0.125 %."""
    path = Path(__file__).resolve().parents[1] / "data" / "long_template_percent.xls"
    (sheet,) = parse_all(path)
    assert sheet.problems == []
    assert [(r.login, r.pct_low, r.pct_high) for r in sheet.results] == [
        ("sch420220", 12.5, 35.4),
        ("sch420221", 90, 8.3),
    ]


def test_percent_cells_of_ods_read_as_the_percent_they_show_past_repeated_cells(tmp_path: Path) -> None:
    rows = [
        ["Результаты ВПР", None, None, None, None, None, None],
        [None] * 7,
        [None] * 7,
        [None, "Логин ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"],
        [None, "sch9", "ВПР МА 5", 2024, 30, PercentCell(0.125), 40],
        [None, "sch10", "ВПР МА 5", 2024, None, None, PercentCell(1.0)],
    ]
    (sheet,) = parse_all(build_ods(tmp_path / "p.ods", "Лист1", rows))
    assert sheet.problems == []
    assert [(r.login, r.participants, r.pct_low, r.pct_high) for r in sheet.results] == [
        ("sch9", 30, 12.5, 40),
        ("sch10", None, None, 100),
    ]
