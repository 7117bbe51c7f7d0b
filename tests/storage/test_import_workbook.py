"""Importing into a database: one transaction per file, nothing written on rejection or cancel."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy.exc import IntegrityError

from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result
from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.services.progress import Cancelled
from lowres_desktop.storage.unit_of_work import Database
from tests.data.seed_workbook import SEED_FLAGGED_NUMBERS, build_seed_workbook


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.open(str(tmp_path / "test.sqlite"))
    yield database
    database.close()


def dump(path: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        rows = []
        for table in ("districts", "schools", "procedures", "results", "import_batches"):
            rows += [(table, *row) for row in connection.execute(f"SELECT * FROM {table} ORDER BY id")]
        return rows


def test_seed_import_then_the_rule_names_the_fifteen_schools(db: Database, seed_xlsx: Path) -> None:
    report = import_workbook(db, seed_xlsx)
    assert len(report.schools_new) == 15
    assert report.results_new == 212
    found = identify_schools(db, 2019, default_profile())
    numbers = sorted(int(f.school.short_name.split("№")[-1]) for f in found.flagged)
    assert numbers == SEED_FLAGGED_NUMBERS, "the default profile is seed 002's rule"
    assert identify_schools(db, 2019).profile == default_profile(), "and the current one of a new database"


def test_reimporting_the_same_file_changes_nothing_and_says_so(db: Database, seed_xlsx: Path) -> None:
    import_workbook(db, seed_xlsx)
    before = dump(db.target)
    again = import_workbook(db, seed_xlsx)
    assert not again.changed_anything
    assert again.results_unchanged == 212
    assert again.imported_before is not None
    assert dump(db.target) == before


def _bad_value(values: dict) -> None:
    values["sch423404"][("ОГЭ МА", 2019)][0] = "abc"


def test_a_bad_cell_rejects_the_whole_file_and_writes_nothing(
    db: Database, tmp_path: Path, seed_xlsx: Path
) -> None:
    import_workbook(db, seed_xlsx)
    before = dump(db.target)
    changed = build_seed_workbook(
        tmp_path / "changed.xlsx",
        edit=lambda v: (v["sch420220"][("ВПр МА 5", 2019)].__setitem__(0, 10), _bad_value(v)),
    )
    with pytest.raises(FileRejected) as rejected:
        import_workbook(db, changed)
    message = rejected.value.message
    assert "база не изменена" in message
    assert "лист «Приложение 1», строка 11, столбец T" in message and "«abc»" in message
    assert dump(db.target) == before


def test_changed_values_and_renamed_schools_are_reported(
    db: Database, tmp_path: Path, seed_xlsx: Path
) -> None:
    import_workbook(db, seed_xlsx)

    def edit(values: dict) -> None:
        values["sch420220"][("ВПр МА 5", 2019)][0] = 10

    changed = build_seed_workbook(tmp_path / "changed.xlsx", edit=edit)
    workbook = __import__("openpyxl").load_workbook(changed)
    workbook.active["B6"] = "МБОУ «Школа № 12 имени героя»"
    workbook.save(changed)
    report = import_workbook(db, changed)
    assert report.results_changed == 1
    assert report.results_unchanged == 211
    assert report.schools_renamed == [("sch420220", "МБОУ «СОШ № 12»", "МБОУ «Школа № 12 имени героя»")]
    with db.unit_of_work() as uow:
        assert uow.schools.get("sch420220").short_name == "Школа № 12 имени героя"
        (ma5,) = [
            r
            for r in uow.results.for_school("sch420220")
            if r.procedure.code == "ВПР МА 5" and r.year == 2019
        ]
    assert ma5.pct_low == 10


def test_an_unknown_subject_code_becomes_a_new_procedure_with_a_warning(db: Database, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Название ОО", "Логин ОО", "ВПР ЗЯ 7 2024", None, "ЕГЭ МАП 2024", None])
    sheet.append([None, None, "% 2", "% Выс. рез-тов", "% 2", "% Выс. рез-тов"])
    sheet.append(["МБОУ «СОШ № 1»", "sch1", 5, 20, 3, 30])
    workbook.save(tmp_path / "new.xlsx")
    report = import_workbook(db, tmp_path / "new.xlsx")
    assert [p.code for p in report.procedures_new] == ["ВПР ЗЯ 7", "ЕГЭ МАП"]
    assert [w for w in report.warnings if "ЗЯ" in w] == [
        "Неизвестный код предмета «ЗЯ»: создана новая процедура «ВПР ЗЯ 7»."
    ]
    assert not [w for w in report.warnings if "МАП" in w]


def test_cancelling_writes_nothing(db: Database, seed_xlsx: Path) -> None:
    before = dump(db.target)
    with pytest.raises(Cancelled):
        import_workbook(db, seed_xlsx, cancel=lambda: True)
    assert dump(db.target) == before


def test_a_missing_file_is_rejected_in_russian(db: Database, tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="не удалось открыть"):
        import_workbook(db, tmp_path / "нет такого.xlsx")


def test_the_schema_refuses_impossible_values(db: Database, seed_xlsx: Path) -> None:
    import_workbook(db, seed_xlsx)
    ma5 = ProcedureKey(ProcedureKind.VPR, "МА", 5)
    with db.unit_of_work() as uow, pytest.raises(IntegrityError):
        uow.results.save([Result("sch420220", ma5, 2020, None, 140.0, None)])
        uow.session.flush()
    with closing(sqlite3.connect(db.target)) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("INSERT INTO results (school_id, procedure_id, year) VALUES (999, 1, 2020)")
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute(
                "INSERT INTO schools (login, full_name, short_name, kind) "
                "VALUES ('sch420220', 'x', 'x', 'СОШ')"
            )
