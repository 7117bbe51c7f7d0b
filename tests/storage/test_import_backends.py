"""The import round trip on every backend (SQLite, and PostgreSQL when LOWRES_TEST_PG_URL is set):
each layout, a conflict, a ГИА code assigned, a hand edit, history and undo."""

from __future__ import annotations

from pathlib import Path

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.importing.parsed import IdKind
from lowres_desktop.services.import_history import ResultEdit, edit_result, import_history, undo_batch
from lowres_desktop.services.import_workbook import (
    CREATE_SCHOOL,
    ConflictPolicy,
    ImportChoices,
    SchoolRef,
    apply_import,
    import_workbook,
    read_import_file,
)
from lowres_desktop.storage.unit_of_work import Database
from tests.data.exchange_files import build_long, build_rcoi_csv, build_vpr_comparison, build_vpr_statistics


def values(db: Database) -> dict[tuple[str, str, int], tuple[object, ...]]:
    with db.unit_of_work() as uow:
        return {
            (r.login, r.procedure.code, r.year): (r.participants, r.pct_low, r.pct_high)
            for r in uow.results.all()
        }


def test_every_layout_then_undo_everything(any_db: Database, tmp_path: Path) -> None:
    first = import_workbook(
        any_db, build_long(tmp_path / "a.xlsx", [["sch1", "СОШ № 1", "ОГЭ РУ", 2025, 20, 10, 40]])
    )
    changed = build_long(tmp_path / "b.xlsx", [["sch1", "Гимназия № 1", "ОГЭ РУ", 2025, 20, 12, 40]])
    second = import_workbook(any_db, changed, on_conflict=ConflictPolicy.REPLACE)
    assert second.results_changed == 1 and second.schools_renamed
    stats = import_workbook(any_db, build_vpr_statistics(tmp_path / "stat.xlsx"))
    comparisons = import_workbook(any_db, build_vpr_comparison(tmp_path / "cmp.xlsx"))
    assert (stats.results_new, comparisons.comparisons_new) == (6, 2)
    choices = ImportChoices(
        assign={
            SchoolRef(IdKind.GIA_CODE, "540001"): "sch1",
            SchoolRef(IdKind.GIA_CODE, "540002"): CREATE_SCHOOL,
        }
    )
    rcoi = apply_import(
        any_db, read_import_file(any_db, build_rcoi_csv(tmp_path / "ege.csv"), choices), choices
    )
    assert rcoi.results_new == 2
    manual = edit_result(
        any_db, ResultEdit("sch1", ProcedureKey(ProcedureKind.OGE, "РУ"), 2025, 20, "11,5", 40, (20, 12, 40))
    )
    assert values(any_db)[("sch1", "ОГЭ РУ", 2025)] == (20, 11.5, 40)
    for batch in (manual, rcoi.batch_id, comparisons.batch_id, stats.batch_id, second.batch_id):
        undo_batch(any_db, batch)
    assert values(any_db) == {("sch1", "ОГЭ РУ", 2025): (20, 10, 40)}
    with any_db.unit_of_work() as uow:
        assert uow.schools.get("sch1").full_name == "СОШ № 1"
        assert [s.login for s in uow.schools.all()] == ["sch1"]
        assert uow.analysis.comparisons.for_years([2026]) == []
    undo_batch(any_db, first.batch_id)
    assert values(any_db) == {}
    assert all(b.undone_at is not None for b in import_history(any_db))
