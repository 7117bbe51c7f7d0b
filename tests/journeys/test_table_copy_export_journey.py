"""A table's copy and export the way a specialist uses them on the results page: a cell copied with
Ctrl+C, Ctrl+C with nothing selected leaving the clipboard alone, the whole table copied from the
context menu (under the page's own «Изменить результат…»), an export cancelled in its file dialog
and one into a folder that takes no files, said in a message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QMenu

from lowres_desktop.ui.app_context import Page
from tests.journeys.driving import answer, answer_message, back_to, press_standard

EXPORT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _menu_texts(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_copy_copy_all_and_a_failed_export_on_the_results_page(qtbot, open_window, seed_db) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_db)
    window.show_page(Page.RESULTS)
    view = window.results_view
    table = view.table
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    model = table.model()
    first = table.visualRect(model.index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().strip() == model.index(0, 0).data()

    table.clearSelection()
    QGuiApplication.clipboard().setText("письмо в школу")
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "письмо в школу", "nothing selected: nothing copied"

    QApplication.sendEvent(
        table.viewport(),
        QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, first, table.viewport().mapToGlobal(first)),
    )
    qtbot.waitUntil(
        lambda: any(m.isVisible() for m in QApplication.topLevelWidgets() if isinstance(m, QMenu))
    )
    menu = next(m for m in QApplication.topLevelWidgets() if isinstance(m, QMenu) and m.isVisible())
    assert _menu_texts(menu) == [
        "Изменить результат…",
        "Копировать",
        "Копировать всю таблицу",
        "Экспорт в Excel…",
    ]
    everything = next(a for a in menu.actions() if a.text() == "Копировать всю таблицу")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(everything).center())
    lines = QGuiApplication.clipboard().text().splitlines()
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    assert lines[0].split("\t") == headers and len(lines) == 1 + model.rowCount()

    proposed: list[str] = []

    def cancel(dialog: QFileDialog) -> None:
        proposed.append(dialog.findChild(QLineEdit, "fileNameEdit").text())
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    answer(qtbot, QFileDialog, cancel)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_E, EXPORT)
    qtbot.waitUntil(lambda: bool(proposed), timeout=10_000)
    back_to(qtbot, window)
    assert proposed[0].endswith(".xlsx")

    def into_proc(dialog: QFileDialog) -> None:
        dialog.setDirectory("/proc")
        dialog.findChild(QLineEdit, "fileNameEdit").setText("Результаты.xlsx")
        dialog.accept()

    seen: list[str] = []
    answer(qtbot, QFileDialog, into_proc)
    qtbot.keyClick(table, Qt.Key.Key_E, EXPORT)
    answer_message(qtbot, seen)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    back_to(qtbot, window)
    assert seen[0].startswith("Файл «/proc/Результаты.xlsx» не сохранён")
