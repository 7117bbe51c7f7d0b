"""The audit log: who changed what and when, filtered by person, section and text, exported to CSV."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.files.names import with_extension
from lowres_desktop.services.audit import CSV_HEADER, AuditFilter, export_audit, read_audit
from lowres_desktop.ui.file_dialogs import Purpose, save_file
from lowres_desktop.ui.table_export import attach_table_export

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext

SHOWN_LIMIT = 2000


class AuditView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.user_combo = QComboBox()
        self.table_combo = QComboBox()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Текст в значениях или номер записи"))
        self.export_button = QPushButton(self.tr("Сохранить в CSV…"))
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.user_combo.currentIndexChanged.connect(self._reload)
        self.table_combo.currentIndexChanged.connect(self._reload)
        self.search_edit.editingFinished.connect(self._reload)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Кто:")))
        filters.addWidget(self.user_combo)
        filters.addWidget(QLabel(self.tr("Раздел:")))
        filters.addWidget(self.table_combo)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.export_button)
        self.table = QTableWidget(0, len(CSV_HEADER))
        self.table.setHorizontalHeaderLabels([self.tr(title) for title in CSV_HEADER])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        attach_table_export(self.table, self.tr("Журнал изменений"))
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def refresh(self) -> None:
        self._reload()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            user=self.user_combo.currentData() or "",
            table=self.table_combo.currentData() or "",
            text=self.search_edit.text().strip(),
        )

    @staticmethod
    def _fill_combo(combo: QComboBox, everything: str, values: list[str]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for value in values:
            combo.addItem(value, value)
        index = combo.findData(chosen)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    @Slot()
    def _reload(self) -> None:
        page = read_audit(self._context.db, self.current_filter(), SHOWN_LIMIT)
        self._fill_combo(self.user_combo, self.tr("все"), page.users)
        self._fill_combo(self.table_combo, self.tr("все"), page.tables)
        self.table.setRowCount(len(page.lines))
        for row, line in enumerate(page.lines):
            cells = (
                f"{line.changed_at:%d.%m.%Y %H:%M:%S}",
                line.user_name,
                line.action,
                line.table,
                line.row_key,
                line.field,
                line.old_value,
                line.new_value,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        shown = len(page.lines)
        self.count_label.setText(
            self.tr("Изменений: {total}").format(total=page.total)
            if shown == page.total
            else self.tr("Показаны последние {shown} из {total}; в CSV сохраняются все.").format(
                shown=shown, total=page.total
            )
        )

    @Slot()
    def _on_export_button_clicked(self) -> None:
        name = save_file(
            self, self.tr("Журнал изменений"), Purpose.EXPORTS, "журнал_изменений.csv", self.tr("CSV (*.csv)")
        )
        if name:
            path = with_extension(name, ".csv")
            chosen = self.current_filter()
            saved = self.tr("Сохранено изменений: {count} — {name}")
            self._context.operations.write(
                self,
                self.tr("Журнал изменений"),
                lambda db, _progress, _cancel: export_audit(db, path, chosen),
                lambda count: self.count_label.setText(saved.format(count=count, name=path)),
                initiator=self,
            )
