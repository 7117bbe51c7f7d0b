"""Listing the controls of a window or dialog a person can press: buttons and menu/toolbar actions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCalendarWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
)

from tests.journeys.recording import control_key

_QT_INTERNAL = (QTabBar, QCalendarWidget, QAbstractSpinBox)


def _menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            found += _menu_actions(submenu)
        else:
            found.append(action)
    return found


def _is_internal(widget: QWidget) -> bool:
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, _QT_INTERNAL):
            return True
        parent = parent.parentWidget()
    return False


def _hidden_on_purpose(widget: QWidget) -> bool:
    """Hidden by the program (a wizard's unused Help button), not merely on a page not shown yet."""
    return widget.isHidden() and widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)


def controls(root: QWidget) -> set[str]:
    """Keys of every push/tool button and every menu-bar and toolbar action under `root`."""
    keys: set[str] = set()
    for button in root.findChildren(QPushButton) + root.findChildren(QToolButton):
        if _is_internal(button) or _hidden_on_purpose(button):
            continue
        if isinstance(button, QToolButton) and button.defaultAction() is not None:
            continue  # a toolbar's button for an action: the action is counted
        keys.add(control_key(button))
    actions: list[QAction] = []
    if isinstance(root, QMainWindow):
        for top in root.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                actions += _menu_actions(menu)
    for toolbar in root.findChildren(QToolBar):
        actions += [a for a in toolbar.actions() if not a.isSeparator() and a.menu() is None]
    keys.update(control_key(action) for action in actions if action.text() and action.isVisible())
    return keys
