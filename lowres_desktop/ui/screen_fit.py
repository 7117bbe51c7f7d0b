"""Windows that fit the screens offices have: 1366×768, and 1920×1080 or 1280×1024 with scaling.

At 150 % a 1920×1080 screen lays out as 1280×720: a dialog that asks for
1200×760 there runs under the taskbar with its «Сохранить» out of reach. One
application-wide filter trims every dialog to the screen's available area when
it is shown and moves it inside (long forms scroll, so nothing is lost), and
the main window opens maximised on a small screen or when the size it
remembers from a larger one does not fit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

ROOMY = (1600, 1000)
"""Below this available area (device-independent pixels) the main window opens maximised."""


FRAME_ALLOWANCE = (8, 36)
"""Width and height (device-independent pixels) kept for a window's frame and title bar."""


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_window(window: QWidget) -> None:
    """Shrink `window` to the available area (frame included) and move it fully inside."""
    area = available_area(window)
    frame = window.frameGeometry()
    # Before the window manager has framed a new window its frame is unknown (zero): room
    # for a title bar and borders is kept anyway, else the bottom buttons end under the edge.
    margins_w = max(frame.width() - window.width(), FRAME_ALLOWANCE[0])
    margins_h = max(frame.height() - window.height(), FRAME_ALLOWANCE[1])
    width = min(window.width(), area.width() - margins_w)
    height = min(window.height(), area.height() - margins_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def show_main_window(window: QMainWindow) -> None:
    """Show maximised on a small screen or when the remembered geometry does not fit; else as it was."""
    area = available_area(window)
    small = area.width() < ROOMY[0] or area.height() < ROOMY[1]
    if small or not area.contains(window.frameGeometry()):
        window.showMaximized()
    else:
        window.show()


class ScreenFit(QObject):
    """Application-wide: every dialog is trimmed to the screen as it appears."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Sees every event of the program: the cheap test first (`type()` makes a Python enum).
        if isinstance(watched, QDialog) and event.type() == QEvent.Type.Show and watched.isWindow():
            fit_window(watched)
        return False


def install_screen_fit(app: QApplication) -> None:
    """Once per application (app.py, and the tests that show windows)."""
    if app.findChild(ScreenFit) is None:
        app.installEventFilter(ScreenFit(app))
