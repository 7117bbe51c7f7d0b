"""The wizard's columns page: the sheet, layout and header row of each file and what every column means.

Everything detected can be corrected: another sheet or layout, the header
row, a column's role, procedure, year or measure; an unknown header mapped to
a procedure is remembered for the next files. A file no layout recognises
is said so here and goes to the hand-mapping page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
)

from lowres_desktop.importing import exam_register
from lowres_desktop.importing.layouts import LAYOUTS, SheetChoice, detect
from lowres_desktop.importing.parsed import ColumnMapping, ColumnRole, Measure, Origin, ParseOptions
from lowres_desktop.importing.procedure_headers import parse_procedure_code
from lowres_desktop.services.results_table import known_procedure_codes
from lowres_desktop.ui.dialogs.import_wizard.file_page import (
    FilePage,
    column_of_row,
    columns_table,
    fit_columns_table,
    set_column_row,
)
from lowres_desktop.ui.dialogs.import_wizard.page_ids import PageId

if TYPE_CHECKING:
    from lowres_desktop.ui.dialogs.import_wizard.wizard import ImportWizard

UNKNOWN_BACKGROUND = QColor("#fff2b3")
ROLE_TITLES = {
    ColumnRole.LOGIN: "Логин ОО",
    ColumnRole.GIA_CODE: "Код ОО (ГИА)",
    ColumnRole.NAME: "Название ОО",
    ColumnRole.TERRITORY: "Территория",
    ColumnRole.PROCEDURE: "Процедура",
    ColumnRole.YEAR: "Год",
    ColumnRole.VALUE: "Значение",
    ColumnRole.IGNORE: "Пропустить",
    ColumnRole.SUBJECT: "Предмет",
    ColumnRole.EXAM: "Экзамен (ОГЭ/ЕГЭ)",
    ColumnRole.DATE: "Дата экзамена",
    ColumnRole.GRADE: "Класс",
    ColumnRole.SCORE: "Тестовый балл",
    ColumnRole.PRIMARY: "Первичный балл",
    ColumnRole.MARK: "Отметка",
    ColumnRole.STATUS: "Статус (неявка, удалён)",
    ColumnRole.JOURNAL_MARK: "Отметка по журналу",
}
TABLE_ROLES = (
    ColumnRole.LOGIN,
    ColumnRole.GIA_CODE,
    ColumnRole.NAME,
    ColumnRole.TERRITORY,
    ColumnRole.PROCEDURE,
    ColumnRole.YEAR,
    ColumnRole.VALUE,
    ColumnRole.IGNORE,
)
"""The roles a column of a per-school table can have; a register's are `exam_register.REGISTER_ROLES`."""
MEASURE_TITLES = {Measure.LOW: "% «2»", Measure.HIGH: "% высоких", Measure.PARTICIPANTS: "участников"}
ORIGIN_TITLES = {
    Origin.DETECTED: "распознан",
    Origin.REMEMBERED: "запомнен",
    Origin.USER: "задан вручную",
    Origin.UNRECOGNISED: "не распознан",
}


class MappingPage(FilePage):
    """Sheet, layout, header row, and the meaning of every column, for the chosen file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Листы и столбцы"))
        self.setSubTitle(
            self.tr(
                "Проверьте, как программа поняла файл. Исправьте назначение столбца, процедуру, год или "
                "показатель и нажмите «Применить»; нераспознанный заголовок можно сопоставить процедуре."
            )
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.sheet_combo = QComboBox()
        self.layout_combo = QComboBox()
        for layout in LAYOUTS:
            self.layout_combo.addItem(layout.title, layout.id)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(0, 100)
        self.header_spin.setSpecialValueText(self.tr("найти"))
        self.procedure_edit = QLineEdit()
        self.procedure_edit.setPlaceholderText(self.tr("из заголовка файла, например «ВПР РУ 4»"))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(0, 2100)
        self.year_spin.setSpecialValueText(self.tr("из файла"))
        self.table = columns_table(
            [
                self.tr("Столбец"),
                self.tr("Заголовок"),
                self.tr("Назначение"),
                self.tr("Процедура"),
                self.tr("Год"),
                self.tr("Показатель"),
                self.tr("Как понят"),
            ]
        )
        self._procedure_codes: list[str] = []
        self.remember = QCheckBox(self.tr("Запомнить заданные вручную сопоставления для следующих файлов"))
        self.remember.setChecked(True)
        self.apply_button = QPushButton(self.tr("Применить"))
        self.apply_button.clicked.connect(self._on_apply_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Файл:"), self.file_combo)
        form.addRow(self.tr("Лист:"), self.sheet_combo)
        form.addRow(self.tr("Вид таблицы:"), self.layout_combo)
        form.addRow(self.tr("Строка заголовка:"), self.header_spin)
        sheet_level = QHBoxLayout()
        sheet_level.addWidget(self.procedure_edit, 1)
        sheet_level.addWidget(QLabel(self.tr("Год:")))
        sheet_level.addWidget(self.year_spin)
        form.addRow(self.tr("Процедура листа:"), sheet_level)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remember, 1)
        bottom.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        wizard.sig_files_read.connect(self._on_files_read)

    def initializePage(self) -> None:
        self._procedure_codes = known_procedure_codes(self._wizard.db)
        self.show_files(self._wizard.files)

    def isComplete(self) -> bool:
        return not self._wizard.parsing and self._wizard.all_read()

    def nextId(self) -> int:
        return PageId.HAND if self._wizard.hand_files() else PageId.PREVIEW

    @Slot()
    def _on_files_read(self) -> None:
        self.show_file()
        self.completeChanged.emit()

    def show_file(self) -> None:
        state = self.current()
        self.table.setRowCount(0)
        self.sheet_combo.clear()
        enabled = state is not None and state.reading is not None
        for widget in (self.sheet_combo, self.layout_combo, self.header_spin, self.apply_button, self.table):
            widget.setEnabled(
                enabled or (state is not None and state.error is not None and widget is not self.table)
            )
        if state is None:
            return
        if state.reading is None and state.error is None:
            self.status.setText(self.tr("Чтение файла…"))
            return
        grids = state.reading.grids if state.reading else state.grids
        detected = {index: (layout, row) for index, layout, row in detect(grids)}
        self.sheet_combo.addItem(self.tr("Все листы с данными"), -1)
        for index, grid in enumerate(grids):
            found = detected.get(index)
            label = f"{grid.name} — {found[0].title}" if found else f"{grid.name} — {self.tr('не распознан')}"
            self.sheet_combo.addItem(label, index)
        if state.error is not None:
            hint = self.tr(
                "Вид таблицы не распознан: на следующей странице укажите, в каком столбце что, "
                "или выберите здесь лист и вид таблицы и нажмите «Применить»."
            )
            detail = "" if "не найдена таблица известного вида" in state.error else f"\n{state.error}"
            self.status.setText(hint + detail if state.unrecognised else state.error)
            return
        assert state.reading is not None
        chosen = {c.sheet for c in state.reading.sheets}
        if state.choices.sheets is not None and len(chosen) == 1:
            self.sheet_combo.setCurrentIndex(self.sheet_combo.findData(next(iter(chosen))))
        first = state.reading.parsed[0]
        self.layout_combo.setCurrentIndex(self.layout_combo.findData(first.layout))
        self.header_spin.setValue(first.header_row)
        self.procedure_edit.setText(first.procedure.code if first.procedure else "")
        self.year_spin.setValue(first.year or 0)
        sheets = ", ".join(f"«{p.sheet}»" for p in state.reading.parsed)
        problems = len(state.reading.problems)
        self.status.setText(
            self.tr(
                "Листы: {sheets}; вид: {layout}; строка заголовка {row}; строк данных: {rows}; "
                "ошибок: {problems}."
            ).format(
                sheets=sheets,
                layout=self.layout_combo.currentText(),
                row=first.header_row,
                rows=sum(p.rows_read for p in state.reading.parsed),
                problems=problems,
            )
        )
        self._fill_columns(first.columns)

    def _fill_columns(self, columns: list[ColumnMapping]) -> None:
        self.table.setRowCount(len(columns))
        register = self.layout_combo.currentData() == exam_register.LAYOUT_ID
        roles = [ColumnRole.IGNORE, *exam_register.REGISTER_ROLES] if register else list(TABLE_ROLES)
        for row, mapping in enumerate(columns):
            set_column_row(self.table, row, mapping.column, mapping.header)
            role = QComboBox()
            for value in roles:
                role.addItem(self.tr(ROLE_TITLES[value]), value.value)
            role.setCurrentIndex(role.findData(mapping.role.value))
            self.table.setCellWidget(row, 2, role)
            procedure = QComboBox()
            procedure.setEditable(True)
            procedure.addItems(["", *self._procedure_codes])
            procedure.setCurrentText(mapping.procedure.code if mapping.procedure else "")
            procedure.lineEdit().setPlaceholderText(self.tr("ВПР МА 5"))
            procedure.setToolTip(self.tr("Процедура из базы или новая, например «ВПР ИС 6»"))
            self.table.setCellWidget(row, 3, procedure)
            year = QSpinBox()
            year.setRange(0, 2100)
            year.setSpecialValueText("—")
            year.setValue(mapping.year or 0)
            self.table.setCellWidget(row, 4, year)
            measure = QComboBox()
            measure.addItem("—", "")
            for value, title in MEASURE_TITLES.items():
                measure.addItem(self.tr(title), value.value)
            measure.setCurrentIndex(measure.findData(mapping.measure.value if mapping.measure else ""))
            self.table.setCellWidget(row, 5, measure)
            origin = QTableWidgetItem(self.tr(ORIGIN_TITLES[mapping.origin]))
            if mapping.origin == Origin.UNRECOGNISED:
                origin.setBackground(QBrush(UNKNOWN_BACKGROUND))
            self.table.setItem(row, 6, origin)
        fit_columns_table(self.table)

    def edited_columns(self) -> dict[int, ColumnMapping]:
        """Columns whose meaning differs from what was read: the user's corrections."""
        state = self.current()
        if state is None or state.reading is None:
            return {}
        before = {m.column: m for m in state.reading.parsed[0].columns}
        edited: dict[int, ColumnMapping] = {}
        for row in range(self.table.rowCount()):
            column = column_of_row(self.table, row)
            role = ColumnRole(self.table.cellWidget(row, 2).currentData())
            procedure = parse_procedure_code(self.table.cellWidget(row, 3).currentText())
            year = self.table.cellWidget(row, 4).value() or None
            measure_value = self.table.cellWidget(row, 5).currentData()
            mapping = ColumnMapping(
                column,
                self.table.item(row, 1).text(),
                role,
                procedure,
                year,
                Measure(measure_value) if measure_value else None,
                Origin.USER,
            )
            old = before.get(column)
            if old is None or (old.role, old.procedure, old.year, old.measure) != (
                role,
                procedure,
                year,
                mapping.measure,
            ):
                edited[column] = mapping
        return edited

    @Slot()
    def _on_apply_clicked(self) -> None:
        state = self.current()
        if state is None:
            return
        sheet = self.sheet_combo.currentData()
        layout = self.layout_combo.currentData()
        header = self.header_spin.value() or None
        procedure = parse_procedure_code(self.procedure_edit.text())
        year = self.year_spin.value() or None
        if sheet is None or sheet == -1:
            state.choices.sheets = (
                None
                if state.reading is None
                else [
                    replace(c, layout=layout if len(state.reading.sheets) == 1 else c.layout)
                    for c in state.reading.sheets
                ]
            )
        else:
            state.choices.sheets = [SheetChoice(sheet, layout, header)]
        edited = self.edited_columns() if state.reading is not None else {}
        targets = [c.sheet for c in state.choices.sheets] if state.choices.sheets else []
        for index in targets:
            previous = state.choices.options.get(index, ParseOptions())
            columns = {**previous.columns, **edited} if len(targets) == 1 else previous.columns
            state.choices.options[index] = replace(
                previous,
                header_row=header if len(targets) == 1 else None,
                columns=columns,
                procedure=procedure,
                year=year,
            )
        if self.remember.isChecked():
            state.choices.remember = [(layout, m) for m in edited.values() if m.role != ColumnRole.IGNORE] + [
                r for r in state.choices.remember if r[1].column not in edited
            ]
        self._wizard.reparse(state, self, self.show_file)
