"""The roadmap editor's tree: sections at the top level, items beneath, moved by drag and drop.

A drop never rearranges the tree itself: it asks the editor (`sig_move_requested`),
which applies the move to the immutable roadmap as one undoable step and
renumbers, so what the tree shows is always what will be saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QWidget

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
