"""The school checklists of the roadmap editor and of a monitoring round: a model, read in the background."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from lowres_desktop.domain.records import School
from lowres_desktop.domain.roadmaps import Roadmap
from lowres_desktop.services.browse import list_schools
from lowres_desktop.services.roadmaps import create_from_template, load_roadmap
from lowres_desktop.ui.dialogs.round_dialog import RoundDialog
from lowres_desktop.ui.dialogs.school_picker_dialog import LOGIN_ROLE, SchoolPickerDialog


def _rows(dialog: SchoolPickerDialog) -> list[tuple[str, str, str, bool]]:
    model = dialog.checklist.model
    return [
        (
            model.index(r).data(),
            model.index(r).data(LOGIN_ROLE),
            model.index(r).data(Qt.ItemDataRole.ToolTipRole),
            model.index(r).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked,
        )
        for r in range(model.rowCount())
    ]


def _expected(schools: list[School], chosen: set[str]) -> list[tuple[str, str, str, bool]]:
    return [
        (
            f"{s.short_name} ({s.login})" + (f" — {s.district}" if s.district else ""),
            s.login,
            s.full_name,
            s.login in chosen,
        )
        for s in schools
    ]


def test_picker_filters_checks_what_is_shown_and_returns_the_checked_in_list_order(qtbot, demo_db) -> None:
    schools = list_schools(demo_db)
    first, second, last = schools[0].login, schools[1].login, schools[-1].login
    dialog = SchoolPickerDialog(lambda: schools, [last, first, "not-offered"], "Школы", background=False)
    qtbot.addWidget(dialog)
    assert _rows(dialog) == _expected(schools, {first, last})
    assert dialog.chosen() == [first, last]
    assert dialog.checklist.count.text() == "Выбрано: 2"
    model = dialog.checklist.model
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsUserCheckable
    model.setData(model.index(1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)  # a click
    assert dialog.chosen() == [first, second, last] and dialog.checklist.count.text() == "Выбрано: 3"
    model.setData(model.index(0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.chosen() == [second, last]

    dialog.checklist.filter.setText("  ГИМНАЗИЯ ")
    shown = [s for s in schools if "гимназия" in _expected([s], set())[0][0].lower()]
    assert 0 < model.rowCount() == len(shown) < len(schools)
    dialog.checklist.all_button.click()
    assert dialog.chosen() == [s.login for s in schools if s in shown or s.login in {second, last}]
    dialog.checklist.none_button.click()  # only the shown ones: the hidden stay checked
    assert dialog.chosen() == [s.login for s in schools if s.login in {second, last} and s not in shown]
    dialog.checklist.filter.clear()
    assert model.rowCount() == len(schools)
    assert [s.login for s in dialog.chosen_schools()] == dialog.chosen()


def test_picker_reads_a_large_list_in_the_background_with_the_same_rows(qtbot, demo_db) -> None:
    schools = list_schools(demo_db)
    chosen = [schools[3].login]
    at_once = SchoolPickerDialog(lambda: schools, chosen, "Школы", background=False)
    qtbot.addWidget(at_once)
    release, reader = threading.Event(), []

    def slow() -> list[School]:
        reader.append(threading.current_thread())
        release.wait(10)
        return schools

    dialog = SchoolPickerDialog(slow, chosen, "Школы", background=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.checklist.is_loading() and dialog.checklist.model.rowCount() == 0
    assert dialog.checklist.count.text() == "Загрузка…"
    assert not ok.isEnabled() and not dialog.checklist.list.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not dialog.checklist.is_loading(), timeout=10000)
    assert reader and reader[0] is not threading.main_thread()
    assert ok.isEnabled() and dialog.checklist.list.isEnabled()
    assert _rows(dialog) == _rows(at_once) == _expected(schools, set(chosen))
    assert dialog.checklist.count.text() == "Выбрано: 1" and dialog.chosen() == chosen


def _roadmap(db) -> Roadmap:  # type: ignore[no-untyped-def]
    return load_roadmap(db, create_from_template(db, "seed002_novokuznetsk_2020_2021"))


def test_round_dialog_reads_schools_and_flagged_in_the_background(qtbot, seed_db) -> None:
    schools = list_schools(seed_db)
    flagged = {2018: [schools[0].login], 2019: [s.login for s in schools[1:4]]}
    release = threading.Event()

    def slow_flagged() -> dict[int, list[str]]:
        release.wait(10)
        return flagged

    dialog = RoundDialog([_roadmap(seed_db)], lambda: schools, slow_flagged, background=True)
    qtbot.addWidget(dialog)
    assert dialog.is_loading() and not dialog.take_flagged.isEnabled()
    assert not dialog.flagged_status.isHidden()
    qtbot.waitUntil(lambda: not dialog.schools.is_loading(), timeout=10000)
    assert dialog.schools.model.rowCount() == len(schools)
    assert not dialog.take_flagged.isEnabled()  # the flagged schools are still being read
    release.set()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10000)
    assert dialog.take_flagged.isEnabled() and dialog.flagged_status.isHidden()
    assert dialog.flag_year.value() == 2019
    dialog.take_flagged.click()
    assert dialog.monitoring_round().schools == tuple(s.login for s in schools[1:4])


def test_round_dialog_of_a_small_database_is_ready_at_once(qtbot, seed_db) -> None:
    schools = list_schools(seed_db)
    flagged = {2019: [schools[2].login]}
    dialog = RoundDialog([_roadmap(seed_db)], lambda: schools, lambda: flagged, background=False)
    qtbot.addWidget(dialog)
    assert not dialog.is_loading() and dialog.flagged_status.isHidden() and dialog.take_flagged.isEnabled()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.flag_year.value() == 2019 and dialog.schools.model.rowCount() == len(schools)
    dialog.take_flagged.click()
    assert dialog.monitoring_round().schools == (schools[2].login,)
