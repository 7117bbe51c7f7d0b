"""A row of controls that wraps onto the next line when the page is narrower than the row.

A page of buttons in one `QHBoxLayout` is as wide as all its buttons: at 125 % on
1280×1024 (1024 px to lay out in) the monitoring page's row asked for 1085 px and
the page scrolled sideways, its last buttons out of sight. Here the row stays one
line while it fits and continues on the next line when it does not; the page asks
only for its widest item. Items that expand horizontally (a combo box with an
`Expanding` policy, or a layout holding one) share the room left on their line, as
`addWidget(…, 1)` does in a box layout; `align_rest_right` keeps the items added after
it at the right edge of their line, as `addStretch` before them does.
Qt's «Flow Layout» example, plus those two.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right_from: int | None = None
        """Index of the first item kept at the right edge of its line, once `align_rest_right` ran."""

    @staticmethod
    def group(*widgets: QWidget, grow: QWidget | None = None) -> QWidget:
        """A label and its field, or a few buttons, that move to the next line together.

        A widget, not a nested layout: a layout inside this Python layout is destroyed after
        the Python side of it and calls back into it (PySide6 6.12.0 raised «pure virtual method
        'QLayout.itemAt' not implemented» and then crashed). `grow` takes the room the line
        has left.
        """
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget, 1 if widget is grow else 0)
        if grow is not None:
            holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return holder

    def align_rest_right(self) -> None:
        """Items added from now on sit at the right edge of the line (together when they fit)."""
        self._right_from = len(self._items)

    # --- QLayout ----------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        if not 0 <= index < len(self._items):
            return None
        if self._right_from is not None and index < self._right_from:
            self._right_from -= 1
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """One line: what the row asks for where there is room."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for _i, item in shown) + self._gap(
            Qt.Orientation.Horizontal
        ) * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for _i, item in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        """The widest item: narrower than that, the line can no longer wrap."""
        size = QSize()
        for _index, item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    # --- arranging --------------------------------------------------------------------------

    def _shown(self) -> list[tuple[int, QLayoutItem]]:
        return [(index, item) for index, item in enumerate(self._items) if not item.isEmpty()]

    def _with_margins(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _gap(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        if parent is None:
            return 6
        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation == Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        spacing = parent.style().pixelMetric(metric, None, parent)
        if spacing >= 0:
            return spacing
        return parent.style().layoutSpacing(
            QSizePolicy.ControlType.PushButton, QSizePolicy.ControlType.PushButton, orientation
        )

    def _lines(self, width: int) -> list[list[tuple[int, QLayoutItem, int]]]:
        """Items by line, each with the width it gets before the line's spare room is shared."""
        gap = self._gap(Qt.Orientation.Horizontal)
        shown = self._shown()
        right_width = sum(
            item.sizeHint().width() + gap
            for index, item in shown
            if self._right_from is not None and index >= self._right_from
        )
        lines: list[list[tuple[int, QLayoutItem, int]]] = [[]]
        used = 0
        for index, item in shown:
            wanted = max(min(item.sizeHint().width(), width), item.minimumSize().width())
            # The right-hand group moves to the next line whole when it does not fit beside the rest.
            needed = right_width - gap if index == self._right_from else wanted
            if lines[-1] and used + gap + needed > width:
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + wanted
            lines[-1].append((index, item, wanted))
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items inside `rect` (when `move`); the height they take either way."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._gap(Qt.Orientation.Horizontal)
        y = area.y()
        for number, line in enumerate(self._lines(area.width())):
            if number:
                y += self._gap(Qt.Orientation.Vertical)
            height = max(item.sizeHint().height() for _i, item, _w in line)
            if move:
                self._place_line(line, QPoint(area.x(), y), area.width(), height, gap)
            y += height
        return y - area.y() + margins.top() + margins.bottom()

    def _place_line(
        self, line: list[tuple[int, QLayoutItem, int]], origin: QPoint, width: int, height: int, gap: int
    ) -> None:
        spare = max(width - sum(w for _i, _item, w in line) - gap * (len(line) - 1), 0)
        growing = [i for i, item, _w in line if item.expandingDirections() & Qt.Orientation.Horizontal]
        right = None
        if not growing and self._right_from is not None:
            right = next((index for index, _item, _w in line if index >= self._right_from), None)
        x = origin.x()
        for index, item, wanted in line:
            if index in growing:
                share = spare // len(growing)
                wanted += share + (spare - share * len(growing) if index == growing[-1] else 0)
            elif index == right:
                x += spare
            item_height = min(height, item.sizeHint().height())
            top = origin.y() + (height - item_height) // 2
            item.setGeometry(QRect(x, top, wanted, item_height))
            x += wanted + gap
