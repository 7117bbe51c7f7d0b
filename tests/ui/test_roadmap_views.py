"""The roadmap page: tree edits with undo, renumbering on moves, saving, Excel import, overdue marks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.domain.roadmaps import RoadmapLevel, numbered_items
from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.roadmaps import (
    DEFAULT_SCHOOL_TEMPLATE,
    create_from_template,
    export_roadmap_xlsx,
    load_roadmap,
)
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.views.roadmap_indicators import OVERDUE_BACKGROUND
from lowres_desktop.ui.views.roadmaps_view import RoadmapsView
from tests.ui.qt_helpers import app_context, wait_writes


def _view(qtbot, db: Database) -> RoadmapsView:  # type: ignore[no-untyped-def]
    view = RoadmapsView(app_context(qtbot, db))
    qtbot.addWidget(view)
    view.refresh(db)
    return view


def test_edit_move_duplicate_delete_undo_and_save(qtbot, seed_db: Database) -> None:  # type: ignore[no-untyped-def]
    roadmap_id = create_from_template(seed_db, "seed002_novokuznetsk_2020_2021")
    view = _view(qtbot, seed_db)
    editor = view.editor
    assert editor.tree.topLevelItemCount() == 4
    assert editor.tree.topLevelItem(0).child(4).text(0) == "1.5"

    first_id = editor.roadmap().sections[0].items[0].id
    editor.move((0, 0), (1, 0))  # what a drag onto the top of section 2 does
    assert editor.tree.topLevelItem(0).childCount() == 4
    assert editor.tree.topLevelItem(1).child(0).text(0) == "2.1"
    assert editor.roadmap().sections[1].items[0].id == first_id
    assert editor.tree.topLevelItem(1).child(1).text(1).startswith("Проведение анкетирования")

    editor.select((1, 0))
    editor.duplicate_action.trigger()
    assert editor.tree.topLevelItem(1).childCount() == 17
    editor.select((2, 0))
    editor.delete_action.trigger()
    assert editor.tree.topLevelItem(2).childCount() == 4
    editor.undo_action.trigger()
    assert editor.tree.topLevelItem(2).childCount() == 5

    editor.select((0, 0))
    editor.details.item_text.setPlainText("Утверждение «дорожных карт» ШНОР\n- с учётом итогов ВПР")
    editor.details.deadline.setText("Декабрь 2020")
    editor.details.apply_typing()
    item = editor.roadmap().sections[0].items[0]
    assert item.ends_on is not None and item.ends_on.isoformat() == "2020-12-31"
    assert editor.is_modified()
    editor.save_action.trigger()
    wait_writes(qtbot, view.context)
    assert not editor.is_modified()

    stored = load_roadmap(seed_db, roadmap_id)
    assert stored.item_count == 32
    assert stored.sections[1].items[0].id == first_id
    assert stored.sections[0].items[0].text.endswith("- с учётом итогов ВПР")
    assert [n.number for n in numbered_items(stored)][:5] == ["1.1", "1.2", "1.3", "1.4", "2.1"]


def test_keyboard_reorder_and_overdue_marks(qtbot, seed_db: Database) -> None:  # type: ignore[no-untyped-def]
    create_from_template(seed_db, "seed001_novosibirsk_2020")
    view = _view(qtbot, seed_db)
    editor = view.editor
    first = editor.tree.topLevelItem(0).child(0)
    assert first.background(1).color() == OVERDUE_BACKGROUND  # Февраль-март 2020, never checked
    schedule = editor.tree.topLevelItem(2).child(5)  # «По графику»
    assert schedule.background(1).style() == Qt.BrushStyle.NoBrush
    editor.select((0, 0))
    editor.down_action.trigger()
    assert editor.tree.topLevelItem(0).child(1).text(1).startswith("Обсуждение итогов мониторинга")
    assert editor.tree.topLevelItem(0).child(1).text(0) == "2"


def test_import_from_excel_opens_the_new_roadmap(qtbot, seed_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roadmap_id = create_from_template(seed_db, "seed003_novosibirsk_2020_2024")
    path = export_roadmap_xlsx(seed_db, roadmap_id, tmp_path / "plan.xlsx")
    view = _view(qtbot, seed_db)
    view.import_file(path)
    wait_writes(qtbot, view.context)
    assert len(view.roadmap_ids()) == 2
    assert view.editor.roadmap().id != roadmap_id
    assert view.editor.indicators.rowCount() == 25
    view.editor.tabs.setCurrentIndex(1)
    cell = view.editor.indicators.item(8, 5)  # «дистанционные технологии», 2020
    cell.setText("35")
    wait_writes(qtbot, view.context)
    assert view.editor.indicators.item(8, 10).text().startswith("35 (2020)")


def test_roadmaps_for_the_flagged_schools_are_made_in_the_background(qtbot, seed_db: Database) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, seed_db)
    view.generate(2019, DEFAULT_SCHOOL_TEMPLATE)
    assert not view.generate_button.isEnabled(), "the button waits while the roadmaps are written"
    qtbot.waitUntil(view.generate_button.isEnabled, timeout=30_000)
    flagged = identify_schools(seed_db, 2019).flagged
    shown = [record.listing for record in view.model.records()]
    assert sorted(r.school_login for r in shown) == sorted(f.school.login for f in flagged)
    assert all(r.level == RoadmapLevel.SCHOOL for r in shown)
    box = view.findChild(QMessageBox)
    assert box is not None and f"Создано дорожных карт школ: {len(flagged)}." in box.text()
    assert f"Школы выбраны по правилу: Профиль «{default_profile().name}»" in box.text()
    assert box.icon() == QMessageBox.Icon.Information, "good news carries no warning sign"


def test_what_was_typed_a_moment_ago_goes_to_its_item_and_counts_as_an_edit(qtbot, seed_db: Database) -> None:  # type: ignore[no-untyped-def]
    """Typing is applied after a pause: another item chosen, a save or a question about unsaved
    edits within it lost what was typed (or would have written it into the item chosen next)."""
    create_from_template(seed_db, "seed002_novokuznetsk_2020_2021")
    view = _view(qtbot, seed_db)
    editor = view.editor
    before = [item.text for item in editor.roadmap().sections[0].items[:2]]
    editor.select((0, 0))
    assert not editor.is_modified()
    editor.details.item_text.setPlainText("Исправлено только что")
    assert editor.details._text_timer.isActive()  # the pause is not over
    editor.select((0, 1))
    items = editor.roadmap().sections[0].items
    assert [items[0].text, items[1].text] == ["Исправлено только что", before[1]]
    assert editor.details.item_text.toPlainText() == before[1]

    editor.save_action.trigger()
    wait_writes(qtbot, view.context)
    editor.details.item_text.setPlainText("И это тоже")
    assert editor.is_modified()  # what Ctrl+Q and switching roadmaps ask before closing
    assert editor.roadmap().sections[0].items[1].text == "И это тоже"
    editor.details.deadline.setText("Май 2021")
    editor.details.deadline.textEdited.emit("Май 2021")  # as typing does; saved at once
    editor.save_action.trigger()
    wait_writes(qtbot, view.context)
    stored = load_roadmap(seed_db, editor.roadmap().id)
    assert [stored.sections[0].items[0].text, stored.sections[0].items[1].deadline_text] == [
        "Исправлено только что",
        "Май 2021",
    ]
