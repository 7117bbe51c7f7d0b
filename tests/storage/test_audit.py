"""The audit log: every kind of write is recorded with who, when, what, old and new value."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import delete

from lowres_desktop.domain.records import School, SchoolKind
from lowres_desktop.services.audit import (
    TABLE_NAMES,
    AuditFilter,
    export_audit,
    read_audit,
    write_audit_csv,
)
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage import schema  # noqa: F401  (every table mapped)
from lowres_desktop.storage.models import Base, ResultRow
from lowres_desktop.storage.unit_of_work import Database


def test_an_import_logs_its_results_once_naming_the_batch_that_keeps_each_value(
    any_db: Database, seed_xlsx: Path
) -> None:
    report = import_workbook(any_db, seed_xlsx)
    page = read_audit(any_db, AuditFilter(table="Результаты"), limit=None)
    (line,) = page.lines
    assert (line.action, line.user_name) == ("добавлено", any_db.user_name)
    assert line.row_key == f"пакет импорта № {report.batch_id}"
    assert line.new_value.startswith("212 записей")
    with any_db.unit_of_work() as uow:
        changes = uow.imports.history.changes(report.batch_id)
    results = [c for c in changes if c.target == "result"]
    assert len(results) == 212 and all(c.old is None for c in results)
    (schools,) = read_audit(any_db, AuditFilter(table="Школы"), limit=None).lines
    assert schools.row_key == line.row_key
    assert schools.new_value.startswith(f"{len(report.schools_new)} записей")
    created = sorted(c.new["login"] for c in changes if c.target == "school")
    assert created == sorted(report.schools_new) and len(created) == 15


def test_every_table_has_a_russian_name_in_the_log() -> None:
    assert set(Base.metadata.tables) - set(TABLE_NAMES) == {"audit_entries"}


def test_an_edit_logs_the_old_and_new_value_of_each_field_under_a_chosen_name(any_db: Database) -> None:
    any_db.user_name = "Петрова А. В."
    with any_db.unit_of_work() as uow:
        uow.schools.add(School("sch1", "МБОУ «СОШ № 1»", "СОШ № 1", SchoolKind.SOSH))
        uow.commit()
    with any_db.unit_of_work() as uow:
        uow.schools.update(School("sch1", "МБОУ «Лицей № 1»", "Лицей № 1", SchoolKind.SOSH, active=False))
        uow.commit()
    changes = read_audit(any_db, AuditFilter(user="Петрова А. В.", table="Школы")).lines
    updates = {line.field: (line.old_value, line.new_value) for line in changes if line.action == "изменено"}
    assert updates == {
        "полное наименование": ("МБОУ «СОШ № 1»", "МБОУ «Лицей № 1»"),
        "краткое наименование": ("СОШ № 1", "Лицей № 1"),
        "действует": ("да", "нет"),
    }


def test_bulk_deletes_are_logged_and_rolled_back_actions_leave_no_trace(
    any_db: Database, seed_xlsx: Path
) -> None:
    import_workbook(any_db, seed_xlsx)
    before = read_audit(any_db, limit=None).total
    with any_db.unit_of_work() as uow:
        uow.session.execute(delete(ResultRow).where(ResultRow.year == 2019))
        # no commit: the action is abandoned
    assert read_audit(any_db, limit=None).total == before
    with any_db.unit_of_work() as uow:
        deleted = uow.session.execute(delete(ResultRow).where(ResultRow.year == 2019)).rowcount
        uow.commit()
    removed = [line for line in read_audit(any_db, limit=None).lines if line.action == "удалено"]
    assert len(removed) == deleted > 0
    assert all("year=2019" in line.old_value for line in removed)


def test_the_log_exports_to_csv_for_excel(any_db: Database, tmp_path: Path) -> None:
    with any_db.unit_of_work() as uow:
        uow.schools.add(School("sch7", "МБОУ «СОШ № 7»", "СОШ № 7", SchoolKind.SOSH))
        uow.commit()
    path = tmp_path / "журнал.csv"
    assert export_audit(any_db, path) == 1
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Когда;Кто;Действие;Раздел;Запись;Поле;Было;Стало"
    assert "добавлено;Школы" in text and "login=sch7" in text
    buffer = io.StringIO()
    write_audit_csv(read_audit(any_db, AuditFilter(text="sch7")).lines, buffer)
    assert buffer.getvalue().count("\n") == 2
