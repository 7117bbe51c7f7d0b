"""`lowres import` with every layout and its options, `results`, `template`, `history`, `undo`.

Run in process through `main()` (the child-process contract is covered by test_cli.py),
plus one child-process run to check the exit code of a refused conflict.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from openpyxl import load_workbook

from lowres_desktop.cli import main
from tests.cli.test_cli import lowres
from tests.data.exchange_files import build_long, build_rcoi_csv, build_vpr_comparison, build_vpr_statistics


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def count(db: str, table: str) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_results_csv_columns_and_procedure_codes(tmp_path: Path, seed_xlsx: Path) -> None:
    db = str(tmp_path / "a.sqlite")
    assert run("--db", db, "import", str(seed_xlsx))[0] == 0
    code, out, _err = run("--db", db, "results", "--year", "2019", "--school", "sch420220", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["login", "procedure", "year", "participants", "pct_low", "pct_high"]
    assert ["sch420220", "ВПР МА 5", "2019", "", "40.0", "2.0"] in rows
    assert {row[1] for row in rows[1:]} >= {"ВПР МА 5", "ОГЭ РУ", "ЕГЭ МА"}
    assert all(row[2] == "2019" for row in rows[1:])
    code, out, _err = run("--db", db, "results", "--format", "json")
    assert len(json.loads(out)) == 212
    code, out, _err = run("--db", db, "results", "--school", "sch420220")
    assert "Всего результатов: 16" in out


def test_template_then_import_it(tmp_path: Path) -> None:
    db = str(tmp_path / "a.sqlite")
    template = tmp_path / "шаблон.xlsx"
    assert run("--db", db, "template", "--out", str(template))[0] == 0
    workbook = load_workbook(template)
    assert workbook.sheetnames == ["Результаты", "Списки", "Пояснения"]
    sheet = workbook["Результаты"]
    assert [c.value for c in sheet[1]] == [
        "Логин ОО",
        "Название ОО",
        "Процедура",
        "Год",
        "Участников",
        "% «2»",
        "% высоких",
    ]
    assert sheet.freeze_panes == "A2" and len(sheet.data_validations.dataValidation) == 4
    code, out, err = run("--db", db, "import", str(template))
    assert code == 1 and "нет ни одной строки с данными" in err and count(db, "results") == 0
    build_long(template, [["sch5", "СОШ № 5", "ОГЭ МА", 2026, 30, 10, 20]])
    assert run("--db", db, "import", str(template))[0] == 0
    assert count(db, "results") == 1


def test_on_conflict_fail_is_the_default_and_writes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "a.sqlite")
    first = build_long(tmp_path / "a.xlsx", [["sch5", "", "ОГЭ МА", 2026, 30, 10, 20]])
    second = build_long(tmp_path / "b.xlsx", [["sch5", "", "ОГЭ МА", 2026, 30, 12, 20]])
    assert run("--db", db, "import", str(first))[0] == 0
    refused = lowres("--db", db, "import", str(second))
    assert refused.returncode == 1
    assert (
        "расходятся с базой" in refused.stderr
        and "ОГЭ МА 2026: в базе 30 / 10 / 20, в файле 30 / 12 / 20" in refused.stderr
    )
    code, out, _ = run("--db", db, "import", "--on-conflict", "keep", str(second))
    assert code == 0 and "оставлено как в базе (расхождения): 1" in out
    code, out, _ = run("--db", db, "import", "--on-conflict", "replace", str(second))
    assert code == 0 and "изменённых: 1" in out
    _, out, _ = run("--db", db, "results", "--format", "csv")
    assert "sch5,ОГЭ МА,2026,30,12.0,20.0" in out


def test_rcoi_unknown_codes_exit_1_unless_skipped(tmp_path: Path) -> None:
    db = str(tmp_path / "a.sqlite")
    path = build_rcoi_csv(tmp_path / "ege.csv")
    code, _out, err = run("--db", db, "import", str(path))
    assert code == 1 and "540001, 540002" in err and count(db, "schools") == 0
    code, out, _err = run("--db", db, "import", "--skip-unmatched", str(path))
    assert code == 0 and "Пропущены строки школ с кодами ОО, которых нет в базе: 540001, 540002" in out


def test_history_and_undo(tmp_path: Path) -> None:
    db = str(tmp_path / "a.sqlite")
    assert run("--db", db, "import", str(build_vpr_statistics(tmp_path / "stat.xlsx")))[0] == 0
    code, out, _ = run("--db", db, "import", str(build_vpr_comparison(tmp_path / "cmp.xlsx")))
    assert code == 0 and "сравнений отметок с журналом новых: 2" in out
    code, out, _ = run("--db", db, "history")
    assert code == 0 and "№ 2" in out and "stat.xlsx [ВПР, статистика по отметкам]" in out
    assert "SHA-256" in out
    code, out, _ = run("--db", db, "undo", "1")
    assert code == 0 and "удалено добавленных 6" in out
    code, _out, err = run("--db", db, "undo", "1")
    assert code == 1 and "уже отменён" in err
    assert count(db, "results") == 0 and count(db, "mark_comparisons") == 2


def test_history_of_one_batch_lists_each_value_it_wrote_and_the_one_it_replaced(tmp_path: Path) -> None:
    db = str(tmp_path / "a.sqlite")
    first = build_long(tmp_path / "first.xlsx", [["sch7", "МБОУ «СОШ № 7»", "ОГЭ РУ", 2025, 40, 12.5, 30]])
    again = build_long(tmp_path / "again.xlsx", [["sch7", "МБОУ «СОШ № 7»", "ОГЭ РУ", 2025, 40, 20, 30]])
    assert run("--db", db, "import", str(first))[0] == 0
    assert run("--db", db, "import", "--on-conflict", "replace", str(again))[0] == 0
    code, out, _ = run("--db", db, "history", "2")
    assert code == 0 and "значений 1" in out
    (line,) = [line for line in out.splitlines() if "sch7" in line]
    assert "ОГЭ РУ 2025" in line
    assert "было: участников: 40; % «2»: 12,5; % высоких: 30" in line
    assert "стало: участников: 40; % «2»: 20; % высоких: 30" in line
    code, _out, err = run("--db", db, "history", "5")
    assert code == 1 and "Пакета импорта № 5 нет" in err


def test_many_f1_files_and_an_unknown_one_in_one_command(tmp_path: Path) -> None:
    from tests.data.register_files import f1_marks, write_f1

    db = str(tmp_path / "city.sqlite")
    files = [
        write_f1(tmp_path / f"f1-{n}.xlsx", f"sch9000{n}", f"МБОУ «СОШ № {n}»", f1_marks(n, 25))
        for n in (1, 2, 3)
    ]
    unknown = tmp_path / "своя таблица.csv"
    unknown.write_text("Школа;Итог\nsch1;5\n", encoding="utf-8")
    code, out, err = run("--db", db, "import", *map(str, files[:2]), str(unknown), str(files[2]))
    assert code == 1
    assert out.count("вид: ВПР, индивидуальные результаты (Ф1)") == 3
    assert out.count("сравнений отметок с журналом новых: 1") == 3
    assert "Файл «своя таблица.csv» не импортирован" in err and "Файл → Импорт результатов…" in err
    assert count(db, "results") == 3 and count(db, "mark_comparisons") == 3
