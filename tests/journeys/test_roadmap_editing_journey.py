"""The roadmaps of the flagged schools, and a roadmap worked over with every button of the editor:
sections and items added, duplicated, moved, deleted; schools and executors chosen; indicators;
exported to Excel, imported back, deleted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from lowres_desktop.services.identify_schools import identify_schools
from lowres_desktop.services.roadmaps import create_from_template, list_executors, list_roadmaps, load_roadmap
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.executors_dialog import ExecutorEditDialog, ExecutorsDialog
from lowres_desktop.ui.dialogs.generate_roadmaps_dialog import GenerateRoadmapsDialog
from lowres_desktop.ui.dialogs.school_picker_dialog import SchoolPickerDialog
from tests.journeys.driving import (
    answer,
    answer_file,
    answer_message,
    answer_question,
    back_to,
    press,
    press_standard,
    press_text,
    type_text,
    wait_writes,
)


def _tool(editor, text: str):  # type: ignore[no-untyped-def]
    """The editor's toolbar button for an action, pressed as a person clicks it."""
    action = next(a for a in editor.toolbar.actions() if a.text().rstrip(" *") == text)
    return editor.toolbar.widgetForAction(action)


def test_roadmaps_for_the_flagged_schools_open_unedited(qtbot, open_window, seed_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    window.show_page(Page.ROADMAPS)
    view = window.roadmaps_view

    def cancel(dialog: GenerateRoadmapsDialog) -> None:
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    answer(qtbot, GenerateRoadmapsDialog, cancel)
    press(qtbot, view.generate_button)
    back_to(qtbot, window)
    assert list_roadmaps(seed_db) == []

    def generate(dialog: GenerateRoadmapsDialog) -> None:
        dialog.year.setValue(2019)
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    seen: list[str] = []
    answer(qtbot, GenerateRoadmapsDialog, generate)
    press(qtbot, view.generate_button)
    wait_writes(qtbot, window)
    qtbot.waitUntil(view.generate_button.isEnabled, timeout=30_000)
    answer_message(qtbot, seen)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    back_to(qtbot, window)
    flagged = identify_schools(seed_db, 2019).flagged
    assert f"Создано дорожных карт школ: {len(flagged)}." in seen[0]
    assert view.model.rowCount() == len(flagged)
    editor = view.editor
    qtbot.wait(600)  # longer than the editor's typing pause: nothing may count as an edit
    assert not editor.is_modified() and editor.save_action.text() == "Сохранить"
    assert not editor.undo_action.isEnabled()

    # An edit, then another roadmap chosen: «Сохранить» in the prompt; list and editor agree.
    first_id = editor.roadmap().id
    qtbot.mouseClick(editor.header.title, Qt.MouseButton.LeftButton)
    editor.header.title.selectAll()
    type_text(editor.header.title, "Карта школы, исправлено")
    second_row = view.proxy.mapFromSource(view.model.index(1, 0)).row()
    answer_question(qtbot, QMessageBox.StandardButton.Save)
    view.table.selectRow(second_row)
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert load_roadmap(seed_db, first_id).title == "Карта школы, исправлено"
    selected = view.model.record(view.proxy.mapToSource(view.table.selectionModel().selectedRows()[0]).row())
    assert editor.roadmap().id == selected.listing.id != first_id
    assert not editor.is_modified()


def test_every_editor_button(qtbot, open_window, seed_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    roadmap_id = create_from_template(seed_db, "seed001_novosibirsk_2020")
    window = open_window(seed_db)
    window.show_page(Page.ROADMAPS)
    view = window.roadmaps_view
    editor = view.editor
    sections = len(load_roadmap(seed_db, roadmap_id).sections)

    press(qtbot, _tool(editor, "+ Раздел"))
    assert editor.tree.topLevelItemCount() == sections + 1
    press(qtbot, _tool(editor, "+ Мероприятие"))
    editor.select((0, 0))
    press(qtbot, _tool(editor, "Дублировать"))
    assert editor.tree.topLevelItem(0).child(0).text(1) == editor.tree.topLevelItem(0).child(1).text(1)
    press(qtbot, _tool(editor, "Ниже"))
    press(qtbot, _tool(editor, "Выше"))
    press(qtbot, _tool(editor, "Удалить"))
    press(qtbot, _tool(editor, "Отменить"))
    press(qtbot, _tool(editor, "Повторить"))

    editor.select((0, 0))

    def two_schools(dialog: SchoolPickerDialog) -> None:
        model = dialog.checklist.model
        for row in range(2):
            model.setData(model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    def look_and_cancel(dialog: SchoolPickerDialog) -> None:
        press_text(qtbot, dialog, "Отметить видимые")
        assert len(dialog.checklist.chosen()) > 2
        press_text(qtbot, dialog, "Снять видимые")
        assert dialog.checklist.chosen() == []
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    answer(qtbot, SchoolPickerDialog, look_and_cancel)
    press_text(qtbot, editor, "Школы…")
    back_to(qtbot, window)
    assert editor.roadmap().sections[0].items[0].schools == ()

    answer(qtbot, SchoolPickerDialog, two_schools)
    press_text(qtbot, editor, "Школы…")
    back_to(qtbot, window)
    assert len(editor.roadmap().sections[0].items[0].schools) == 2

    def add_executor(directory: ExecutorsDialog) -> None:
        def fill(edit: ExecutorEditDialog) -> None:
            edit.name.setFocus()
            type_text(edit.name, "ЦППМСП")
            type_text(edit.full_name, "Центр психолого-педагогической помощи")
            press_standard(qtbot, edit, QDialogButtonBox.StandardButton.Ok)

        answer(qtbot, ExecutorEditDialog, fill)
        press_text(qtbot, directory, "Добавить…")
        qtbot.waitUntil(lambda: "ЦППМСП" in _names(directory), timeout=5000)
        row = _names(directory).index("ЦППМСП")
        directory.table.setCurrentCell(row, 0)

        def rename(edit: ExecutorEditDialog) -> None:
            edit.name.selectAll()
            edit.name.setFocus()
            type_text(edit.name, "ППМС-центр")
            press_standard(qtbot, edit, QDialogButtonBox.StandardButton.Ok)

        answer(qtbot, ExecutorEditDialog, rename)
        press_text(qtbot, directory, "Изменить…")
        qtbot.waitUntil(lambda: "ППМС-центр" in _names(directory), timeout=5000)
        row = _names(directory).index("ППМС-центр")
        directory.table.setCurrentCell(row, 0)

        def cancel(edit: ExecutorEditDialog) -> None:
            press_standard(qtbot, edit, QDialogButtonBox.StandardButton.Cancel)

        answer(qtbot, ExecutorEditDialog, cancel)
        press_text(qtbot, directory, "Изменить…")
        press_text(qtbot, directory, "Удалить")
        qtbot.waitUntil(lambda: "ППМС-центр" not in _names(directory), timeout=5000)
        press_standard(qtbot, directory, QDialogButtonBox.StandardButton.Close)

    answer(qtbot, ExecutorsDialog, add_executor)
    press_text(qtbot, editor, "Справочник исполнителей…")
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert "ППМС-центр" not in [u.executor.name for u in list_executors(seed_db)]

    answer(qtbot, ExecutorsDialog, lambda d: press_standard(qtbot, d, QDialogButtonBox.StandardButton.Close))
    press(qtbot, view.directory_button)
    back_to(qtbot, window)

    editor.tabs.setCurrentIndex(1)
    before = editor.indicators.rowCount()
    press_text(qtbot, editor, "+ Показатель")
    assert editor.indicators.rowCount() == before + 1
    editor.indicators.setCurrentCell(before, 0)
    press_text(qtbot, editor, "Удалить показатель")
    assert editor.indicators.rowCount() == before
    editor.tabs.setCurrentIndex(0)
    press(qtbot, _tool(editor, "Сохранить"))
    wait_writes(qtbot, window)
    stored = load_roadmap(seed_db, roadmap_id)
    assert len(stored.sections) == sections + 1 and len(stored.sections[0].items[0].schools) == 2

    path = tmp_path / "план.xlsx"
    answer_file(qtbot, path)
    press(qtbot, view.export_button)
    back_to(qtbot, window)
    assert path.exists()
    answer_file(qtbot, path)
    press(qtbot, view.import_button)
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert len(list_roadmaps(seed_db)) == 2 and editor.roadmap().id != roadmap_id

    answer_question(qtbot, QMessageBox.StandardButton.Yes)
    press(qtbot, view.delete_button)
    wait_writes(qtbot, window)
    back_to(qtbot, window)
    assert [r.listing.id for r in list_roadmaps(seed_db)] == [roadmap_id]


def _names(directory: ExecutorsDialog) -> list[str]:
    return [directory.table.item(row, 0).text() for row in range(directory.table.rowCount())]
