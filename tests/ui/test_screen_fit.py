"""The screen fit in process: an oversized dialog is trimmed and moved inside, a small screen maximises."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from lowres_desktop.ui.screen_fit import ROOMY, available_area, install_screen_fit, show_main_window


def test_an_oversized_dialog_is_trimmed_to_the_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    install_screen_fit(QApplication.instance())
    install_screen_fit(QApplication.instance())  # once is enough, twice changes nothing
    dialog = QDialog()
    qtbot.addWidget(dialog)
    area = available_area(dialog)
    dialog.resize(area.width() * 3, area.height() * 3)
    dialog.move(area.right() - 10, area.bottom() - 10)
    dialog.show()
    qtbot.waitExposed(dialog)
    frame = dialog.frameGeometry()
    assert dialog.width() < area.width() and dialog.height() < area.height()
    assert area.contains(frame.topLeft()) and frame.right() <= area.right() + 1


def test_the_main_window_opens_maximised_on_a_small_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    area = available_area(window)
    assert area.width() < ROOMY[0] or area.height() < ROOMY[1], "the offscreen screen is a small one"
    show_main_window(window)
    assert window.isMaximized()
