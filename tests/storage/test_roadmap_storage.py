"""Roadmaps and monitoring rounds in a real database: ids survive edits, entries follow items."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.domain.monitoring import Change, MonitoringRound, Status
from lowres_desktop.domain.records import School, SchoolKind
from lowres_desktop.domain.roadmaps import Executor, duplicate_item, move_item, remove_item
from lowres_desktop.services import monitoring, roadmaps
from lowres_desktop.storage.unit_of_work import Database

LOGINS = ["sch5", "sch11", "sch28", "sch38"]


@pytest.fixture
def db(database_target: str) -> Database:
    database = Database.open(database_target)
    with database.unit_of_work() as uow:
        for login in LOGINS:
            number = login[3:]
            kind = SchoolKind.OOSH if number == "38" else SchoolKind.SOSH
            uow.schools.add(School(login, f"МАОУ {kind.value} № {number}", f"{kind.value} № {number}", kind))
        uow.commit()
    yield database
    database.close()


def _ids(roadmap):  # type: ignore[no-untyped-def]
    return [item.id for section in roadmap.sections for item in section.items]


def test_a_template_is_stored_whole(db: Database) -> None:
    roadmap_id = roadmaps.create_from_template(db, "seed003_novosibirsk_2020_2024")
    stored = roadmaps.load_roadmap(db, roadmap_id)
    assert stored.item_count == 48 and len(stored.indicators) == 25
    assert stored.sections[1].items[7].text.count("\n- ") == 7
    listing = roadmaps.list_roadmaps(db, today=date(2026, 1, 1))[0]
    assert listing.listing.item_count == 48 and listing.rounds == 0
    # Nothing checked yet, so every item with a passed end date is overdue; «По графику»,
    # «по отдельному плану» and the misprinted «апрель 2109» name no date.
    assert listing.overdue == 45


def test_edits_keep_ids_so_entries_stay_attached(db: Database) -> None:
    roadmap = roadmaps.load_roadmap(db, roadmaps.create_from_template(db, "seed001_novosibirsk_2020"))
    first, second = roadmap.sections[0].items[0].id, roadmap.sections[0].items[1].id
    round_id = monitoring.save_round(
        db, MonitoringRound("Июнь", roadmap.id, tuple(LOGINS), (first, second), "1 полугодие 2020")
    )
    monitoring.set_entry(db, round_id, "sch5", first, Status.DONE, "протокол от 12.03.2020")
    monitoring.set_entry(db, round_id, "sch5", second, Status.NOT_DONE)

    edited = move_item(roadmap, (0, 0), (3, 0))
    edited = duplicate_item(edited, (3, 0))
    edited = remove_item(edited, (0, 0))  # the old item 1.2, which had an entry
    stored = roadmaps.save_roadmap(db, edited)

    assert stored.sections[3].items[0].id == first
    assert stored.sections[3].items[1].id not in (None, first)
    assert second not in _ids(stored)
    assert stored.item_count == roadmap.item_count
    grid = monitoring.round_grid(db, round_id)
    assert [n.item.id for n in grid.items] == [first]
    assert grid.entry("sch5", first).comment == "протокол от 12.03.2020"


def test_executors_directory_rename_and_guarded_delete(db: Database) -> None:
    roadmaps.create_from_template(db, "seed001_novosibirsk_2020")
    usage = {u.executor.name: u.items for u in roadmaps.list_executors(db)}
    assert usage["МОУО"] == 20 and usage["ИПК"] == 0
    with pytest.raises(DomainError, match="указан в 20"):
        roadmaps.delete_executor(db, "МОУО")
    roadmaps.save_executor(db, Executor("ДО", "Департамент образования"), old_name="МОУО")
    roadmap = roadmaps.load_roadmap(db, roadmaps.list_roadmaps(db)[0].listing.id)
    assert roadmap.sections[0].items[0].executors == ("ДО", "ОО")
    roadmaps.delete_executor(db, "ИПК")
    assert "ИПК" not in {u.executor.name for u in roadmaps.list_executors(db)}
    with pytest.raises(DomainError, match="уже есть"):
        roadmaps.save_executor(db, Executor("ОО"), old_name="ДО")


def test_round_summary_lists_and_previous_round(db: Database) -> None:
    roadmap = roadmaps.load_roadmap(db, roadmaps.create_from_template(db, "seed002_novokuznetsk_2020_2021"))
    items = tuple(_ids(roadmap)[:2])
    first_round = monitoring.save_round(
        db, MonitoringRound("Декабрь", roadmap.id, tuple(LOGINS), items, ends_on=date(2020, 12, 20))
    )
    for login in LOGINS:
        monitoring.set_entry(db, first_round, login, items[0], Status.NOT_DONE)
    second_round = monitoring.copy_round(db, first_round, "Май")
    monitoring.save_round(
        db, replace(monitoring.round_grid(db, second_round).round, ends_on=date(2021, 5, 20))
    )
    for login, status in zip(
        LOGINS, [Status.DONE, Status.DONE, Status.PARTIAL, Status.NOT_APPLICABLE], strict=True
    ):
        monitoring.set_entry(db, second_round, login, items[0], status, "")
    monitoring.set_entry(db, second_round, "sch38", items[1], Status.NOT_DONE, "нет плана")

    summary = monitoring.round_summary(db, second_round)

    first = summary.items[0]
    assert first.reference == "1.1"
    assert first.shares[Status.DONE] == pytest.approx(200 / 3)
    assert first.share_done_before == 0.0
    assert monitoring.schools_phrase([s.short_name for s in first.schools[Status.DONE]]) == "СОШ № 5, 11"
    assert [s.login for s in first.schools[Status.NOT_APPLICABLE]] == ["sch38"]
    assert summary.previous_round_name == "Декабрь"
    assert [(c.school.login, c.change) for c in summary.changes] == [
        ("sch5", Change.IMPROVED),
        ("sch11", Change.IMPROVED),
        ("sch28", Change.IMPROVED),
    ]
    gaps = {d.school.login: [(g.reference, g.status, g.comment) for g in d.gaps] for d in summary.directives}
    assert gaps["sch28"] == [("1.1", Status.PARTIAL, "")]
    assert gaps["sch38"] == [("1.2", Status.NOT_DONE, "нет плана")]
    assert summary.recorded == 5 and summary.cells == 8
    monitoring.set_entry(db, second_round, "sch5", items[1], None, "")  # entered, then cleared
    listed = {listing.round.name: (listing.recorded, listing.cells) for listing in monitoring.list_rounds(db)}
    assert listed == {"Декабрь": (4, 8), "Май": (5, 8)}
    with pytest.raises(DomainError, match="мониторингов: 2"):
        roadmaps.delete_roadmap(db, roadmap.id)


def test_evidence_files_are_kept_in_the_database(db: Database, tmp_path: Path) -> None:
    roadmap = roadmaps.load_roadmap(db, roadmaps.create_from_template(db, "seed001_novosibirsk_2020"))
    item = _ids(roadmap)[0]
    round_id = monitoring.save_round(db, MonitoringRound("Июнь", roadmap.id, ("sch5",), (item,)))
    source = tmp_path / "положение о ВСОКО.pdf"
    source.write_bytes(b"%PDF-1.4 test")
    evidence_id = monitoring.add_evidence(db, round_id, "sch5", item, source)
    files = monitoring.list_evidence(db, round_id, "sch5", item)
    assert [(f.file_name, f.size) for f in files] == [("положение о ВСОКО.pdf", 13)]
    copy = monitoring.save_evidence_copy(db, evidence_id, tmp_path / "out")
    assert copy.read_bytes() == b"%PDF-1.4 test"
    assert monitoring.round_grid(db, round_id).entry("sch5", item).evidence == ("положение о ВСОКО.pdf",)
    monitoring.delete_evidence(db, evidence_id)
    assert monitoring.list_evidence(db, round_id, "sch5", item) == []
    with pytest.raises(DomainError, match="не входит"):
        monitoring.set_entry(db, round_id, "sch11", item, Status.DONE)


def test_indicator_values_and_progress(db: Database) -> None:
    roadmap = roadmaps.load_roadmap(db, roadmaps.create_from_template(db, "seed003_novosibirsk_2020_2024"))
    young = roadmap.indicators[11]
    roadmaps.set_indicator_value(db, young.id, 2021, 20, "sch5")
    roadmaps.set_indicator_value(db, young.id, 2021, 32, "sch11")
    online = roadmap.indicators[8]
    roadmaps.set_indicator_value(db, online.id, 2022, 35)
    roadmaps.set_indicator_value(db, online.id, 2022, 56)
    progress = roadmaps.indicators_progress(db, roadmap.id)
    assert progress[11].by_year == {2021: 26} and progress[11].reached is True
    assert progress[8].latest_value == 56 and progress[8].fraction == pytest.approx(0.8)
    roadmaps.set_indicator_value(db, online.id, 2022, None)
    assert roadmaps.indicators_progress(db, roadmap.id)[8].latest_value is None


def test_the_overview_counts_rounds_and_overdue_items_as_each_roadmap_does(db: Database) -> None:
    municipal = roadmaps.load_roadmap(db, roadmaps.create_from_template(db, "seed002_novokuznetsk_2020_2021"))
    other = roadmaps.load_roadmap(db, roadmaps.create_from_template(db, "seed001_novosibirsk_2020"))
    school = roadmaps.create_from_template(
        db, "seed002_novokuznetsk_2020_2021", roadmaps.RoadmapLevel.SCHOOL, school_login="sch5"
    )
    today = date(2021, 9, 1)
    before = roadmaps.item_states(db, municipal.id, today)
    late = [item_id for item_id in _ids(municipal) if before[item_id].overdue][:2]
    assert len(late) == 2
    checked = monitoring.save_round(
        db, MonitoringRound("Декабрь", municipal.id, tuple(LOGINS), tuple(late), ends_on=date(2020, 12, 20))
    )
    for login in LOGINS:  # the first late item done everywhere, the second not by sch38
        monitoring.set_entry(db, checked, login, late[0], Status.DONE)
        monitoring.set_entry(
            db, checked, login, late[1], Status.NOT_DONE if login == "sch38" else Status.DONE
        )
    monitoring.save_round(db, MonitoringRound("Май", other.id, ("sch11",), tuple(_ids(other)[:1])))
    overview = {o.listing.id: o for o in roadmaps.list_roadmaps(db, today)}
    assert set(overview) == {municipal.id, other.id, school}
    for roadmap_id, shown in overview.items():
        states = roadmaps.item_states(db, roadmap_id, today)
        assert shown.overdue == sum(1 for state in states.values() if state.overdue)
        assert shown.rounds == len(monitoring.list_rounds(db, roadmap_id))
    assert [overview[r].rounds for r in (municipal.id, other.id, school)] == [1, 1, 0]
    assert overview[municipal.id].overdue == sum(1 for state in before.values() if state.overdue) - 1
    assert overview[school].overdue == sum(1 for state in before.values() if state.overdue)
