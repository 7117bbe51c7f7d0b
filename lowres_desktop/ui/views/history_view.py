"""«Журнал импорта»: every import and hand edit as a batch, with its counts and warnings, and undo.

Undo asks first, runs through the window's task runner (a write), and the
whole window reloads afterwards, so every page shows the restored values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.importing.layouts import SHORT_TITLES
from lowres_desktop.services.import_history import BatchValue, batch_values, import_history
from lowres_desktop.ui.dialogs.minimum_scores_dialog import MinimumScoresDialog
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.record_table_model import Column, RecordTableModel
from lowres_desktop.ui.table_export import attach_table_export
from lowres_desktop.ui.table_setup import setup_table

if TYPE_CHECKING:
    from lowres_desktop.storage.import_repository import BatchSummary
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.app_context import AppContext


class HistoryTableModel(RecordTableModel):
    def set_batches(self, batches: list[BatchSummary]) -> None:
        columns = [
            Column(self.tr("№"), lambda b: str(b.id), sort_key=lambda b: b.id),
            Column(
                self.tr("Когда"),
                lambda b: f"{b.imported_at:%d.%m.%Y %H:%M}",
                sort_key=lambda b: b.imported_at,
            ),
            Column(self.tr("Кто"), lambda b: b.os_user),
            Column(self.tr("Файл или правка"), lambda b: b.file_name),
            Column(
                self.tr("Вид"),
                lambda b: (
                    self.tr("правка вручную") if b.kind == "manual" else SHORT_TITLES.get(b.layout, b.layout)
                ),
            ),
            Column(self.tr("Новых"), lambda b: str(b.results_new), sort_key=lambda b: b.results_new),
            Column(
                self.tr("Изменено"), lambda b: str(b.results_changed), sort_key=lambda b: b.results_changed
            ),
            Column(self.tr("Оставлено"), lambda b: str(b.results_kept), sort_key=lambda b: b.results_kept),
            Column(self.tr("Школ новых"), lambda b: str(b.schools_new), sort_key=lambda b: b.schools_new),
            Column(self.tr("Предупр."), lambda b: str(len(b.warnings)), sort_key=lambda b: len(b.warnings)),
            Column(
                self.tr("Состояние"),
                lambda b: (
                    self.tr("отменён {when}").format(when=f"{b.undone_at:%d.%m.%Y %H:%M}")
                    if b.undone_at
                    else self.tr("действует")
                ),
            ),
        ]
        self.set_records(batches, columns)


class BatchValuesModel(RecordTableModel):
    def set_values(self, values: list[BatchValue]) -> None:
        columns = [
            Column(self.tr("Логин"), lambda v: v.login),
            Column(self.tr("Школа"), lambda v: v.school),
            Column(self.tr("Запись"), lambda v: v.what),
            Column(self.tr("Процедура"), lambda v: v.procedure),
            Column(self.tr("Год"), lambda v: str(v.year or ""), sort_key=lambda v: v.year or 0),
            Column(self.tr("Было"), lambda v: v.was),
            Column(self.tr("Стало"), lambda v: v.became),
        ]
        self.set_records(values, columns)


class HistoryView(QWidget):
    """The import history page; `sig_undo_requested(batch_id)` asks the window to undo a batch."""

    sig_undo_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = HistoryTableModel(self)
        self.proxy = RecordSortProxyModel(self.model, self)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        attach_table_export(self.table, self.tr("Журнал импорта"))
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.values_model = BatchValuesModel(self)
        self.values_table = QTableView()
        self.values_table.setModel(RecordSortProxyModel(self.values_model, self))
        setup_table(self.values_table)
        attach_table_export(self.values_table, self.tr("Значения пакета"))
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.details, self.tr("Сводка"))
        self.detail_tabs.addTab(self.values_table, self.tr("Значения: было и стало"))
        self.detail_tabs.currentChanged.connect(self._on_detail_tab_changed)
        self._values_batch: int | None = None
        self.undo_button = QPushButton(self.tr("Отменить пакет…"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.scores_button = QPushButton(self.tr("Минимальные баллы…"))
        self.scores_button.setToolTip(self.tr("Таблица минимальных баллов ОГЭ и ЕГЭ для файлов РЦОИ"))
        self.scores_button.clicked.connect(self._on_scores_button_clicked)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._db: Database | None = None
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.scores_button)
        top.addWidget(self.undo_button)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_tabs)
        splitter.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter)

    def refresh(self, db: Database) -> None:
        self._db = db
        self._values_batch = None
        self.values_model.set_values([])
        batches = import_history(db)
        self.model.set_batches(batches)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr(
                "Пакетов в журнале: {count}. Каждый импорт и каждая правка вручную можно отменить."
            ).format(count=len(batches))
            if batches
            else self.tr("Журнал пуст: здесь появится каждый импорт и каждая правка результатов.")
        )
        self._show_selected()

    def selected_batch(self) -> BatchSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.record(self.proxy.mapToSource(rows[0]).row())

    def select_batch(self, batch_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            if self.model.record(self.proxy.mapToSource(self.proxy.index(row, 0)).row()).id == batch_id:
                self.table.selectRow(row)
                return

    @Slot()
    def _on_selection_changed(self) -> None:
        self._show_selected()

    @Slot(int)
    def _on_detail_tab_changed(self, _index: int) -> None:
        self._show_values()

    def _show_values(self) -> None:
        """The selected batch's values, read only when their tab is open (a region's file holds 27,000)."""
        batch = self.selected_batch()
        wanted = batch.id if batch is not None else None
        if self.detail_tabs.currentWidget() is not self.values_table or wanted == self._values_batch:
            return
        self._values_batch = wanted
        values = batch_values(self._db, wanted) if self._db is not None and wanted is not None else []
        self.values_model.set_values(values)
        self.values_table.resizeColumnsToContents()

    def _show_selected(self) -> None:
        batch = self.selected_batch()
        self.undo_button.setEnabled(batch is not None and batch.undone_at is None)
        self._show_values()
        if batch is None:
            self.details.setPlainText("")
            return
        lines = [
            self.tr("Пакет № {id}: {file}").format(id=batch.id, file=batch.file_name),
            self.tr("Импортирован {when}, пользователь {user}").format(
                when=f"{batch.imported_at:%d.%m.%Y %H:%M}", user=batch.os_user
            ),
        ]
        if batch.sha256:
            lines.append(self.tr("SHA-256 файла: {hash}").format(hash=batch.sha256))
        if batch.sheets:
            lines.append(self.tr("Листы: {sheets}").format(sheets=batch.sheets))
        lines.append(
            self.tr(
                "Результатов новых: {new}, изменённых: {changed}, без изменений: {same}, оставлено как в "
                "базе: {kept}; сравнений отметок: {cmp}; новых школ: {schools}, переименованных: {renamed}."
            ).format(
                new=batch.results_new,
                changed=batch.results_changed,
                same=batch.results_unchanged,
                kept=batch.results_kept,
                cmp=batch.comparisons_written,
                schools=batch.schools_new,
                renamed=batch.schools_renamed,
            )
        )
        if batch.undone_at:
            lines.append(
                self.tr("Отменён {when} ({user}).").format(
                    when=f"{batch.undone_at:%d.%m.%Y %H:%M}", user=batch.undone_by or ""
                )
            )
        if batch.warnings:
            lines.append(self.tr("Предупреждения:"))
            lines += [f"  • {warning}" for warning in batch.warnings]
        self.details.setPlainText("\n".join(lines))

    @Slot()
    def _on_scores_button_clicked(self) -> None:
        if self._db is None:
            return
        dialog = MinimumScoresDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _on_undo_button_clicked(self) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Отмена пакета"),
            self.tr(
                "Отменить пакет № {id} («{file}»)? Значения, которые он заменил, будут восстановлены, "
                "добавленные им результаты и школы — удалены."
            ).format(id=batch.id, file=batch.file_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.sig_undo_requested.emit(batch.id)
