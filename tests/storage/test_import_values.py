"""Every value bounded and every login normalised before it keys a school, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from lowres_desktop.importing.identifiers import identifier_problem, normalize_identifier
from lowres_desktop.importing.parsed import IdKind
from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage.models import SchoolRow
from lowres_desktop.storage.unit_of_work import Database
from tests.data.bad_inputs.make_bad_inputs import _sheet

HEADERS = ["Логин ОО", "Название ОО", "Процедура", "Год", "Участников", "% «2»", "% высоких"]


def _file(path: Path, *rows: list[object]) -> Path:
    _sheet(path, HEADERS, *rows)
    return path


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("sch420220\u200b", "sch420220"),
        ("\ufeffsch420220", "sch420220"),
        ("  sch420220\u00a0", "sch420220"),
        ("ｓｃｈ４２０２２０", "sch420220"),
        ("sch42\u00ad0220", "sch420220"),
    ],
)
def test_invisible_and_full_width_characters_leave_a_login(raw: str, clean: str) -> None:
    assert normalize_identifier(raw) == clean
    assert identifier_problem(clean, IdKind.LOGIN) is None


@pytest.mark.parametrize("login", ["=1+2", "+sch1", "@sch1", "sch 1", "sсh1", "1sch", "x" * 65])
def test_what_is_not_a_login_is_named(login: str) -> None:
    assert identifier_problem(normalize_identifier(login), IdKind.LOGIN)


def test_gia_codes_are_digits() -> None:
    assert identifier_problem("540001", IdKind.GIA_CODE) is None
    assert identifier_problem("54-0001", IdKind.GIA_CODE)


def test_a_login_with_a_zero_width_space_is_the_same_school(database_target: str, tmp_path: Path) -> None:
    db = Database.open(database_target)
    try:
        import_workbook(db, _file(tmp_path / "a.xlsx", ["sch1", "МБОУ «СОШ № 1»", "ОГЭ РУ", 2025, 20, 5, 30]))
        import_workbook(
            db, _file(tmp_path / "b.xlsx", ["sch1\u200b", "МБОУ «СОШ № 1»", "ОГЭ МА", 2025, 20, 5, 30])
        )
        with db.unit_of_work() as uow:
            logins = uow.session.scalars(select(SchoolRow.login)).all()
        assert logins == ["sch1"]
    finally:
        db.close()


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (["=1+2", "СОШ", "ОГЭ РУ", 2025, 20, 5, 30], "не похож на логин ФИС ОКО"),
        (["sch1", "СОШ", "ОГЭ РУ", 2025, 3_000_000_000, 5, 30], "число больше 100 000"),
        (["sch1", "СОШ", "ОГЭ РУ", 2025, 1e20, 5, 30], "число больше 100 000"),
        (["sch1", "Я" * 32_767, "ОГЭ РУ", 2025, 20, 5, 30], "длиннее 500 знаков"),
        (["s" + "c" * 299, "СОШ", "ОГЭ РУ", 2025, 20, 5, 30], "не похож на логин"),
    ],
)
def test_values_out_of_bounds_are_refused_naming_the_cell(
    database_target: str, tmp_path: Path, row: list[object], words: str
) -> None:
    db = Database.open(database_target)
    try:
        with pytest.raises(FileRejected) as rejected:
            import_workbook(db, _file(tmp_path / "bad.xlsx", row))
        assert words in rejected.value.message and "строка 2" in rejected.value.message
        with db.unit_of_work() as uow:
            assert uow.session.scalar(select(func.count()).select_from(SchoolRow)) == 0
    finally:
        db.close()


def test_a_name_of_500_characters_imports_and_its_short_name_fits(
    database_target: str, tmp_path: Path
) -> None:
    long_name = ("МБОУ «Средняя общеобразовательная школа " + "очень " * 100)[:499] + "»"
    db = Database.open(database_target)
    try:
        import_workbook(db, _file(tmp_path / "a.xlsx", ["sch1", long_name, "ОГЭ РУ", 2025, 20, 5, 30]))
        with db.unit_of_work() as uow:
            full, short = uow.session.execute(select(SchoolRow.full_name, SchoolRow.short_name)).one()
        assert len(full) == 500 and len(short) == 200 and short.endswith("…")
    finally:
        db.close()
