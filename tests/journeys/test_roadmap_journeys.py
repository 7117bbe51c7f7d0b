"""Roadmaps as a specialist makes them: from each template and from scratch, edited, saved, undone,
and left with unsaved edits in every way a window can be left (each asks; «Сохранить» saves,
«Отмена» stays)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from lowres_desktop.domain.roadmaps import RoadmapLevel
from lowres_desktop.services.roadmap_templates import builtin_templates
from lowres_desktop.services.roadmaps import list_roadmaps, load_roadmap
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.new_roadmap_dialog import NewRoadmapDialog
from tests.journeys.driving import (
    answer,
    answer_question,
    back_to,
    press,
    press_standard,
    trigger,
    type_text,
    wait_writes,
)


def _new_roadmap(qtbot, window, template_index: int, school: bool = False) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: NewRoadmapDialog) -> None:
        dialog.template.setCurrentIndex(template_index)
        if school:
            dialog.level.setCurrentIndex(dialog.level.findText("дорожная карта школы"))
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    answered = answer(qtbot, NewRoadmapDialog, fill)
    press(qtbot, window.roadmaps_view.new_button)
    assert answered
    wait_writes(qtbot, window)
    back_to(qtbot, window)


@pytest.mark.parametrize("template_index", range(len(builtin_templates()) + 1))
def test_a_roadmap_from_each_template_or_blank(qtbot, open_window, seed_db, template_index: int) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    window.show_page(Page.ROADMAPS)
    _new_roadmap(qtbot, window, template_index)
    stored = list_roadmaps(seed_db)
    assert len(stored) == 1
    listing = stored[0].listing
    assert listing.level == RoadmapLevel.MUNICIPAL
    templates = builtin_templates()
    if template_index > 0:
        assert listing.item_count == templates[template_index - 1].roadmap.item_count
    view = window.roadmaps_view
    assert view.model.rowCount() == 1
    assert view.editor.isEnabled() and view.editor.header.title.text() == listing.title
    assert view.editor.save_action.text() == "Сохранить"  # nothing edited yet


def test_a_new_roadmap_cancelled_makes_nothing(qtbot, open_window, seed_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    window.show_page(Page.ROADMAPS)
    cancel = QDialogButtonBox.StandardButton.Cancel
    answer(qtbot, NewRoadmapDialog, lambda d: press_standard(qtbot, d, cancel))
    press(qtbot, window.roadmaps_view.new_button)
    back_to(qtbot, window)
    assert list_roadmaps(seed_db) == [] and not window.roadmaps_view.editor.isEnabled()


def test_a_school_roadmap_keeps_its_level(qtbot, open_window, seed_db: Database) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    window.show_page(Page.ROADMAPS)
    _new_roadmap(qtbot, window, 0, school=True)
    listing = list_roadmaps(seed_db)[0].listing
    assert listing.level == RoadmapLevel.SCHOOL and listing.school_name


def _edit_title(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    editor = window.roadmaps_view.editor
    qtbot.mouseClick(editor.header.title, Qt.MouseButton.LeftButton)
    editor.header.title.selectAll()
    type_text(editor.header.title, text)
    assert editor.save_action.text() == "Сохранить *"


def test_edit_save_undo(qtbot, open_window, seed_db: Database) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    window.show_page(Page.ROADMAPS)
    _new_roadmap(qtbot, window, 1)
    editor = window.roadmaps_view.editor
    roadmap_id = list_roadmaps(seed_db)[0].listing.id
    _edit_title(qtbot, window, "План на год")
    qtbot.keyClick(editor.header.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_writes(qtbot, window)
    assert load_roadmap(seed_db, roadmap_id).title == "План на год"
    assert editor.save_action.text() == "Сохранить"
    assert window.roadmaps_view.model.index(0, 1).data() == "План на год"
    _edit_title(qtbot, window, "Другое")
    editor.undo_action.trigger()
    assert editor.header.title.text() == "План на год" and not editor.is_modified()
    editor.redo_action.trigger()
    assert editor.header.title.text() == "Другое"


def _leave_with(qtbot, window, seed_db: Database, leave, choice: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
    window.show_page(Page.ROADMAPS)
    _new_roadmap(qtbot, window, 1)
    roadmap_id = list_roadmaps(seed_db)[0].listing.id
    _edit_title(qtbot, window, "Несохранённое")
    asked = answer_question(qtbot, choice)
    leave()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    wait_writes(qtbot, window)
    return load_roadmap(seed_db, roadmap_id).title


@pytest.mark.parametrize("how", ["ctrl_q", "close_button", "other_database"])
def test_leaving_with_unsaved_edits_asks_and_saves(qtbot, open_window, seed_db, tmp_path, how) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    other = str(tmp_path / "другая.sqlite")
    leave = {
        "ctrl_q": lambda: qtbot.keyClick(
            window.roadmaps_view.editor.header.title, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
        ),
        "close_button": window.close,
        "other_database": lambda: window.open_database(other),
    }[how]
    title = _leave_with(qtbot, window, seed_db, leave, QMessageBox.StandardButton.Save)
    assert title == "Несохранённое"
    if how == "other_database":
        qtbot.waitUntil(lambda: window.db.target.endswith("другая.sqlite"), timeout=5000)
    else:
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


@pytest.mark.parametrize("how", ["ctrl_q", "close_button", "other_database"])
def test_leaving_with_unsaved_edits_cancel_stays(qtbot, open_window, seed_db, tmp_path, how) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    other = str(tmp_path / "другая.sqlite")
    leave = {
        "ctrl_q": lambda: trigger(window, "Файл", "Выход"),
        "close_button": window.close,
        "other_database": lambda: window.open_database(other),
    }[how]
    title = _leave_with(qtbot, window, seed_db, leave, QMessageBox.StandardButton.Cancel)
    assert title != "Несохранённое"
    assert window.isVisible() and window.db is seed_db
    assert window.roadmaps_view.editor.header.title.text() == "Несохранённое"
    assert window.roadmaps_view.editor.is_modified()
