"""The register layouts on their own (no database): detection, problems placed at cells, the notes."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.importing.layouts import BY_ID, detect
from lowres_desktop.importing.parsed import (
    ColumnMapping,
    ColumnRole,
    IdKind,
    MinimumScore,
    Origin,
    ParseOptions,
)
from lowres_desktop.importing.workbook_reader import SheetGrid, read_workbook
from tests.data.register_files import write_f1

RU5 = ProcedureKey(ProcedureKind.VPR, "РУ", 5)


def test_f1_is_detected_and_a_bad_mark_is_placed_without_the_participant(tmp_path: Path) -> None:
    path = write_f1(tmp_path / "f1.xlsx", "sch101", "МБОУ «СОШ № 101»", [(4, 4), (2, 3), (5, 4), (3, None)])
    workbook = load_workbook(path)
    workbook.active.cell(7, 12).value = 6  # the second participant's «Отметка»
    workbook.save(path)
    (grid,) = read_workbook(path)
    assert [layout.id for _index, layout, _row in detect([grid])] == ["vpr_f1"]
    parsed = BY_ID["vpr_f1"].parse(grid)
    assert parsed is not None and parsed.procedure == RU5 and parsed.year == 2024
    assert [(p.row, p.column, p.value, p.why) for p in parsed.problems] == [
        (7, 12, 6, "отметка должна быть от 2 до 5")
    ]
    assert "Петров" not in str(parsed.problems)


def test_f1_counts_marks_and_says_when_the_stated_count_differs(tmp_path: Path) -> None:
    path = write_f1(tmp_path / "f1.xlsx", "sch101", "СОШ", [(4, 4), (2, 3), (5, 4), (None, 4), (3, None)])
    workbook = load_workbook(path)
    workbook.active.cell(3, 1).value = "sch101 СОШ Кол-во участников: 7"
    workbook.save(path)
    parsed = BY_ID["vpr_f1"].parse(read_workbook(path)[0])
    assert parsed is not None and parsed.problems == []
    (result,) = parsed.results
    assert (result.login, result.participants, result.pct_low, result.pct_high) == ("sch101", 4, 25.0, 50.0)
    (comparison,) = parsed.comparisons
    shares = (comparison.lowered_pct, comparison.confirmed_pct, comparison.raised_pct)
    assert comparison.participants == 3 and shares == (33.33, 33.33, 33.33)
    assert "В строке организации указано участников 7, строк с отметкой 4." in parsed.notes
    assert any("без балла и отметки — 1" in note for note in parsed.notes)


def _lookup(procedure: ProcedureKey, year: int) -> MinimumScore | None:
    return MinimumScore(procedure, year, "test", 36, 80, year) if procedure.subject == "ФИ" else None


def test_register_title_naming_the_exam_and_a_missing_threshold_named_once() -> None:
    grid = SheetGrid(
        "Лист1",
        [
            ["ЕГЭ 2025"],
            ["Логин ОО", "Предмет", "Балл"],
            ["sch1", "Физика", 35],
            ["sch1", "Физика", 36],
            ["sch1", "Химия", 50],
            ["sch2", "Химия", 60],
            ["Итого", None, None],
        ],
    )
    parsed = BY_ID["rcoi"].parse(grid, options=ParseOptions(minimum_scores=_lookup))
    assert parsed is not None
    assert [(r.procedure.code, r.year, r.participants, r.pct_low) for r in parsed.results] == [
        ("ЕГЭ ФИ", 2025, 2, 50.0)
    ]
    assert [(p.row, p.why) for p in parsed.problems] == [
        (
            5,
            "в справочнике нет минимального балла для «ЕГЭ ХИ» 2025 г.: "
            "добавьте его (Справка → Минимальные баллы)",
        )
    ]


def test_a_long_template_keyed_by_gia_code_places_a_repeated_row_at_the_code() -> None:
    """«Код ОО» mapped by hand: a school's procedure and year given twice is a problem at the code."""
    header = ["Код ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"]
    grid = SheetGrid(
        "Лист1", [header, ["420101", "ВПР МА 5", 2024, 40, 10, 30], ["420101", "ВПР МА 5", 2024, 41, 11, 31]]
    )
    code = ColumnMapping(1, "Код ОО", ColumnRole.GIA_CODE, origin=Origin.USER)
    options = ParseOptions(header_row=1, columns={1: code})
    parsed = BY_ID["long"].parse(grid, options=options)
    assert parsed is not None and parsed.id_kind == IdKind.GIA_CODE
    assert [(p.row, p.column, p.value) for p in parsed.problems] == [(3, 1, "420101")]
    assert "уже были в строке 2" in parsed.problems[0].why
    assert [(r.login, r.participants) for r in parsed.results] == [("420101", 40)]
