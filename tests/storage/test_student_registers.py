"""Per-student registers in their real variants and ВПР «Ф1» files, imported end to end.

Each register is built from known participants (tests/data/register_files.py);
the per-school figures are counted here from those participants, with the
minimum scores written out below, and compared with what the import stored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lowres_desktop.importing.parsed import IdKind
from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.services.import_workbook import (
    CREATE_SCHOOL,
    ImportChoices,
    SchoolRef,
    apply_import,
    import_workbook,
    read_import_file,
)
from lowres_desktop.storage.unit_of_work import Database
from tests.data import register_files as rf
from tests.data.register_files import Participant

EGE_MINIMUM = {"РУ": 24, "МАП": 27}
"""Рособрнадзор's minimums for 2023–2024, as the shipped table has them; high is 80 and over."""


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.open(str(tmp_path / "test.sqlite"))
    yield database
    database.close()


def stored(db: Database) -> dict[tuple[str, str, int], tuple[object, ...]]:
    with db.unit_of_work() as uow:
        return {
            (r.login, r.procedure.code, r.year): (r.participants, r.pct_low, r.pct_high)
            for r in uow.results.all()
        }


def expected(
    people: list[Participant], school: Callable[[Participant], str]
) -> dict[tuple[str, str, int], tuple[object, ...]]:
    """Participants, % below the minimum and % high per school × procedure × year, counted by hand."""
    groups: dict[tuple[str, str, int], list[Participant]] = {}
    for p in people:
        if p.status is None:
            code = "МА" if p.kind == "ОГЭ" and p.subject == "МАП" else p.subject
            groups.setdefault((school(p), f"{p.kind} {code}", p.year), []).append(p)
    figures = {}
    for key, group in groups.items():
        if group[0].kind == "ЕГЭ":
            low = sum(p.test < EGE_MINIMUM[p.subject] for p in group)
            high = sum(p.test >= 80 for p in group)
        else:
            low = sum(p.mark == 2 for p in group)
            high = sum(p.mark >= 4 for p in group)
        figures[key] = (len(group), round(100 * low / len(group), 2), round(100 * high / len(group), 2))
    return figures


def import_creating(db: Database, path: Path, kind: IdKind, values: list[str]):  # type: ignore[no-untyped-def]
    choices = ImportChoices(assign={SchoolRef(kind, v): CREATE_SCHOOL for v in values})
    return apply_import(db, read_import_file(db, path, choices), choices)


CODES = [code for code, _login in rf.SCHOOLS]


def test_title_lines_balls_gia_codes_cp1251(db: Database, tmp_path: Path) -> None:
    people = rf.participants("ЕГЭ", ["РУ", "МАП"], [2024], seed=1)
    path = rf.write_titles_cp1251(tmp_path / "ege.csv", people)
    report = import_creating(db, path, IdKind.GIA_CODE, CODES)
    assert stored(db) == expected(people, lambda p: f"gia{p.code}")
    assert report.results_new == 6
    absent = sum(p.status is not None for p in people)
    assert any(f"без балла и отметки — {absent}" in w for w in report.warnings), report.warnings


def test_columns_test_score_login_beside_code_utf8_bom_tab_several_years(
    db: Database, tmp_path: Path
) -> None:
    people = rf.participants("ЕГЭ", ["РУ", "МАП"], [2023, 2024], seed=2)
    path = rf.write_columns_utf8_tab(tmp_path / "ege.txt", people)
    report = import_workbook(db, path)
    assert stored(db) == expected(people, lambda p: p.login)
    assert report.results_new == 12 and sorted(report.schools_new) == [login for _c, login in rf.SCHOOLS]
    absent = sum(p.status == "неявка" for p in people)
    removed = sum(p.status == "удалён" for p in people)
    summary = next(w for w in report.warnings if w.startswith("Строк участников"))
    assert f"неявка — {absent}" in summary and f"удалены или результат аннулирован — {removed}" in summary
    with db.unit_of_work() as uow:
        names = {s.login: s.full_name for s in uow.schools.all()}
    assert names["sch540001"] == "МБОУ «СОШ № 1»"


def test_oge_marks_by_grade_login_utf8_semicolon(db: Database, tmp_path: Path) -> None:
    people = rf.participants("ОГЭ", ["РУ", "МА"], [2024], seed=3)
    path = rf.write_oge_marks_utf8(tmp_path / "oge.csv", people)
    import_workbook(db, path)
    assert stored(db) == expected(people, lambda p: p.login)


def test_xlsx_other_order_final_score_numeric_subject_codes_date_cells(db: Database, tmp_path: Path) -> None:
    people = rf.participants("ЕГЭ", ["РУ", "МАП"], [2024], seed=4)
    path = rf.write_xlsx(tmp_path / "ege.xlsx", people)
    import_creating(db, path, IdKind.GIA_CODE, CODES)
    assert stored(db) == expected(people, lambda p: f"gia{p.code}")


def test_the_same_register_in_every_variant_gives_the_same_figures(db: Database, tmp_path: Path) -> None:
    people = rf.participants("ЕГЭ", ["РУ"], [2024], seed=5)
    import_workbook(db, rf.write_columns_utf8_tab(tmp_path / "a.txt", people))
    before = stored(db)
    for path in (
        rf.write_titles_cp1251(tmp_path / "b.csv", people),
        rf.write_xlsx(tmp_path / "c.xlsx", people),
    ):
        report = import_workbook(db, path)
        assert not report.changed_anything and report.results_unchanged == 3
    assert stored(db) == before


def test_a_register_with_an_unreadable_score_is_refused_at_its_cell(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(
        "Логин ОО;Предмет;Год;Класс;Балл\nsch1;Русский язык;2024;11;девяносто\n".encode("cp1251")
    )
    with pytest.raises(FileRejected) as rejected:
        import_workbook(db, path)
    assert "строка 2, столбец E" in rejected.value.message and "не балл" in rejected.value.message
    assert stored(db) == {}


def test_f1_files_of_several_schools_import_in_one_go_with_the_journal_comparison(
    db: Database, tmp_path: Path
) -> None:
    schools = {
        "sch101": 'МБОУ "СОШ № 101"',
        "sch102": 'МБОУ "Гимназия № 102"',
        "sch103": "МАОУ «Лицей № 103»",
    }
    marks = {login: rf.f1_marks(seed, 20 + 5 * seed) for seed, login in enumerate(schools)}
    for login, name in schools.items():
        report = import_workbook(db, rf.write_f1(tmp_path / f"{login}.xlsx", login, name, marks[login]))
        assert report.results_new == 1 and report.comparisons_new == 1
    figures = stored(db)
    with db.unit_of_work() as uow:
        comparisons = {
            (c.login, c.procedure.code, c.year): c for c in uow.analysis.comparisons.for_years([2024])
        }
        names = {s.login: s.full_name for s in uow.schools.all()}
    for login, pairs in marks.items():
        written = [m for m, _j in pairs if m is not None]
        low = round(100 * sum(m == 2 for m in written) / len(written), 2)
        high = round(100 * sum(m >= 4 for m in written) / len(written), 2)
        assert figures[(login, "ВПР РУ 5", 2024)] == (len(written), low, high)
        both = [(m, j) for m, j in pairs if m is not None and j is not None]
        comparison = comparisons[(login, "ВПР РУ 5", 2024)]
        assert comparison.participants == len(both)
        assert comparison.lowered_pct == round(100 * sum(m < j for m, j in both) / len(both), 2)
        assert comparison.confirmed_pct == round(100 * sum(m == j for m, j in both) / len(both), 2)
        assert comparison.raised_pct == round(100 * sum(m > j for m, j in both) / len(both), 2)
    assert names["sch101"] == "МБОУ «СОШ № 101»" and names["sch103"] == "МАОУ «Лицей № 103»"
