"""What the pages that show charts share: their caption and saving the charts into a chosen folder.

No pyqtgraph here: the analysis page imports this before its charts are first drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from lowres_desktop.ui.file_dialogs import Purpose, choose_folder


def chart_caption() -> QLabel:
    """The bold, a little larger line over a page's charts that says what they show."""
    caption = QLabel()
    caption.setWordWrap(True)
    font = caption.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    caption.setFont(font)
    return caption


def save_into_chosen_folder(parent: QWidget, save: Callable[[Path], object]) -> None:
    """Ask for a folder and `save` the charts there, unless the person cancels."""
    folder = choose_folder(parent, parent.tr("Папка для графиков"), Purpose.EXPORTS)
    if folder is not None:
        save(folder)
