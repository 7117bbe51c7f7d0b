"""Optimistic locking: the second of two saves of the same record is refused, naming the first."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.services.audit import correct_result, read_audit, result_for_edit
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.services.roadmaps import create_from_template, load_roadmap, save_roadmap
from lowres_desktop.storage.audit import EditConflict
from lowres_desktop.storage.unit_of_work import Database

MA5 = ProcedureKey(ProcedureKind.VPR, "МА", 5)


def _two_users(target: str) -> tuple[Database, Database]:
    first, second = Database.open(target), Database.open(target)
    first.user_name, second.user_name = "Иванова", "Петрова"
    return first, second


def _with_item_text(roadmap, section: int, item: int, text: str):  # type: ignore[no-untyped-def]
    sections = list(roadmap.sections)
    items = list(sections[section].items)
    items[item] = replace(items[item], text=text)
    sections[section] = replace(sections[section], items=tuple(items))
    return replace(roadmap, sections=tuple(sections))


def test_the_second_save_of_a_roadmap_item_is_refused_and_names_who_and_when(database_target: str) -> None:
    ivanova, petrova = _two_users(database_target)
    try:
        roadmap_id = create_from_template(ivanova, "seed002_novokuznetsk_2020_2021")
        hers, mine = load_roadmap(ivanova, roadmap_id), load_roadmap(petrova, roadmap_id)
        save_roadmap(petrova, _with_item_text(mine, 0, 0, "Текст Петровой"))
        edited = _with_item_text(hers, 0, 0, "Текст Ивановой")
        with pytest.raises(EditConflict, match=r"Петрова \d\d\.\d\d\.\d{4} в \d\d:\d\d") as refused:
            save_roadmap(ivanova, edited)
        assert "остались в окне" in str(refused.value)
        assert load_roadmap(ivanova, roadmap_id).sections[0].items[0].text == "Текст Петровой"
        # After reloading, her edit goes in on top of the new version.
        fresh = load_roadmap(ivanova, roadmap_id)
        stored = save_roadmap(ivanova, _with_item_text(fresh, 0, 0, "Текст Ивановой"))
        assert stored.sections[0].items[0].text == "Текст Ивановой"
        # An untouched item with a stale version is not a conflict: nothing of it is written.
        other = _with_item_text(load_roadmap(petrova, roadmap_id), 0, 1, "Второй пункт")
        save_roadmap(petrova, replace(other, title=other.title))
    finally:
        ivanova.close()
        petrova.close()


def test_the_second_correction_of_a_result_is_refused(database_target: str, seed_xlsx: Path) -> None:
    ivanova, petrova = _two_users(database_target)
    try:
        import_workbook(ivanova, seed_xlsx)
        login = result_for_edit_login(ivanova)
        hers = result_for_edit(ivanova, login, MA5, 2019)
        mine = result_for_edit(petrova, login, MA5, 2019)
        saved = correct_result(petrova, replace(mine, result=replace(mine.result, participants=99)))
        assert saved.version == mine.version + 1
        with pytest.raises(EditConflict, match="Петрова"):
            correct_result(ivanova, replace(hers, result=replace(hers.result, participants=11)))
        assert result_for_edit(ivanova, login, MA5, 2019).result.participants == 99
        changes = [line for line in read_audit(ivanova).lines if line.field == "участников"]
        assert [(c.user_name, c.new_value) for c in changes] == [("Петрова", "99")]
    finally:
        ivanova.close()
        petrova.close()


def result_for_edit_login(db: Database) -> str:
    with db.unit_of_work() as uow:
        return next(r.login for r in uow.results.for_years([2019]) if r.procedure == MA5)


def test_concurrent_corrections_on_postgresql_lose_nothing(postgres_target: str, seed_xlsx: Path) -> None:
    """Two threads save 25 numbers each into the same result, retrying when refused.

    Every accepted save must have been made over the value its author had seen
    last: the saves form one chain from the first value to the last, so no
    save silently replaced one its author never saw.
    """
    setup = Database.open(postgres_target)
    import_workbook(setup, seed_xlsx)
    login = result_for_edit_login(setup)
    start = result_for_edit(setup, login, MA5, 2019)
    setup.close()
    accepted: list[tuple[int, int | None, int]] = []  # (new version, value seen, value saved)
    refusals: list[str] = []

    def save_numbers(name: str, base: int) -> None:
        db = Database.open(postgres_target)
        db.user_name = name
        try:
            for number in range(base, base + 25):
                while True:
                    seen = result_for_edit(db, login, MA5, 2019)
                    mine = replace(seen, result=replace(seen.result, participants=number))
                    try:
                        saved = correct_result(db, mine)
                    except EditConflict:
                        refusals.append(name)
                        continue
                    accepted.append((saved.version, seen.result.participants, number))
                    break
        finally:
            db.close()

    workers = [
        threading.Thread(target=save_numbers, args=(name, base))
        for name, base in (("Иванова", 1000), ("Петрова", 2000))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    accepted.sort()
    assert [version for version, _seen, _saved in accepted] == list(
        range(start.version + 1, start.version + 51)
    )
    previous = start.result.participants
    for _version, seen, saved in accepted:
        assert seen == previous
        previous = saved
    db = Database.open(postgres_target)
    assert result_for_edit(db, login, MA5, 2019).result.participants == previous
    updates = [line for line in read_audit(db, limit=None).lines if line.field == "участников"]
    assert len(updates) == 50
    db.close()
