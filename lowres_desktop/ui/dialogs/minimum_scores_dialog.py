"""«Минимальные баллы»: the table per exam, subject and year that per-student РЦОИ files are counted by.

Shipped values come from resources/reference/minimum-scores.csv; staff may
change a row or add a year, and return a row to the shipped value. Each
change is saved at once (one small transaction) through
`services/minimum_scores.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.services.minimum_scores import (
    SCALES,
    MinimumScoreEntry,
    StoredMinimumScore,
    minimum_scores,
    reset_minimum_score,
    save_minimum_score,
)
from lowres_desktop.ui.table_export import attach_table_export

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext

SCALE_TITLES = {"test": "тестовый балл", "primary": "первичный балл", "mark": "отметка"}
EDITED_BACKGROUND = QColor("#fff2b3")


class MinimumScoreRowDialog(QDialog):
    """One row of the table, new or changed."""

    def __init__(self, entry: MinimumScoreEntry | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Минимальный балл"))
        score = entry.score if entry else None
        self.kind = QComboBox()
        self.kind.addItems(["ЕГЭ", "ОГЭ"])
        self.subject = QLineEdit(score.subject if score else "")
        self.subject.setPlaceholderText(self.tr("код предмета: РУ, МАП, ФИ…"))
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(score.year if score else 2026)
        self.scale = QComboBox()
        for value in SCALES:
            self.scale.addItem(self.tr(SCALE_TITLES[value]), value)
        self.minimum = QDoubleSpinBox()
        self.minimum.setRange(0, 100)
        self.minimum.setDecimals(1)
        self.high = QDoubleSpinBox()
        self.high.setRange(0, 100)
        self.high.setDecimals(1)
        self.high.setSpecialValueText(self.tr("нет"))
        self.note = QLineEdit(score.note if score else "")
        if score:
            self.kind.setCurrentText(score.kind)
            self.scale.setCurrentIndex(self.scale.findData(score.scale))
            self.minimum.setValue(score.minimum)
            self.high.setValue(score.high or 0)
            for field in (self.kind, self.subject, self.year):
                field.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Экзамен:"), self.kind)
        form.addRow(self.tr("Предмет:"), self.subject)
        form.addRow(self.tr("Год:"), self.year)
        form.addRow(self.tr("Шкала:"), self.scale)
        form.addRow(self.tr("Ниже минимума — меньше:"), self.minimum)
        form.addRow(self.tr("Высокий результат — от:"), self.high)
        form.addRow(self.tr("Примечание:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def score(self) -> StoredMinimumScore:
        return StoredMinimumScore(
            self.kind.currentText(),
            self.subject.text().strip().upper(),
            self.year.value(),
            self.scale.currentData(),
            self.minimum.value(),
            self.high.value() or None,
            self.note.text().strip(),
        )


class MinimumScoresDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Минимальные баллы ОГЭ и ЕГЭ"))
        self.resize(900, 600)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Экзамен"),
                self.tr("Предмет"),
                self.tr("Год"),
                self.tr("Шкала"),
                self.tr("Ниже минимума — меньше"),
                self.tr("Высокий — от"),
                self.tr("Примечание"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        attach_table_export(self.table, self.tr("Минимальные баллы"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.doubleClicked.connect(self._on_change_clicked)
        add = QPushButton(self.tr("Добавить…"))
        add.clicked.connect(self._on_add_clicked)
        change = QPushButton(self.tr("Изменить…"))
        change.clicked.connect(self._on_change_clicked)
        self.reset_button = QPushButton(self.tr("Вернуть исходное значение"))
        self.reset_button.clicked.connect(self._on_reset_clicked)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (add, change, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(
            self.tr(
                "По этой таблице из файлов РЦОИ считаются доли участников ниже минимального балла и с "
                "высокими результатами. Изменённые строки выделены; для года без строки берётся "
                "ближайший предыдущий год."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.entries: list[MinimumScoreEntry] = []
        self.reload()

    def reload(self) -> None:
        self.entries = minimum_scores(self._context.db)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            score = entry.score
            values = [
                score.kind,
                score.subject,
                str(score.year),
                self.tr(SCALE_TITLES.get(score.scale, score.scale)),
                f"{score.minimum:g}",
                "—" if score.high is None else f"{score.high:g}",
                score.note,
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if entry.edited:
                    item.setBackground(QBrush(EDITED_BACKGROUND))
                if column in (2, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def selected(self) -> MinimumScoreEntry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def save(self, score: StoredMinimumScore) -> None:
        self._write(self.tr("Минимальный балл"), lambda db, _p, _c: save_minimum_score(db, score))

    def _write(self, title: str, work) -> None:  # type: ignore[no-untyped-def]
        """A change of the table; afterwards it shows what is stored, also after a refusal."""
        self._context.operations.write(self, title, work, lambda _r: self.reload(), lambda _e: self.reload())

    @Slot()
    def _on_add_clicked(self) -> None:
        dialog = MinimumScoreRowDialog(None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save(dialog.score())

    @Slot()
    def _on_change_clicked(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        dialog = MinimumScoreRowDialog(entry, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save(dialog.score())

    @Slot()
    def _on_reset_clicked(self) -> None:
        entry = self.selected()
        if entry is not None and entry.edited:
            score = entry.score
            self._write(
                self.tr("Исходный минимальный балл"),
                lambda db, _p, _c: reset_minimum_score(db, score.kind, score.subject, score.year),
            )
