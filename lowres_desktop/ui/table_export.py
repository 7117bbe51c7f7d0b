"""Copy and export for every table of the app: one helper attached to each table view.

`attach_table_export(view)` gives a table a context menu and shortcuts:
«Копировать» (Ctrl+C, caught before the view's own copy of one cell: the
selected cells as tab-separated text that pastes into Excel cell by cell),
«Копировать всю таблицу» (with the header) and
«Экспорт в Excel…» (Ctrl+Shift+E: the whole table as the user sees it,
sorted and filtered, through `services/export_table.py`). Cell text that is
a number on screen («45 %», «12,5») is exported as a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.files.names import with_extension
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.file_dialogs import Purpose, save_file

_NUMBER = re.compile(r"^[−-]?\d+(?:[.,]\d+)?$")


def cell_value(text: object) -> object:
    """The value to export for a cell's display text: numbers as numbers, the rest as text."""
    if text is None:
        return None
    if isinstance(text, int | float):
        return text
    shown = str(text).replace("\u00a0", " ").replace("\u202f", " ").strip()
    candidate = shown.removesuffix("%").strip().replace(" ", "")
    if _NUMBER.match(candidate):
        number = float(candidate.replace(",", ".").replace("−", "-"))
        return (
            int(number) if number.is_integer() and "," not in candidate and "." not in candidate else number
        )
    return str(text)


def table_contents(view: QAbstractItemView, selected_only: bool) -> tuple[list[str], list[list[object]]]:
    """(header, rows) of the visible columns, in the order and sorting the user sees."""
    model = view.model()
    if model is None:
        return [], []
    hidden = getattr(view, "isColumnHidden", lambda _c: False)
    columns = [c for c in range(model.columnCount()) if not hidden(c)]
    rows = range(model.rowCount())
    if selected_only:
        selected = view.selectionModel().selectedIndexes() if view.selectionModel() else []
        if not selected:
            return [], []
        rows = sorted({i.row() for i in selected})
        chosen = {i.column() for i in selected}
        columns = [c for c in columns if c in chosen]
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    data = [
        [
            cell_value(model.data(model.index(r, c, QModelIndex()), Qt.ItemDataRole.DisplayRole))
            for c in columns
        ]
        for r in rows
    ]
    return headers, data


class TableExport(QObject):
    """The copy and export actions of one table view."""

    def __init__(self, view: QAbstractItemView, title: str) -> None:
        super().__init__(view)
        self.view = view
        self.title = title
        self.copy_action = self._action(
            self.tr("Копировать"), QKeySequence.StandardKey.Copy, self.copy_selection
        )
        self.copy_all_action = self._action(self.tr("Копировать всю таблицу"), None, self.copy_all)
        self.export_action = self._action(
            self.tr("Экспорт в Excel…"),
            QKeySequence(self.tr("Ctrl+Shift+E")),
            self._on_export_action_triggered,
        )
        self.extra_actions: list[QAction] = []
        self.note: Callable[[], Sequence[str]] | None = None
        """Lines written below an exported table, e.g. the rule profile a list of schools was made by."""
        # The view copies only its current cell on Ctrl+C; the filter gives it the whole selection.
        view.installEventFilter(self)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_view_context_menu_requested)

    def _action(self, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self.view)
        if shortcut is not None:
            action.setShortcut(shortcut)  # type: ignore[arg-type]
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            if isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy):
                if event.type() == QEvent.Type.KeyPress:
                    self.copy_selection()
                event.accept()
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def copy_selection(self) -> None:
        from lowres_desktop.services.export_table import clipboard_text  # openpyxl: not at start-up

        _headers, rows = table_contents(self.view, selected_only=True)
        if rows:
            QGuiApplication.clipboard().setText(clipboard_text(None, rows))

    @Slot()
    def copy_all(self) -> None:
        from lowres_desktop.services.export_table import clipboard_text

        headers, rows = table_contents(self.view, selected_only=False)
        QGuiApplication.clipboard().setText(clipboard_text(headers, rows))

    def context(self) -> tuple[str, str] | None:
        """(for the file name, for the sheet's first row) from the page around the table, if it has one.

        A page whose table depends on a year and a rule profile says so through `export_context()`:
        «Низкие результаты 2024.xlsx» headed «2024 г. · Профиль „…“».
        """
        holder = self.view.parent()
        while holder is not None:
            describe = getattr(holder, "export_context", None)
            if callable(describe):
                return describe()
            holder = holder.parent()
        return None

    def export_to(self, path: Path) -> None:
        from lowres_desktop.services.export_table import export_table

        headers, rows = table_contents(self.view, selected_only=False)
        context = self.context()
        export_table(
            path, headers, rows, self.title, context[1] if context else None, self.note() if self.note else ()
        )

    def proposed_name(self) -> str:
        context = self.context()
        return f"{self.title} {context[0]}.xlsx" if context else f"{self.title}.xlsx"

    @Slot()
    def _on_export_action_triggered(self) -> None:
        name = save_file(
            self.view,
            self.tr("Экспорт в Excel"),
            Purpose.EXPORTS,
            self.proposed_name(),
            self.tr("Книги Excel (*.xlsx)"),
        )
        if not name:
            return
        try:
            self.export_to(with_extension(name, ".xlsx"))
        except DomainError as error:
            show_error(self.view, error)

    def add_action(self, action: QAction) -> None:
        """Show a page's own action (e.g. «Изменить результат…») first in the table's context menu."""
        self.extra_actions.append(action)

    @Slot(QPoint)
    def _on_view_context_menu_requested(self, position: QPoint) -> None:
        menu = QMenu(self.view)
        for action in self.extra_actions:
            menu.addAction(action)
        if self.extra_actions:
            menu.addSeparator()
        for action in (self.copy_action, self.copy_all_action, self.export_action):
            menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(position))


def attach_table_export(view: QAbstractItemView, title: str | None = None) -> TableExport:
    """Give `view` its copy and export actions; the title names the sheet and the suggested file."""
    window: QWidget | None = view.window()
    name = title or (window.windowTitle() if window is not None and window is not view else "") or "Таблица"
    existing = view.findChild(TableExport)
    if existing is not None:
        return existing
    return TableExport(view, name)
