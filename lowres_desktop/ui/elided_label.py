"""A one-line label cut with «…» to the width it gets, the whole text in its tooltip.

A label asks for the width of its whole text: a long path after «Сохранено:»
widened the document preview past the screen's edge, and a wrapped label at
the bottom of a form is squeezed below its lines when the window is low (at
1280×720 «Касается школ» showed two lines of three, the last one cut in half).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel


class ElidedLabel(QLabel):
    """`set_full_text` shows as much as fits; ElideMiddle keeps a path's folder start and file name."""

    def __init__(self, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__()
        self._full = ""
        self._mode = mode
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def set_full_text(self, text: str, tooltip: str | None = None) -> None:
        """Show `text` cut to the width; the tooltip is `tooltip`, else the whole text."""
        self._full = text
        self.setToolTip(text if tooltip is None else tooltip)
        self._elide()

    def full_text(self) -> str:
        """The whole line, however much of it is shown."""
        return self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # Its full width would widen the form or the dialog it stands in.
        return QSize(self.fontMetrics().horizontalAdvance("…") * 8, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.minimumSizeHint().width(), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        self.setText(self.fontMetrics().elidedText(self._full, self._mode, width))
