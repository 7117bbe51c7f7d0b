"""The wizard's hand-mapping page: a file no layout recognises, shown as a grid, its columns named.

Two kinds of table: one row per school (school, procedure, year, measures —
read as the program's long template) or one row per participant (school,
subject, year, score or mark — counted like a РЦОИ register). «Показать
итог» parses the sheet with the mapping and shows the per-school figures it
will write; the mapping can be remembered for files with the same header,
which then import without asking, here and on the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.importing import exam_register, long_template
from lowres_desktop.importing.layouts import SheetChoice
from lowres_desktop.importing.parsed import ColumnMapping, ColumnRole, Measure, Origin, ParseOptions
from lowres_desktop.importing.problems import column_letters
from lowres_desktop.importing.procedure_headers import parse_procedure_code
from lowres_desktop.importing.values import is_blank
from lowres_desktop.services.import_workbook import HandMapping, header_key
from lowres_desktop.ui.dialogs.import_wizard.file_page import (
    FilePage,
    column_of_row,
    columns_table,
    fit_columns_table,
    set_column_row,
)
from lowres_desktop.ui.dialogs.import_wizard.mapping_page import ROLE_TITLES
from lowres_desktop.ui.dialogs.import_wizard.page_ids import PageId
from lowres_desktop.wording.common import format_number

if TYPE_CHECKING:
    from lowres_desktop.ui.dialogs.import_wizard.wizard import FileState, ImportWizard

HEADER_BACKGROUND = QColor("#dde7f3")
GRID_ROWS = 40
TABLE_ROLES: list[tuple[str, str]] = [
    (ColumnRole.IGNORE.value, ROLE_TITLES[ColumnRole.IGNORE]),
    (ColumnRole.LOGIN.value, ROLE_TITLES[ColumnRole.LOGIN]),
    (ColumnRole.GIA_CODE.value, ROLE_TITLES[ColumnRole.GIA_CODE]),
    (ColumnRole.NAME.value, ROLE_TITLES[ColumnRole.NAME]),
    (ColumnRole.TERRITORY.value, ROLE_TITLES[ColumnRole.TERRITORY]),
    (ColumnRole.PROCEDURE.value, ROLE_TITLES[ColumnRole.PROCEDURE]),
    (ColumnRole.YEAR.value, ROLE_TITLES[ColumnRole.YEAR]),
    (f"value:{Measure.PARTICIPANTS.value}", "Участников"),
    (f"value:{Measure.LOW.value}", "% «2» (ниже минимума)"),
    (f"value:{Measure.HIGH.value}", "% высоких"),
]
"""What a column of a per-school table can hold, as (data, title) of the column's list."""
REGISTER_ROLES: list[tuple[str, str]] = [
    (role.value, ROLE_TITLES[role]) for role in (ColumnRole.IGNORE, *exam_register.REGISTER_ROLES)
]
KINDS = {long_template.LAYOUT_ID: TABLE_ROLES, exam_register.LAYOUT_ID: REGISTER_ROLES}


def _mapping(column: int, header: str, data: str) -> ColumnMapping:
    if data.startswith("value:"):
        return ColumnMapping(column, header, ColumnRole.VALUE, measure=Measure(data[6:]), origin=Origin.USER)
    return ColumnMapping(column, header, ColumnRole(data), origin=Origin.USER)


def _text(value: object) -> str:
    return "" if is_blank(value) else str(value)


class HandMappingPage(FilePage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Столбцы вручную"))
        self.setSubTitle(
            self.tr(
                "Программа не узнала вид таблицы. Укажите, где строка заголовка и что в каком столбце, и "
                "нажмите «Показать итог»: ниже появятся показатели по школам, которые будут записаны."
            )
        )
        self.sheet_combo = QComboBox()
        self.sheet_combo.currentIndexChanged.connect(self._on_sheet_combo_changed)
        self.table_radio = QRadioButton(self.tr("Таблица по школам (строка — школа, процедура, год)"))
        self.register_radio = QRadioButton(self.tr("Ведомость по участникам (строка — участник ОГЭ/ЕГЭ)"))
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.table_radio)
        self.kind_group.addButton(self.register_radio)
        self.table_radio.setChecked(True)
        self.kind_group.buttonToggled.connect(self._on_kind_group_toggled)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, GRID_ROWS)
        self.header_spin.valueChanged.connect(self._on_header_spin_changed)
        self.procedure_edit = QLineEdit()
        self.procedure_edit.setPlaceholderText(self.tr("если нет столбца: например «ЕГЭ РУ» или «ВПР МА 5»"))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(0, 2100)
        self.year_spin.setSpecialValueText(self.tr("из файла"))
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.columns = columns_table(
            [self.tr("Столбец"), self.tr("Заголовок"), self.tr("Первое значение"), self.tr("Что в столбце")]
        )
        self.preview_button = QPushButton(self.tr("Показать итог"))
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.figures = QTableWidget(0, 6)
        self.figures.setHorizontalHeaderLabels(
            [self.tr("Школа"), self.tr("Процедура"), self.tr("Год"), self.tr("Участников"),
             self.tr("% «2» / ниже минимума"), self.tr("% высоких")]
        )  # fmt: skip
        self.figures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.figures.resizeColumnsToContents()  # the headers whole before «Показать итог»
        self.remember = QCheckBox(self.tr("Запомнить для файлов с таким же заголовком"))
        self.remember.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Файл:"), self.file_combo)
        form.addRow(self.tr("Лист:"), self.sheet_combo)
        kinds = QHBoxLayout()
        kinds.addWidget(self.table_radio)
        kinds.addWidget(self.register_radio)
        form.addRow(self.tr("Что в таблице:"), kinds)
        form.addRow(self.tr("Строка заголовка:"), self.header_spin)
        sheet_level = QHBoxLayout()
        sheet_level.addWidget(self.procedure_edit, 1)
        sheet_level.addWidget(QLabel(self.tr("Год:")))
        sheet_level.addWidget(self.year_spin)
        form.addRow(self.tr("Процедура листа:"), sheet_level)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.columns, 2)
        bar = QHBoxLayout()
        bar.addWidget(self.remember, 1)
        bar.addWidget(self.preview_button)
        lower_layout.addLayout(bar)
        lower_layout.addWidget(self.status)
        lower_layout.addWidget(self.figures, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.grid)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)

    def initializePage(self) -> None:
        self.show_files(self._wizard.hand_files())

    def isComplete(self) -> bool:
        return (
            not self._wizard.parsing
            and bool(self._states)
            and all(
                s.reading is not None and not s.reading.problems and any(p.results for p in s.reading.parsed)
                for s in self._states
            )
        )

    def validatePage(self) -> bool:
        for state in self._states:
            if not self.remember.isChecked():
                state.choices.remember_sheet = None
        return True

    def nextId(self) -> int:
        return PageId.PREVIEW

    def layout_id(self) -> str:
        return exam_register.LAYOUT_ID if self.register_radio.isChecked() else long_template.LAYOUT_ID

    def show_file(self) -> None:
        state = self.current()
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for index, grid in enumerate(state.grids if state else []):
            self.sheet_combo.addItem(grid.name, index)
        self.sheet_combo.blockSignals(False)
        if state is not None and state.choices.sheets:
            choice = state.choices.sheets[0]
            self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(choice.sheet), 0))
            (
                self.register_radio if choice.layout == exam_register.LAYOUT_ID else self.table_radio
            ).setChecked(True)
            self.header_spin.setValue(choice.header_row or 1)
        self._show_sheet()

    @Slot(int)
    def _on_sheet_combo_changed(self, _index: int) -> None:
        self._show_sheet()

    @Slot(int)
    def _on_header_spin_changed(self, _value: int) -> None:
        self._show_columns()

    @Slot()
    def _on_kind_group_toggled(self, *_args: object) -> None:
        self._show_columns()

    def _rows(self) -> list[list[object]]:
        state = self.current()
        sheet = self.sheet_combo.currentData()
        if state is None or sheet is None or sheet >= len(state.grids):
            return []
        return state.grids[sheet].rows

    def _show_sheet(self) -> None:
        rows = self._rows()[:GRID_ROWS]
        width = max((len(r) for r in rows), default=0)
        self.grid.clear()
        self.grid.setRowCount(len(rows))
        self.grid.setColumnCount(width)
        self.grid.setHorizontalHeaderLabels([column_letters(c + 1) for c in range(width)])
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                self.grid.setItem(r, c, QTableWidgetItem(_text(value)))
        self.header_spin.setMaximum(max(len(rows), 1))
        if self.current() is not None and not self.current().choices.sheets:
            self.header_spin.setValue(self._guess_header(rows))
        self._show_columns()

    def _guess_header(self, rows: list[list[object]]) -> int:
        """The first row with several texts: where a header usually is."""
        for number, cells in enumerate(rows, start=1):
            if sum(isinstance(v, str) and not is_blank(v) for v in cells) >= 3:
                return number
        return 1

    def _show_columns(self) -> None:
        rows = self._rows()
        number = self.header_spin.value()
        for r in range(self.grid.rowCount()):
            for c in range(self.grid.columnCount()):
                item = self.grid.item(r, c)
                if item is not None:
                    item.setBackground(QBrush(HEADER_BACKGROUND) if r + 1 == number else QBrush())
        header = rows[number - 1] if 0 < number <= len(rows) else []
        first = rows[number] if number < len(rows) else []
        guessed = {column: role for role, column in exam_register.header_roles(header).items()}
        state = self.current()
        given = {}
        if state is not None and state.choices.sheets:
            given = state.choices.options.get(state.choices.sheets[0].sheet, ParseOptions()).columns
        choices = KINDS[self.layout_id()]
        self.columns.setRowCount(len(header))
        for row, value in enumerate(header):
            column = row + 1
            set_column_row(self.columns, row, column, _text(value))
            self.columns.setItem(row, 2, QTableWidgetItem(_text(first[row] if row < len(first) else None)))
            combo = QComboBox()
            for data, title in choices:
                combo.addItem(self.tr(title), data)
            mapping = given.get(column)
            if mapping is not None:
                data = f"value:{mapping.measure.value}" if mapping.measure else mapping.role.value
            else:
                data = guessed.get(column, ColumnRole.IGNORE).value
            combo.setCurrentIndex(max(combo.findData(data), 0))
            self.columns.setCellWidget(row, 3, combo)
        fit_columns_table(self.columns)

    def mapped_columns(self) -> dict[int, ColumnMapping]:
        """What the user said each column holds (skipped columns left out)."""
        found: dict[int, ColumnMapping] = {}
        for row in range(self.columns.rowCount()):
            data = self.columns.cellWidget(row, 3).currentData()
            if data == ColumnRole.IGNORE.value:
                continue
            column = column_of_row(self.columns, row)
            found[column] = _mapping(column, self.columns.item(row, 1).text(), data)
        return found

    def _missing(self, columns: dict[int, ColumnMapping], procedure: object, year: int | None) -> str | None:
        roles = {m.role for m in columns.values()}
        if not {ColumnRole.LOGIN, ColumnRole.GIA_CODE} & roles:
            return self.tr("Укажите столбец с логином ОО или с кодом ОО (ГИА).")
        if self.layout_id() == exam_register.LAYOUT_ID:
            if not {ColumnRole.SCORE, ColumnRole.PRIMARY, ColumnRole.MARK} & roles:
                return self.tr("Укажите столбец с баллом или отметкой участника.")
            return None
        if ColumnRole.VALUE not in roles:
            return self.tr("Укажите хотя бы один столбец с показателем: участников, % «2» или % высоких.")
        if ColumnRole.PROCEDURE not in roles and procedure is None:
            return self.tr("Укажите столбец с процедурой или процедуру листа (например «ВПР МА 5»).")
        if ColumnRole.YEAR not in roles and year is None:
            return self.tr("Укажите столбец с годом или год листа.")
        return None

    @Slot()
    def _on_preview_button_clicked(self) -> None:
        state = self.current()
        sheet = self.sheet_combo.currentData()
        if state is None or sheet is None:
            return
        columns = self.mapped_columns()
        procedure = (
            parse_procedure_code(self.procedure_edit.text()) if self.procedure_edit.text().strip() else None
        )
        year = self.year_spin.value() or None
        missing = self._missing(columns, procedure, year)
        if missing:
            self.status.setText(missing)
            self.figures.setRowCount(0)
            self.completeChanged.emit()
            return
        header_row = self.header_spin.value()
        layout = self.layout_id()
        state.choices.sheets = [SheetChoice(sheet, layout, header_row)]
        state.choices.options = {sheet: ParseOptions(header_row, columns, procedure=procedure, year=year)}
        rows = self._rows()
        state.choices.remember_sheet = HandMapping(
            layout, header_row, header_key(rows[header_row - 1]), columns, procedure, year
        )
        state.hand_mapped = True
        self.status.setText(self.tr("Разбор файла…"))
        self._wizard.reparse(state, self, lambda: self._show_figures(state))

    def _show_figures(self, state: FileState) -> None:
        self.figures.setRowCount(0)
        if state.reading is None:
            self.status.setText(state.error or "")
            return
        results = [r for sheet in state.reading.parsed for r in sheet.results]
        problems = state.reading.problems
        schools = {s.login for sheet in state.reading.parsed for s in sheet.schools}
        lines = [
            self.tr("Школ: {schools}, показателей по школам: {results}, ошибок: {problems}.").format(
                schools=len(schools), results=len(results), problems=len(problems)
            )
        ]
        lines += [str(p) for p in problems[:5]]
        lines += [note for sheet in state.reading.parsed for note in sheet.notes]
        self.status.setText("\n".join(lines))
        self.figures.setRowCount(len(results))
        for row, result in enumerate(sorted(results, key=lambda r: (r.login, r.procedure.code, r.year))):
            values = [result.login, result.procedure.code, str(result.year),
                      "" if result.participants is None else str(result.participants),
                      format_number(result.pct_low), format_number(result.pct_high)]  # fmt: skip
            for column, text in enumerate(values):
                self.figures.setItem(row, column, QTableWidgetItem(text))
        self.figures.resizeColumnsToContents()
