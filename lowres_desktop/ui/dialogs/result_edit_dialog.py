"""Editing one result by hand from the «Результаты» page, recorded as a batch that can be undone.

`ResultEditDialog` asks for participants, % «2» and % high (blank = no data,
decimal comma allowed); `ResultEditor` puts «Изменить результат…» (F2) on the
results table's context menu and saves through `services.import_history.edit_result`
through the window's operations, so the edit shows up in «Журнал импорта».
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.records import ProcedureKey, Result
from lowres_desktop.services.import_history import ResultEdit, edit_result
from lowres_desktop.ui.errors import show_message
from lowres_desktop.ui.table_export import attach_table_export
from lowres_desktop.wording.common import procedure_title

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext
    from lowres_desktop.ui.views.results_view import ResultsView


def _text(value: float | int | None) -> str:
    return "" if value is None else f"{value:g}".replace(".", ",")


class ResultEditDialog(QDialog):
    def __init__(
        self,
        school: str,
        procedure: ProcedureKey,
        year: int,
        current: Result | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Изменить результат"))
        self.participants = QLineEdit(_text(current.participants) if current else "")
        self.pct_low = QLineEdit(_text(current.pct_low) if current else "")
        self.pct_high = QLineEdit(_text(current.pct_high) if current else "")
        form = QFormLayout()
        form.addRow(self.tr("Участников:"), self.participants)
        form.addRow(self.tr("% «2» (ниже порога):"), self.pct_low)
        form.addRow(self.tr("% высоких результатов:"), self.pct_high)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        heading = QLabel(f"<b>{school}</b><br>{procedure_title(procedure)}, {year}")
        note = QLabel(self.tr("Пустое поле — нет данных. Правку можно отменить в «Журнале импорта»."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def values(self) -> tuple[str | None, str | None, str | None]:
        return tuple(  # type: ignore[return-value]
            field.text().strip() or None for field in (self.participants, self.pct_low, self.pct_high)
        )


class ResultEditor(QObject):
    """The «Изменить результат…» action of the results page of one main window."""

    def __init__(self, context: AppContext, view: ResultsView) -> None:
        super().__init__(view)
        self._context = context
        self._view = view
        self.action = QAction(self.tr("Изменить результат…"), view.table)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action.triggered.connect(self._on_action_triggered)
        view.table.addAction(self.action)
        attach_table_export(view.table).add_action(self.action)

    def selected(self) -> tuple[str, str, ProcedureKey, int, Result | None] | None:
        """(login, school name, procedure, year, stored result) of the current procedure cell."""
        view = self._view
        index = view.table.currentIndex()
        year = view.years.year()
        if not index.isValid() or year is None:
            return None
        source = view.proxy.mapToSource(index)
        column = source.column() - view.model.FIXED_COLUMNS
        if column < 0:
            return None
        school = view.model.record(source.row()).school
        procedure = view.model.procedures()[column]
        return (
            school.login,
            school.full_name,
            procedure,
            year,
            view.model.result(source.row(), source.column()),
        )

    def edit(
        self, dialog: ResultEditDialog, login: str, procedure: ProcedureKey, year: int, shown: Result | None
    ) -> None:
        participants, low, high = dialog.values()
        before = None if shown is None else (shown.participants, shown.pct_low, shown.pct_high)
        change = ResultEdit(login, procedure, year, participants, low, high, before)  # type: ignore[arg-type]
        self._context.operations.write(
            self._view,
            self.tr("Правка результата"),
            lambda db, _progress, _cancel: edit_result(db, change),
            self._on_saved,
        )

    @Slot()
    def _on_action_triggered(self) -> None:
        found = self.selected()
        if found is None:
            show_message(self._view, self.tr("Выберите ячейку процедуры в таблице результатов."))
            return
        login, name, procedure, year, current = found
        dialog = ResultEditDialog(name, procedure, year, current, self._view)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.edit(dialog, login, procedure, year, current)
        dialog.deleteLater()

    def _on_saved(self, batch_id: int | None) -> None:
        window = self._context.window
        if batch_id is not None and isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                self.tr("Результат изменён (пакет № {id}; отменить — в «Журнале импорта»).").format(
                    id=batch_id
                ),
                8000,
            )
