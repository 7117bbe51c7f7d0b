"""The roadmap editor: the header, a tree of sections and items, the selected node's details, the indicators.

The header (`roadmap_header.py`), the tree (`roadmap_tree.py`), the details
form (`roadmap_item_details.py`) and the indicators tab (`roadmap_indicators.py`)
live apart; each hands its edits over as a changed roadmap, and this module
holds what they share: the roadmap being edited, the toolbar, the undo
history, the unsaved state and saving.

The editor holds an immutable `Roadmap`; every change is a domain function
that returns a new one, pushed on a `QUndoStack` as a (before, after) pair,
so delete, move, duplicate and typing can all be undone (Ctrl+Z). Numbers
are derived from positions, so a drag or Alt+↑/↓ renumbers at once. Nothing
reaches the database until «Сохранить» (Ctrl+S) — one transaction on the
window's write pool — except indicator values, which are figures entered per
year and are written at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget

from lowres_desktop.domain.records import School
from lowres_desktop.domain.roadmaps import (
    Roadmap,
    RoadmapItem,
    add_section,
    duplicate_item,
    insert_item,
    move_item,
    move_section,
    remove_item,
    remove_section,
    rename_section,
    replace_item,
    with_parsed_dates,
)
from lowres_desktop.services.roadmaps import ItemState, item_states, save_roadmap, school_names
from lowres_desktop.ui.views.roadmap_header import RoadmapHeader
from lowres_desktop.ui.views.roadmap_indicators import RoadmapIndicators
from lowres_desktop.ui.views.roadmap_item_details import RoadmapItemDetails
from lowres_desktop.ui.views.roadmap_tree import RoadmapTree

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext


class _Snapshot(QUndoCommand):
    """One edit: the roadmap before and after. Typing into the same field merges into one step."""

    def __init__(
        self, editor: RoadmapEditor, before: Roadmap, after: Roadmap, text: str, merge_key: str
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self.before = before
        self.after = after
        self.merge_key = merge_key

    def id(self) -> int:
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if isinstance(other, _Snapshot) and other.merge_key == self.merge_key:
            self.after = other.after
            return True
        return False

    def redo(self) -> None:
        self._editor._show_roadmap(self.after)

    def undo(self) -> None:
        self._editor._show_roadmap(self.before)


class RoadmapEditor(QWidget):
    """Edits one roadmap; `sig_saved` tells the page to reload its list."""

    sig_saved = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._db: Database | None = None
        self._roadmap: Roadmap | None = None
        self._states: dict[int, ItemState] = {}
        self._school_names: dict[str, str] = {}
        self._shown_path: tuple[int, ...] | None = None
        """The node the details show: what is typed there goes to it, wherever the tree is."""
        self._showing = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._build()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = RoadmapHeader()
        self.header.sig_edited.connect(self._apply)
        self.toolbar = QToolBar()
        self.save_action = self._action(
            self.tr("Сохранить"), lambda: self.save(), QKeySequence.StandardKey.Save
        )
        self.add_section_action = self._action(self.tr("+ Раздел"), self._on_add_section)
        self.add_item_action = self._action(
            self.tr("+ Мероприятие"), self._on_add_item, QKeySequence("Ctrl+N")
        )
        self.duplicate_action = self._action(
            self.tr("Дублировать"), self._on_duplicate, QKeySequence("Ctrl+D")
        )
        self.delete_action = self._action(
            self.tr("Удалить"), self._on_delete, QKeySequence.StandardKey.Delete
        )
        self.up_action = self._action(self.tr("Выше"), lambda: self._on_shift(-1), QKeySequence("Alt+Up"))
        self.down_action = self._action(self.tr("Ниже"), lambda: self._on_shift(1), QKeySequence("Alt+Down"))
        # Fixed words on the buttons, the step in the tooltip: «Отменить Изменение заголовка»
        # made the toolbar jump at every edit.
        stack = self.undo_stack
        self.undo_action = self._action(self.tr("Отменить"), stack.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(self.tr("Повторить"), stack.redo, QKeySequence.StandardKey.Redo)
        for action, enabled, text in (
            (self.undo_action, stack.canUndoChanged, stack.undoTextChanged),
            (self.redo_action, stack.canRedoChanged, stack.redoTextChanged),
        ):
            action.setEnabled(False)
            enabled.connect(action.setEnabled)
            text.connect(lambda step, action=action: _describe_step(action, step))
        for action in (
            self.save_action,
            None,
            self.add_section_action,
            self.add_item_action,
            self.duplicate_action,
            self.delete_action,
            self.up_action,
            self.down_action,
            None,
            self.undo_action,
            self.redo_action,
        ):
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        self.status = QLabel()
        self.toolbar.addWidget(self.status)

        self.tree = RoadmapTree()
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.tree.sig_move_requested.connect(self._on_tree_move_requested)
        self.details = RoadmapItemDetails(self._context)
        self.details.sig_section_title_edited.connect(self._on_details_section_title_edited)
        self.details.sig_item_edited.connect(self._on_details_item_edited)
        self.details.sig_schools_chosen.connect(self._on_details_schools_chosen)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.details)
        # The tree a little wider than the item's form: the form wraps its dates when narrow,
        # and at 35 % (1280 px at 150 %) it showed two executors and half of its text.
        split.setStretchFactor(0, 11)
        split.setStretchFactor(1, 9)
        split.setSizes([5500, 4500])

        self.indicators_panel = RoadmapIndicators(self._context, self._apply)
        self.indicators = self.indicators_panel.table

        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("Мероприятия"))
        self.tabs.addTab(self.indicators_panel, self.tr("Целевые показатели"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        self.setEnabled(False)

    def _action(self, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    # --- loading and saving -----------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        """The database the editor reads (the directory of executors is read again each time)."""
        self._db = db
        self.details.set_database(db)
        if self._roadmap is not None:
            self._on_tree_current_changed()

    def open(self, roadmap: Roadmap) -> None:
        """Show `roadmap` for editing, forgetting the undo history of the previous one."""
        assert self._db is not None
        self.details.show_nothing()  # what was typed into the previous roadmap stays there
        self._shown_path = None
        self.undo_stack.clear()
        self._states = item_states(self._db, roadmap.id) if roadmap.id is not None else {}
        self._school_names = school_names(self._db, roadmap)
        self._show_roadmap(roadmap)
        self.undo_stack.setClean()
        self.setEnabled(True)
        self._on_clean_changed(True)

    def roadmap(self) -> Roadmap | None:
        return self._roadmap

    def is_modified(self) -> bool:
        """Whether there are unsaved edits, counting what was typed a moment ago."""
        self.details.apply_pending_typing()
        return not self.undo_stack.isClean()

    def close_roadmap(self) -> None:
        self._roadmap = None
        self.undo_stack.clear()
        self.tree.clear()
        self.setEnabled(False)

    def discard(self) -> None:
        """Drop the unsaved edits: back to the state last opened or saved."""
        self.undo_stack.setIndex(self.undo_stack.cleanIndex())

    def save(self, then: Callable[[], object] | None = None) -> None:
        """Write the roadmap (one transaction, on the write pool), then call `then`.

        The editor is disabled while it is written, so nothing typed meanwhile is lost when
        the stored state (with its new ids) is shown; after a failure the edits stay.
        """
        self.details.apply_pending_typing()
        roadmap = self._roadmap
        if self._roadmap is None:
            return
        self.setEnabled(False)

        def saved(stored: Roadmap) -> None:
            self.open(stored)
            assert stored.id is not None
            self.sig_saved.emit(stored.id)
            if then is not None:
                then()

        self._context.operations.write(
            self,
            self.tr("Сохранение дорожной карты"),
            lambda db, _progress, _cancel: save_roadmap(db, roadmap),
            saved,
            lambda _error: self.setEnabled(True),
            initiator=self,
        )

    # --- showing ----------------------------------------------------------------------------

    @Slot(object, str, str)
    def _apply(self, after: Roadmap, text: str, merge_key: str = "") -> None:
        if self._roadmap is None or after == self._roadmap:
            return
        self.undo_stack.push(_Snapshot(self, self._roadmap, after, text, merge_key))

    def _show_roadmap(self, roadmap: Roadmap) -> None:
        """Show a state; keeps the selection on the same path and never pushes an undo step."""
        current = self.tree.current_path()
        self._roadmap = roadmap
        login = roadmap.school_login or ""
        self.header.show_roadmap(roadmap, self._school_names.get(login, login))
        self._showing = True
        try:
            self.tree.show_roadmap(roadmap, self._states, current)
        finally:
            self._showing = False
        overdue = sum(
            1
            for section in roadmap.sections
            for item in section.items
            if item.id in self._states and self._states[item.id].overdue
        )
        self.status.setText(
            self.tr("  разделов {sections}, мероприятий {items}, просрочено {overdue}").format(
                sections=len(roadmap.sections), items=roadmap.item_count, overdue=overdue
            )
        )
        self.indicators_panel.show_roadmap(roadmap, self._db)
        self._on_tree_current_changed()

    def select(self, path: tuple[int, ...]) -> None:
        node = self.tree.node(path)
        if node is not None:
            self.tree.setCurrentItem(node)

    @Slot()
    def _on_tree_current_item_changed(self) -> None:
        # The person chose another node: what was typed into the one shown until now goes to
        # it first. Not while a state is being shown (an undo step must not push another).
        if not self._showing:
            self.details.apply_pending_typing()
        self._on_tree_current_changed()

    def _on_tree_current_changed(self) -> None:
        path = self.tree.current_path()
        roadmap = self._roadmap
        self._shown_path = path
        if roadmap is None or path is None:
            self.details.show_nothing()
        elif len(path) == 1:
            self.details.show_section(roadmap.sections[path[0]].title)
        else:
            item = roadmap.sections[path[0]].items[path[1]]
            state = self._states.get(item.id) if item.id is not None else None
            self.details.show_item(item, roadmap.period, state, self._school_names)
        self.duplicate_action.setEnabled(path is not None and len(path) == 2)
        self.add_item_action.setEnabled(path is not None)

    # --- edits ------------------------------------------------------------------------------

    @Slot(str)
    def _on_details_section_title_edited(self, title: str) -> None:
        path = self.tree.current_path()
        if self._roadmap is None or path is None or len(path) != 1:
            return
        changed = rename_section(self._roadmap, path[0], title)
        self._apply(changed, self.tr("Название раздела"), f"section-{path[0]}")

    @Slot(object)
    def _on_details_item_edited(self, item: RoadmapItem) -> None:
        path = self._shown_path
        if self._roadmap is None or path is None or len(path) != 2:
            return
        changed = replace_item(self._roadmap, (path[0], path[1]), item)
        self._apply(changed, self.tr("Мероприятие"), f"item-{path}")

    @Slot(object, object)
    def _on_details_schools_chosen(self, item: RoadmapItem, chosen: list[School]) -> None:
        path = self.tree.current_path()
        if self._roadmap is None or path is None or len(path) != 2:
            return
        self._school_names.update((s.login, s.short_name) for s in chosen)
        changed = replace_item(self._roadmap, (path[0], path[1]), item)
        self._apply(changed, self.tr("Школы мероприятия"))
        self._on_tree_current_changed()

    @Slot()
    def _on_add_section(self) -> None:
        if self._roadmap is None:
            return
        path = self.tree.current_path()
        index = path[0] + 1 if path else len(self._roadmap.sections)
        self._apply(add_section(self._roadmap, self.tr("Новый раздел"), index), self.tr("Новый раздел"))
        self.select((index,))
        self.details.edit_text()

    @Slot()
    def _on_add_item(self) -> None:
        path = self.tree.current_path()
        if self._roadmap is None or path is None:
            return
        section = path[0]
        index = path[1] + 1 if len(path) == 2 else len(self._roadmap.sections[section].items)
        item = RoadmapItem(self.tr("Новое мероприятие"), self.tr("В течение года"))
        item = with_parsed_dates(item, self._roadmap.period)
        self._apply(insert_item(self._roadmap, section, item, index), self.tr("Новое мероприятие"))
        self.select((section, index))
        self.details.edit_text()

    @Slot()
    def _on_duplicate(self) -> None:
        path = self.tree.current_path()
        if self._roadmap is None or path is None or len(path) != 2:
            return
        self._apply(duplicate_item(self._roadmap, (path[0], path[1])), self.tr("Копия мероприятия"))
        self.select((path[0], path[1] + 1))

    @Slot()
    def _on_delete(self) -> None:
        path = self.tree.current_path()
        if self._roadmap is None or path is None:
            return
        if len(path) == 1:
            self._apply(remove_section(self._roadmap, path[0]), self.tr("Удаление раздела"))
        else:
            self._apply(remove_item(self._roadmap, (path[0], path[1])), self.tr("Удаление мероприятия"))

    def _on_shift(self, step: int) -> None:
        path = self.tree.current_path()
        if self._roadmap is None or path is None:
            return
        if len(path) == 1:
            target = path[0] + step
            if 0 <= target < len(self._roadmap.sections):
                self._apply(move_section(self._roadmap, path[0], target), self.tr("Перемещение раздела"))
                self.select((target,))
            return
        s, i = path
        count = len(self._roadmap.sections[s].items)
        if 0 <= i + step < count:
            target = (s, i + step)
        elif step < 0 and s > 0:
            target = (s - 1, len(self._roadmap.sections[s - 1].items))
        elif step > 0 and s + 1 < len(self._roadmap.sections):
            target = (s + 1, 0)
        else:
            return
        self._apply(move_item(self._roadmap, (s, i), target), self.tr("Перемещение мероприятия"))
        self.select(target)

    @Slot(object, object)
    def _on_tree_move_requested(self, source: tuple[int, ...], target: tuple[int, ...]) -> None:
        self.move(source, target)

    def move(self, source: tuple[int, ...], target: tuple[int, ...]) -> None:
        """Move a section (1-tuples) or an item ((section, index) pairs); what a drag does."""
        if self._roadmap is None:
            return
        if len(source) == 1:
            self._apply(move_section(self._roadmap, source[0], target[0]), self.tr("Перемещение раздела"))
            self.select((min(target[0], len(self._roadmap.sections) - 1),))
            return
        section = target[0]
        moved = move_item(self._roadmap, (source[0], source[1]), (section, target[1]))
        self._apply(moved, self.tr("Перемещение мероприятия"))
        index = min(target[1], len(moved.sections[section].items) - 1)
        self.select((section, index))

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        self.save_action.setEnabled(not clean)
        self.save_action.setText(self.tr("Сохранить") if clean else self.tr("Сохранить *"))


def _describe_step(action: QAction, step: str) -> None:
    word = action.text()
    action.setToolTip(f"{word}: {step}" if step else word)
