"""Optimistic locking: the second of two saves of the same record is refused, naming the first."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.services.audit import read_audit
from lowres_desktop.services.import_history import ResultEdit, edit_result
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.services.results_table import stored_results
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


def _shown(db: Database, login: str) -> tuple[int | None, float | None, float | None]:
    """What a results page opened now shows for the school's ВПР МА 5 of 2019."""
    (result,) = [r for r in stored_results(db, 2019, login).results if r.procedure == MA5 and r.year == 2019]
    return (result.participants, result.pct_low, result.pct_high)


def _edit(
    db: Database, login: str, participants: int, shown: tuple[int | None, float | None, float | None]
) -> int:
    batch = edit_result(db, ResultEdit(login, MA5, 2019, participants, shown[1], shown[2], shown))
    assert batch is not None
    return batch


def test_the_second_correction_of_a_result_is_refused(database_target: str, seed_xlsx: Path) -> None:
    ivanova, petrova = _two_users(database_target)
    try:
        import_workbook(ivanova, seed_xlsx)
        login = result_login(ivanova)
        hers, mine = _shown(ivanova, login), _shown(petrova, login)
        _edit(petrova, login, 99, mine)
        with pytest.raises(EditConflict, match="Петрова"):
            _edit(ivanova, login, 11, hers)
        assert _shown(ivanova, login)[0] == 99
        changes = [line for line in read_audit(ivanova).lines if line.field == "участников"]
        assert [(c.user_name, c.new_value) for c in changes] == [("Петрова", "99")]
        # After reloading, her correction goes in on top of the new value.
        _edit(ivanova, login, 11, _shown(ivanova, login))
        assert _shown(petrova, login)[0] == 11
    finally:
        ivanova.close()
        petrova.close()


def result_login(db: Database) -> str:
    with db.unit_of_work() as uow:
        return next(r.login for r in uow.results.for_years([2019]) if r.procedure == MA5)


def test_concurrent_corrections_on_postgresql_lose_nothing(postgres_target: str, seed_xlsx: Path) -> None:
    """Two threads save 25 numbers each into the same result, retrying when refused.

    Every accepted save must have been made over the value its author had seen
    last: the saves, in the order the history keeps them, form one chain from
    the first value to the last, so no save replaced one its author never saw.
    """
    setup = Database.open(postgres_target)
    import_workbook(setup, seed_xlsx)
    login = result_login(setup)
    start = _shown(setup, login)[0]
    setup.close()
    accepted: dict[int, tuple[int | None, int]] = {}  # batch: (value seen, value saved)
    refusals: list[str] = []

    def save_numbers(name: str, base: int) -> None:
        db = Database.open(postgres_target)
        db.user_name = name
        try:
            for number in range(base, base + 25):
                while True:
                    seen = _shown(db, login)
                    try:
                        batch = _edit(db, login, number, seen)
                    except EditConflict:
                        refusals.append(name)
                        continue
                    accepted[batch] = (seen[0], number)
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
    assert len(accepted) == 50
    previous = start
    for batch in sorted(accepted):
        seen, saved = accepted[batch]
        assert seen == previous
        previous = saved
    db = Database.open(postgres_target)
    assert _shown(db, login)[0] == previous
    updates = [line for line in read_audit(db, limit=None).lines if line.field == "участников"]
    assert len(updates) == 50
    db.close()
