"""The roadmap editor's tree: sections at the top level, items beneath, moved by drag and drop.

The tree is filled again from the roadmap after every change (numbers come from
positions, overdue items are coloured), keeping the selected node.

A drop never rearranges the tree itself: it asks the editor (`sig_move_requested`),
which applies the move to the immutable roadmap as one undoable step and
renumbers, so what the tree shows is always what will be saved.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from lowres_desktop.domain.deadlines import format_date
from lowres_desktop.domain.roadmaps import Roadmap, item_number
from lowres_desktop.services.roadmaps import ItemState
from lowres_desktop.ui.views.roadmap_indicators import OVERDUE_BACKGROUND

PATH_ROLE = Qt.ItemDataRole.UserRole
"""A node's (section,) or (section, item) position, as a tuple of ints."""


class RoadmapTree(QTreeWidget):
    """Sections at the top level, items beneath; a drop asks the editor to move, it never moves itself."""

    sig_move_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("№"), self.tr("Мероприятие"), self.tr("Срок"), self.tr("Исполнители")])
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setColumnWidth(0, 80)
        self.setColumnWidth(1, 420)
        self.setColumnWidth(2, 150)

    def show_roadmap(
        self, roadmap: Roadmap, states: dict[int, ItemState], keep: tuple[int, ...] | None
    ) -> None:
        """Fill the tree without a signal, the node at `keep` (or its neighbour) current again.

        An item the last monitoring found overdue is coloured, with why in its tooltip.
        """
        with QSignalBlocker(self):
            self.clear()
            today = date.today()
            for s, section in enumerate(roadmap.sections):
                top = QTreeWidgetItem([f"{s + 1}.", section.title, "", ""])
                top.setData(0, PATH_ROLE, (s,))
                font = top.font(1)
                font.setBold(True)
                top.setFont(0, font)
                top.setFont(1, font)
                top.setFlags(top.flags() | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
                self.addTopLevelItem(top)
                for i, item in enumerate(section.items):
                    first_line = item.text.splitlines()[0] if item.text else ""
                    child = QTreeWidgetItem(
                        [
                            item_number(roadmap.numbering, s, i),
                            first_line,
                            item.deadline_text,
                            ", ".join(item.executors),
                        ]
                    )
                    child.setData(0, PATH_ROLE, (s, i))
                    child.setToolTip(1, item.text)
                    child.setFlags(child.flags() | Qt.ItemFlag.ItemIsDragEnabled)
                    state = states.get(item.id) if item.id is not None else None
                    if state is not None and state.overdue and item.ends_on and item.ends_on < today:
                        for column in range(4):
                            child.setBackground(column, QBrush(OVERDUE_BACKGROUND))
                        child.setToolTip(
                            2,
                            self.tr(
                                "Просрочено: срок истёк {date}, в последнем мониторинге не выполнено везде"
                            ).format(date=format_date(item.ends_on)),
                        )
                    top.addChild(child)
                top.setExpanded(True)
            target = self.node(keep) if keep else None
            if target is None and keep and len(keep) == 2:
                target = self.node((keep[0], keep[1] - 1)) or self.node((keep[0],))
            if target is None and roadmap.sections and roadmap.sections[0].items:
                # A freshly opened roadmap shows its first measure rather than an empty panel.
                target = self.node((0, 0))
            if target is not None:
                self.setCurrentItem(target)

    def node(self, path: tuple[int, ...]) -> QTreeWidgetItem | None:
        """The section (a 1-tuple) or the item ((section, index)) at `path`, if there is one."""
        if not path or not 0 <= path[0] < self.topLevelItemCount():
            return None
        top = self.topLevelItem(path[0])
        if len(path) == 1:
            return top
        return top.child(path[1]) if 0 <= path[1] < top.childCount() else None

    def current_path(self) -> tuple[int, ...] | None:
        current = self.currentItem()
        return tuple(current.data(0, PATH_ROLE)) if current is not None else None

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        source = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        event.ignore()
        if source is None or target is None or source is target:
            return
        source_path = source.data(0, PATH_ROLE)
        target_path = target.data(0, PATH_ROLE)
        below = self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.BelowItem
        self.sig_move_requested.emit(source_path, _drop_target(source_path, target_path, below))


def _drop_target(source: tuple[int, ...], target: tuple[int, ...], below: bool) -> tuple[int, ...]:
    """Where a dragged node lands: an item dropped on a section goes to its end."""
    if len(source) == 1:
        index = target[0] + (1 if below else 0)
        return (index - 1 if index > source[0] else index,)
    if len(target) == 1:
        return (target[0], 10**6)
    index = target[1] + (1 if below else 0)
    if target[0] == source[0] and index > source[1]:
        index -= 1
    return (target[0], index)
