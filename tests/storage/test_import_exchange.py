"""Importing every layout into a database: conflicts, identifiers, remembered headers, history and undo."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import Workbook

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.importing.parsed import ColumnMapping, ColumnRole, IdKind, Measure, ParseOptions
from lowres_desktop.importing.problems import FileRejected
from lowres_desktop.services.import_history import ResultEdit, edit_result, import_history, undo_batch
from lowres_desktop.services.import_workbook import (
    CREATE_SCHOOL,
    ConflictPolicy,
    ImportChoices,
    RecordRef,
    SchoolRef,
    apply_import,
    import_workbook,
    plan_import,
    read_import_file,
)
from lowres_desktop.services.minimum_scores import minimum_scores, save_minimum_score
from lowres_desktop.services.progress import Cancelled
from lowres_desktop.storage.import_repository import StoredMinimumScore
from lowres_desktop.storage.unit_of_work import Database
from tests.data.exchange_files import build_long, build_rcoi_csv, build_vpr_comparison, build_vpr_statistics

OGE_RU = ProcedureKey(ProcedureKind.OGE, "РУ")
EGE_RU = ProcedureKey(ProcedureKind.EGE, "РУ")


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database.open(str(tmp_path / "test.sqlite"))
    yield database
    database.close()


def dump(db: Database) -> list[tuple[object, ...]]:
    """The data tables, without optimistic-locking version counters (not data)."""
    with closing(sqlite3.connect(db.target)) as connection:
        rows = []
        for table in ("schools", "procedures", "results", "mark_comparisons", "school_identifiers"):
            columns = [c[1] for c in connection.execute(f"PRAGMA table_info({table})") if c[1] != "version"]
            query = f"SELECT {', '.join(columns)} FROM {table} ORDER BY id"
            rows += [(table, *row) for row in connection.execute(query)]
        return rows


def results(db: Database) -> dict[tuple[str, str, int], tuple[object, ...]]:
    with db.unit_of_work() as uow:
        return {
            (r.login, r.procedure.code, r.year): (r.participants, r.pct_low, r.pct_high)
            for r in uow.results.all()
        }


def long_file(tmp_path: Path, name: str, rows: list[list[object]]) -> Path:
    return build_long(tmp_path / name, rows)


def test_conflict_policies_fail_keep_replace_and_gaps_never_erase(db: Database, tmp_path: Path) -> None:
    import_workbook(db, long_file(tmp_path, "a.xlsx", [["sch1", "СОШ 1", "ОГЭ РУ", 2025, 20, 10, 40]]))
    changed = long_file(tmp_path, "b.xlsx", [["sch1", "", "ОГЭ РУ", 2025, None, 15, 40]])
    before = dump(db)
    with pytest.raises(FileRejected, match="расходятся с базой") as rejected:
        import_workbook(db, changed, on_conflict=ConflictPolicy.FAIL)
    assert "в базе 20 / 10 / 40, в файле — / 15 / 40" in str(rejected.value)
    assert dump(db) == before
    kept = import_workbook(db, changed, on_conflict=ConflictPolicy.KEEP)
    assert (kept.results_kept, kept.changed_anything) == (1, False)
    assert results(db)[("sch1", "ОГЭ РУ", 2025)] == (20, 10, 40)
    replaced = import_workbook(db, changed, on_conflict=ConflictPolicy.REPLACE)
    assert replaced.results_changed == 1
    assert results(db)[("sch1", "ОГЭ РУ", 2025)] == (20, 15, 40)


def test_per_record_decisions(db: Database, tmp_path: Path) -> None:
    import_workbook(
        db,
        long_file(
            tmp_path,
            "a.xlsx",
            [["sch1", "", "ОГЭ РУ", 2025, 20, 10, 40], ["sch2", "", "ОГЭ РУ", 2025, 30, 5, 50]],
        ),
    )
    path = long_file(
        tmp_path,
        "b.xlsx",
        [["sch1", "", "ОГЭ РУ", 2025, 20, 11, 40], ["sch2", "", "ОГЭ РУ", 2025, 30, 6, 50]],
    )
    choices = ImportChoices(on_conflict=ConflictPolicy.PER_RECORD)
    reading = read_import_file(db, path, choices)
    plan = plan_import(db, reading, choices)
    assert [(c.key[0], c.sheet, c.row) for c in plan.conflicts] == [
        ("sch1", "Результаты", 3),
        ("sch2", "Результаты", 4),
    ]
    choices.replace = {RecordRef("result", ("sch2", OGE_RU, 2025))}
    report = apply_import(db, reading, choices)
    assert (report.results_changed, report.results_kept) == (1, 1)
    got = results(db)
    assert got[("sch1", "ОГЭ РУ", 2025)][1] == 10 and got[("sch2", "ОГЭ РУ", 2025)][1] == 6


def test_undo_restores_exactly_what_a_batch_replaced(db: Database, tmp_path: Path, seed_xlsx: Path) -> None:
    first = import_workbook(
        db, long_file(tmp_path, "a.xlsx", [["sch1", "СОШ № 1", "ОГЭ РУ", 2025, 20, 10, 40]])
    )
    after_first = dump(db)
    second = import_workbook(
        db,
        long_file(
            tmp_path,
            "b.xlsx",
            [
                ["sch1", "Гимназия № 1", "ОГЭ РУ", 2025, 21, 12, 41],
                ["sch7", "ООШ № 7", "ОГЭ РУ", 2025, 9, 50, 0],
            ],
        ),
    )
    assert second.schools_new == ["sch7"] and second.schools_renamed
    with pytest.raises(DomainError, match=f"пакеты № {second.batch_id}"):
        undo_batch(db, first.batch_id)
    report = undo_batch(db, second.batch_id)
    assert (report.results_restored, report.results_removed, report.schools_removed) == (1, 1, 1)
    assert report.schools_renamed_back == 1
    assert dump(db) == after_first
    with pytest.raises(DomainError, match="уже отменён"):
        undo_batch(db, second.batch_id)
    undo_batch(db, first.batch_id)
    assert results(db) == {}
    history = import_history(db)
    assert [b.id for b in history] == [second.batch_id, first.batch_id]
    assert all(b.undone_at is not None for b in history)
    assert history[0].file_name == "b.xlsx" and len(history[0].sha256) == 64


def test_a_hand_edit_is_a_batch_that_can_be_undone(db: Database, tmp_path: Path) -> None:
    import_workbook(db, long_file(tmp_path, "a.xlsx", [["sch1", "", "ОГЭ РУ", 2025, 20, 10, 40]]))
    batch = edit_result(db, ResultEdit("sch1", OGE_RU, 2025, 20, 12.5, 40, (20, 10, 40)))
    assert results(db)[("sch1", "ОГЭ РУ", 2025)] == (20, 12.5, 40)
    assert import_history(db)[0].kind == "manual"
    assert edit_result(db, ResultEdit("sch1", OGE_RU, 2025, 20, 12.5, 40, (20, 12.5, 40))) is None
    with pytest.raises(DomainError, match="вне диапазона"):
        edit_result(db, ResultEdit("sch1", OGE_RU, 2025, 20, 120, 40, (20, 12.5, 40)))
    undo_batch(db, batch)
    assert results(db)[("sch1", "ОГЭ РУ", 2025)] == (20, 10, 40)


def test_gia_codes_reject_then_skip_then_assign_and_remember(db: Database, tmp_path: Path) -> None:
    import_workbook(db, long_file(tmp_path, "a.xlsx", [["sch1", "СОШ № 1", "ОГЭ РУ", 2025, 20, 10, 40]]))
    csv_path = build_rcoi_csv(tmp_path / "ege.csv")
    before = dump(db)
    with pytest.raises(FileRejected, match="540001, 540002"):
        import_workbook(db, csv_path)
    assert dump(db) == before
    skipped = import_workbook(db, csv_path, skip_unmatched=True)
    assert skipped.unmatched == ["540001", "540002"] and not skipped.changed_anything
    choices = ImportChoices(
        assign={
            SchoolRef(IdKind.GIA_CODE, "540001"): "sch1",
            SchoolRef(IdKind.GIA_CODE, "540002"): CREATE_SCHOOL,
        }
    )
    report = apply_import(db, read_import_file(db, csv_path, choices), choices)
    assert report.schools_new == ["gia540002"] and report.results_new == 2
    assert results(db)[("sch1", "ЕГЭ РУ", 2022)] == (5, 40.0, 40.0)
    again = import_workbook(db, csv_path)
    assert again.results_unchanged == 2
    with db.unit_of_work() as uow:
        assert uow.imports.identifiers.for_school("sch1") == [("gia_code", "540001")]


def test_no_student_data_is_stored(db: Database, tmp_path: Path) -> None:
    choices = ImportChoices(
        assign={SchoolRef(IdKind.GIA_CODE, c): CREATE_SCHOOL for c in ("540001", "540002")}
    )
    apply_import(db, read_import_file(db, build_rcoi_csv(tmp_path / "ege.csv"), choices), choices)
    raw = Path(db.target).read_bytes()
    assert "Иванов".encode() not in raw and "Иванов".encode("cp1251") not in raw


def test_minimum_score_edits_change_the_derived_figures(db: Database, tmp_path: Path) -> None:
    shipped = {(e.score.kind, e.score.subject, e.score.year): e for e in minimum_scores(db)}
    assert shipped[("ЕГЭ", "РУ", 2026)].score.minimum == 24
    assert shipped[("ЕГЭ", "МАП", 2024)].score.minimum == 27
    assert shipped[("ОГЭ", "МА", 2023)].score.minimum == 8
    save_minimum_score(db, StoredMinimumScore("ЕГЭ", "РУ", 2022, "test", 36, 80, "для поступления"))
    edited = [
        e for e in minimum_scores(db) if (e.score.kind, e.score.subject, e.score.year) == ("ЕГЭ", "РУ", 2022)
    ]
    assert [(e.score.minimum, e.edited) for e in edited] == [(36, True)]
    choices = ImportChoices(
        assign={SchoolRef(IdKind.GIA_CODE, c): CREATE_SCHOOL for c in ("540001", "540002")}
    )
    report = apply_import(db, read_import_file(db, build_rcoi_csv(tmp_path / "ege.csv"), choices), choices)
    assert any("меньше 36" in w for w in report.warnings)
    assert results(db)[("gia540002", "ЕГЭ РУ", 2022)][1] == 25.0


def test_remembered_header_mapping_is_offered_next_time(db: Database, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Логин ОО", "Название ОО", "ВПР МА 5 2019", None, "Матем. 6 кл. 2019", None])
    sheet.append([None, None, "% 2", "% Выс. рез-тов", "% 2", "% Выс. рез-тов"])
    sheet.append(["sch1", "СОШ № 1", 10, 20, 30, 40])
    path = tmp_path / "wide.xlsx"
    workbook.save(path)
    ma6 = ProcedureKey(ProcedureKind.VPR, "МА", 6)
    mappings = [
        ColumnMapping(5, "Матем. 6 кл. 2019 / % 2", ColumnRole.VALUE, ma6, 2019, Measure.LOW),
        ColumnMapping(6, "Матем. 6 кл. 2019 / % Выс. рез-тов", ColumnRole.VALUE, ma6, 2019, Measure.HIGH),
    ]
    choices = ImportChoices(
        options={0: ParseOptions(columns={m.column: m for m in mappings})},
        remember=[("appendix", m) for m in mappings],
    )
    apply_import(db, read_import_file(db, path, choices), choices)
    assert results(db)[("sch1", "ВПР МА 6", 2019)] == (None, 30, 40)
    reading = read_import_file(db, path)
    assert {(r.procedure.code, r.pct_low) for r in reading.parsed[0].results} == {
        ("ВПР МА 5", 10),
        ("ВПР МА 6", 30),
    }


def test_vpr_statistics_and_journal_comparison_land_where_the_analysis_reads(
    db: Database, tmp_path: Path
) -> None:
    report = import_workbook(db, build_vpr_statistics(tmp_path / "stat.xlsx"))
    assert report.results_new == 6 and len(report.schools_new) == 3
    cmp_report = import_workbook(db, build_vpr_comparison(tmp_path / "cmp.xlsx"))
    assert cmp_report.comparisons_new == 2
    with db.unit_of_work() as uow:
        comparisons = uow.analysis.comparisons.for_years([2026])
    assert {(c.login, c.lowered_pct) for c in comparisons} == {("edu203389", 25.0), ("edu203390", 8.0)}
    undo_batch(db, cmp_report.batch_id)
    with db.unit_of_work() as uow:
        assert uow.analysis.comparisons.for_years([2026]) == []


def test_cancelling_a_large_import_writes_nothing(db: Database, tmp_path: Path) -> None:
    rows = [[f"sch{n}", "", "ОГЭ РУ", 2025, 20, 10, 40] for n in range(1200)]
    path = long_file(tmp_path, "big.xlsx", rows)
    before = dump(db)
    with pytest.raises(Cancelled):
        import_workbook(db, path, cancel=lambda: True)
    assert dump(db) == before


def test_undo_refuses_when_a_value_was_changed_outside_the_history(db: Database, tmp_path: Path) -> None:
    first = import_workbook(
        db,
        long_file(
            tmp_path,
            "a.xlsx",
            [["sch1", "СОШ № 1", "ОГЭ РУ", 2025, 20, 10, 40], ["sch2", "СОШ № 2", "ОГЭ РУ", 2025, 30, 5, 50]],
        ),
    )
    with closing(sqlite3.connect(db.target)) as other_program, other_program:
        other_program.execute("UPDATE results SET pct_low = 11 WHERE pct_low = 5")
    before = dump(db)
    with pytest.raises(DomainError, match="изменено не через импорт"):
        undo_batch(db, first.batch_id)
    assert dump(db) == before
    assert import_history(db)[0].undone_at is None
