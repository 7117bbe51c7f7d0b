"""A monitoring round entered through the GUI, keyboard only, gives the expected shares and lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from lowres_desktop.domain.monitoring import Status
from lowres_desktop.domain.schools import natural_sort_key
from lowres_desktop.services.monitoring import delete_round, round_summary, schools_phrase
from lowres_desktop.services.roadmaps import create_from_template, load_roadmap
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.views.monitoring_view import MonitoringView
from tests.ui.qt_helpers import app_context, wait_writes


def test_keyboard_entry_gives_seed_style_shares(
    qtbot, seed_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    roadmap = load_roadmap(seed_db, create_from_template(seed_db, "seed002_novokuznetsk_2020_2021"))
    view = MonitoringView(app_context(qtbot, seed_db))
    qtbot.addWidget(view)
    view.refresh(seed_db)
    assert "Мониторингов нет" in view.progress.text()
    assert not view._cell_panel.isEnabled() and not any(b.isEnabled() for b in view._round_buttons)

    dialog = view._round_dialog()
    assert dialog is not None
    assert "по текущему профилю: Профиль «По умолчанию" in dialog.rule_label.text()
    assert dialog.rule_label.isVisibleTo(dialog) and dialog.take_flagged.toolTip() == dialog.rule_label.text()
    dialog.name.setText("Мониторинг 1 полугодия")
    dialog.flag_year.setValue(2019)
    dialog._on_take_flagged()  # the 15 schools of seed 002
    first_items = [item.id for item in roadmap.sections[0].items[:3]]
    dialog.set_items_checked(first_items)
    view.save_round_from(dialog)
    wait_writes(qtbot, view.context)
    grid = view.model.grid
    assert grid is not None and len(grid.schools) == 15 and len(grid.items) == 3

    # Keyboard only: the cursor starts at the first cell and steps right, then to the next row.
    view.grid.setFocus()
    keys = "123" + "111" * 14
    for key in keys:
        qtbot.keyClick(view.grid, key)
    # Back to the last school's 2nd item and clear it with Delete.
    view.grid.setCurrentIndex(view.model.index(14, 1))
    qtbot.keyClick(view.grid, Qt.Key.Key_Delete)
    view.grid.setCurrentIndex(view.model.index(0, 2))
    view.comment.setPlainText("Отчёт не представлен")
    view._on_save_comment_clicked()
    wait_writes(qtbot, view.context)

    summary = round_summary(seed_db, view.current_round_id())
    first, second, third = summary.items
    assert first.counts[Status.DONE] == 15 and first.shares[Status.DONE] == 100.0
    assert second.counts[Status.PARTIAL] == 1 and len(second.unrecorded) == 1
    assert second.shares[Status.PARTIAL] == pytest.approx(100 / 14)
    assert third.counts[Status.NOT_DONE] == 1
    assert third.shares[Status.DONE] == pytest.approx(1400 / 15)
    first_school = grid.schools[0]
    assert [s.login for s in third.schools[Status.NOT_DONE]] == [first_school.login]
    gaps = {d.school.login: d.gaps for d in summary.directives}
    assert [(g.reference, g.status, g.comment) for g in gaps[first_school.login]] == [
        ("1.2", Status.PARTIAL, ""),
        ("1.3", Status.NOT_DONE, "Отчёт не представлен"),
    ]
    text = _summary_text(view).replace("\u00a0", " ")
    assert "в 100 % ОО — выполнено" in text
    # Each item is headed by its reference alone, not also numbered by a list («1. 1.2. …»).
    assert "<ol" not in view.summary.toHtml()
    assert f"{first.reference}. {first.text.splitlines()[0]}" in text.splitlines()
    assert "не заполнено: " + grid.schools[14].short_name in text
    assert view.progress.text().endswith("Заполнено 44 из 45.")
    # A round without a period of its own: one space before the count, not two.
    assert "  " not in view.progress.text() and "годы. Заполнено" in view.progress.text()
    # The rows in the order of the schools' names, not in the order they were ticked in.
    names = [school.short_name for school in grid.schools]
    assert names == sorted(names, key=natural_sort_key) and names[:2] == ["ООШ № 23", "ООШ № 24"]
    assert schools_phrase([s.short_name for s in third.schools[Status.NOT_DONE]]) == first_school.short_name
    assert view._cell_panel.isEnabled() and all(b.isEnabled() for b in view._round_buttons)

    # The round deleted (or a copy without rounds restored): nothing of its last cell stays.
    view._write_round("Удаление", lambda db, _p, _c: delete_round(db, view.current_round_id()))
    wait_writes(qtbot, view.context)
    qtbot.waitUntil(lambda: view.current_round_id() is None)
    assert view.cell_title.text() == "" and view.comment.toPlainText() == "" and view.evidence.count() == 0
    assert not view._cell_panel.isEnabled() and not any(b.isEnabled() for b in view._round_buttons)


def _summary_text(view: MonitoringView) -> str:
    view.tabs.setCurrentIndex(1)
    return view.summary.toPlainText()


def test_evidence_attached_from_the_panel(qtbot, seed_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roadmap = load_roadmap(seed_db, create_from_template(seed_db, "seed001_novosibirsk_2020"))
    view = MonitoringView(app_context(qtbot, seed_db))
    qtbot.addWidget(view)
    view.refresh(seed_db)
    dialog = view._round_dialog()
    dialog.schools.set_chosen(["sch420220"])
    dialog.set_items_checked([roadmap.sections[0].items[0].id])
    view.save_round_from(dialog)
    wait_writes(qtbot, view.context)
    proof = tmp_path / "протокол.pdf"
    proof.write_bytes(b"%PDF")
    view.attach_file(0, 0, proof)
    wait_writes(qtbot, view.context)
    assert view.evidence.count() == 1 and view.evidence.item(0).text().startswith("протокол.pdf")
    assert "+" in view.model.data(view.model.index(0, 0))
    view.grid.setCurrentIndex(view.model.index(0, 0))
    view.grid.setFocus()
    qtbot.keyClick(view.grid, "2")  # «◐», the widest mark
    view.comment.setPlainText("Протокол")
    view._on_save_comment_clicked()
    wait_writes(qtbot, view.context)
    assert view.model.data(view.model.index(0, 0)) == "◐ ✎+"
    view.refresh(seed_db)  # the columns are fitted when the round is shown
    for column in range(view.model.columnCount()):
        # Fitted from the texts a cell can show, never narrower than what Qt measures from the cells.
        assert view.grid.columnWidth(column) >= view.grid.sizeHintForColumn(column)


def test_take_flagged_marks_the_current_profile_s_list(qtbot, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from lowres_desktop.domain.profiles import default_profile
    from lowres_desktop.services.identify_schools import identify_schools
    from lowres_desktop.services.rule_profiles import save_profile

    lower = replace(default_profile(), name="25 %", default_threshold=25.0, min_participants=10)
    save_profile(demo_db, lower, make_current=True)
    view = MonitoringView(app_context(qtbot, demo_db))
    qtbot.addWidget(view)
    view.refresh(demo_db)
    dialog = view._round_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=10_000)
    dialog.flag_year.setValue(2024)
    qtbot.mouseClick(dialog.take_flagged, Qt.MouseButton.LeftButton)
    expected = identify_schools(demo_db, 2024, lower).logins()
    assert len(expected) > len(identify_schools(demo_db, 2024, default_profile()).logins())
    assert sorted(dialog.schools.chosen()) == sorted(expected)
    assert "«25 %»" in dialog.rule_label.text() and "«25 %»" in dialog.take_flagged.toolTip()
