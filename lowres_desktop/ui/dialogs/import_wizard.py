"""«Импорт результатов»: the wizard from files to a committed import, in five pages.

1. files; 2. for each file, the sheet, layout and header row detected and
how every column was understood — any of it can be corrected, an unknown
header mapped to a procedure, and the mapping remembered; 3. a preview of
the rows with every problem at its cell, and the schools the database does
not know, each to create, assign to an existing school, or skip; 4. values
that differ from the database: replace, keep, or decide per record; 5. the
import itself, in the background with progress and cancel, one transaction
per file. Reading runs through the task runner; parsing again after a
correction works on the sheets already read, so it is instant.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.importing.layouts import LAYOUTS, SheetChoice, detect
from lowres_desktop.importing.parsed import ColumnMapping, ColumnRole, IdKind, Measure, Origin, ParseOptions
from lowres_desktop.importing.procedure_headers import parse_procedure_code
from lowres_desktop.services.browse import list_schools
from lowres_desktop.services.import_workbook import (
    CREATE_SCHOOL,
    ConflictPolicy,
    FileReading,
    ImportChoices,
    ImportPlan,
    ImportReport,
    SchoolRef,
    apply_import,
    plan_import,
    read_import_file,
    reparse_file,
)
from lowres_desktop.services.progress import CancelCheck, Cancelled, ProgressCallback
from lowres_desktop.services.results_table import known_procedure_codes
from lowres_desktop.ui.dialogs.import_summary_dialog import ImportOutcome
from lowres_desktop.ui.models.conflicts_model import ConflictChoice, ConflictsModel, conflict_columns
from lowres_desktop.ui.models.unknown_schools_model import (
    CHOICE_COLUMN,
    SKIP,
    SchoolChoiceDelegate,
    UnknownSchoolsModel,
)
from lowres_desktop.ui.table_export import attach_table_export
from lowres_desktop.ui.table_fit import fit_columns
from lowres_desktop.ui.table_setup import setup_table

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.tasks import TaskRunner

PROBLEM_BACKGROUND = QColor("#f8c8c8")
UNKNOWN_BACKGROUND = QColor("#fff2b3")
HEADER_BACKGROUND = QColor("#dde7f3")
ROLE_TITLES = {
    ColumnRole.LOGIN: "Логин ОО",
    ColumnRole.GIA_CODE: "Код ОО (ГИА)",
    ColumnRole.NAME: "Название ОО",
    ColumnRole.TERRITORY: "Территория",
    ColumnRole.PROCEDURE: "Процедура",
    ColumnRole.YEAR: "Год",
    ColumnRole.VALUE: "Значение",
    ColumnRole.IGNORE: "Пропустить",
}
MEASURE_TITLES = {Measure.LOW: "% «2»", Measure.HIGH: "% высоких", Measure.PARTICIPANTS: "участников"}
ORIGIN_TITLES = {
    Origin.DETECTED: "распознан",
    Origin.REMEMBERED: "запомнен",
    Origin.USER: "задан вручную",
    Origin.UNRECOGNISED: "не распознан",
}


@dataclass
class FileState:
    """One file on its way through the wizard."""

    path: Path
    choices: ImportChoices = field(default_factory=ImportChoices)
    reading: FileReading | None = None
    error: str | None = None
    plan: ImportPlan | None = None


class GridPreviewModel(QAbstractTableModel):
    """The rows of the chosen sheets from the header down, problem cells red, unknown schools yellow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int, list[object]]] = []
        self._width = 0
        self._problems: dict[tuple[str, int, int], str] = {}
        self._unknown_rows: set[tuple[str, int]] = set()
        self._headers: set[tuple[str, int]] = set()
        self._one_sheet = True
        """Rows from one sheet are numbered alone; from several, «sheet, row»."""

    def set_reading(self, reading: FileReading | None, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self._rows = []
        self._problems = {}
        self._unknown_rows = set()
        self._headers = set()
        if reading is not None:
            for choice, sheet in zip(reading.sheets, reading.parsed, strict=True):
                grid = reading.grids[choice.sheet]
                for number in range(max(sheet.header_row, 1), len(grid.rows) + 1):
                    self._rows.append((grid.name, number, grid.rows[number - 1]))
                self._headers.add((grid.name, sheet.header_row))
                for problem in sheet.problems:
                    self._problems[(problem.sheet, problem.row, problem.column)] = problem.why
            if plan is not None:
                self._unknown_rows = {(u.sheet, u.row) for u in plan.unknown}
                created = {(school.login, school.row) for _login, school in plan.schools_new}
                self._unknown_rows |= {
                    (sheet.sheet, school.row)
                    for sheet in reading.parsed
                    for school in sheet.schools
                    if (school.login, school.row) in created
                }
                values = {u.ref.value for u in plan.unknown} | {
                    school.login for _login, school in plan.schools_new
                }
                for choice, sheet in zip(reading.sheets, reading.parsed, strict=True):
                    ids = [
                        m.column for m in sheet.columns if m.role in (ColumnRole.LOGIN, ColumnRole.GIA_CODE)
                    ]
                    if not ids or not values:
                        continue
                    for number, cells in enumerate(reading.grids[choice.sheet].rows, start=1):
                        value = cells[ids[0] - 1] if ids[0] - 1 < len(cells) else None
                        if value is not None and str(value).strip() in values:
                            self._unknown_rows.add((sheet.sheet, number))
        self._width = max((len(cells) for _s, _n, cells in self._rows), default=0)
        self._one_sheet = len({sheet for sheet, _n, _cells in self._rows}) <= 1
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._width + 1

    def row_of(self, sheet: str, row: int) -> int | None:
        for index, (name, number, _cells) in enumerate(self._rows):
            if name == sheet and number == row:
                return index
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            from openpyxl.utils import get_column_letter

            if section == 0:
                return self.tr("Строка") if self._one_sheet else self.tr("Лист, строка")
            return get_column_letter(section)
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        sheet, number, cells = self._rows[index.row()]
        column = index.column()
        problem = self._problems.get((sheet, number, column)) if column else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(number) if self._one_sheet else f"{sheet}, {number}"
            value = cells[column - 1] if column - 1 < len(cells) else None
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and problem:
            return problem
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem:
                return QBrush(PROBLEM_BACKGROUND)
            if (sheet, number) in self._unknown_rows:
                return QBrush(UNKNOWN_BACKGROUND)
            if (sheet, number) in self._headers:
                return QBrush(HEADER_BACKGROUND)
        return None


class FilesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Файлы"))
        self.setSubTitle(
            self.tr(
                "Книги Excel (.xlsx, .xls), таблицы OpenDocument (.ods) и CSV: приложение 1, шаблон "
                "программы, выгрузки ВПР «Статистика по отметкам» и «Сравнение отметок с отметками по "
                "журналу», результаты ОГЭ/ЕГЭ из РЦОИ."
            )
        )
        self.list = QListWidget()
        add = QPushButton(self.tr("Добавить…"))
        add.clicked.connect(self._on_add_clicked)
        remove = QPushButton(self.tr("Убрать"))
        remove.clicked.connect(self._on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def set_paths(self, paths: list[Path]) -> None:
        self.list.clear()
        self.list.addItems([str(p) for p in paths])
        self.completeChanged.emit()

    def paths(self) -> list[Path]:
        return [Path(self.list.item(i).text()) for i in range(self.list.count())]

    def isComplete(self) -> bool:
        return self.list.count() > 0

    def validatePage(self) -> bool:
        self._wizard.set_files(self.paths())
        return True

    @Slot()
    def _on_add_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Добавить файлы"), "", self.tr("Таблицы (*.xlsx *.xls *.ods *.csv);;Все файлы (*)")
        )
        self.set_paths(self.paths() + [Path(n) for n in names if Path(n) not in self.paths()])

    @Slot()
    def _on_remove_clicked(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.completeChanged.emit()


class MappingPage(QWizardPage):
    """Sheet, layout, header row, and the meaning of every column, for the chosen file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Листы и столбцы"))
        self.setSubTitle(
            self.tr(
                "Проверьте, как программа поняла файл. Исправьте назначение столбца, процедуру, год или "
                "показатель и нажмите «Применить»; нераспознанный заголовок можно сопоставить процедуре."
            )
        )
        self.file_combo = QComboBox()
        self.file_combo.currentIndexChanged.connect(self._on_file_combo_changed)
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
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
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
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
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
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        for state in self._wizard.files:
            self.file_combo.addItem(state.path.name)
        self.file_combo.blockSignals(False)
        self._show_file()

    def isComplete(self) -> bool:
        return self._wizard.all_read()

    def current(self) -> FileState | None:
        index = self.file_combo.currentIndex()
        return self._wizard.files[index] if 0 <= index < len(self._wizard.files) else None

    @Slot()
    def _on_files_read(self) -> None:
        self._show_file()
        self.completeChanged.emit()

    @Slot(int)
    def _on_file_combo_changed(self, _index: int) -> None:
        self._show_file()

    def _show_file(self) -> None:
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
        grids = state.reading.grids if state.reading else self._wizard.grids.get(state.path, [])
        detected = {index: (layout, row) for index, layout, row in detect(grids)}
        self.sheet_combo.addItem(self.tr("Все листы с данными"), -1)
        for index, grid in enumerate(grids):
            found = detected.get(index)
            label = f"{grid.name} — {found[0].title}" if found else f"{grid.name} — {self.tr('не распознан')}"
            self.sheet_combo.addItem(label, index)
        if state.error is not None:
            self.status.setText(state.error)
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
        from openpyxl.utils import get_column_letter

        self.table.setRowCount(len(columns))
        for row, mapping in enumerate(columns):
            letter = QTableWidgetItem(get_column_letter(mapping.column))
            letter.setData(Qt.ItemDataRole.UserRole, mapping.column)
            self.table.setItem(row, 0, letter)
            self.table.setItem(row, 1, QTableWidgetItem(mapping.header))
            role = QComboBox()
            for value, title in ROLE_TITLES.items():
                role.addItem(self.tr(title), value.value)
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
        self.table.resizeColumnsToContents()

    def edited_columns(self) -> dict[int, ColumnMapping]:
        """Columns whose meaning differs from what was read: the user's corrections."""
        state = self.current()
        if state is None or state.reading is None:
            return {}
        before = {m.column: m for m in state.reading.parsed[0].columns}
        edited: dict[int, ColumnMapping] = {}
        for row in range(self.table.rowCount()):
            column = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
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
        self._wizard.reparse(state)
        self._show_file()


def _choice(state: FileState, ref: SchoolRef) -> str:
    """What the row shows: the user's earlier choice, else create for a login and skip for a code."""
    chosen = state.choices.assign.get(ref, CREATE_SCHOOL if ref.kind == IdKind.LOGIN else None)
    return SKIP if chosen is None else chosen


class PreviewPage(QWizardPage):
    """Rows with problems at their cells, and unknown schools to create, assign or skip."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Проверка строк"))
        self.setSubTitle(
            self.tr(
                "Красным отмечены ячейки с ошибками (подсказка ячейки говорит, что не так), жёлтым — "
                "строки школ, которых нет в базе. Файл с ошибками не импортируется: исправьте его или "
                "сопоставление столбцов."
            )
        )
        self.file_combo = QComboBox()
        self.file_combo.currentIndexChanged.connect(self._on_file_combo_changed)
        self.model = GridPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        attach_table_export(self.table, self.tr("Проверка строк"))
        # Filled with one call: a file whose every cell is text has tens of thousands of problems.
        self.problems_model = QStringListModel(self)
        self.problems = QListView()
        self.problems.setModel(self.problems_model)
        self.problems.setUniformItemSizes(True)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.selectionModel().currentRowChanged.connect(self._on_problems_current_changed)
        self.unknown_model = UnknownSchoolsModel(self)
        self.unknown = QTableView()
        self.unknown.setModel(self.unknown_model)
        setup_table(self.unknown)
        self.unknown.setSortingEnabled(False)
        self.unknown.setItemDelegateForColumn(CHOICE_COLUMN, SchoolChoiceDelegate(self.unknown))
        self.unknown.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.unknown.horizontalHeader().setSectionResizeMode(CHOICE_COLUMN, QHeaderView.ResizeMode.Stretch)
        attach_table_export(self.unknown, self.tr("Школы, которых нет в базе"))
        self.create_all_button = QPushButton(self.tr("Создать все"))
        self.create_all_button.clicked.connect(self._on_create_all_button_clicked)
        self.skip_all_button = QPushButton(self.tr("Пропустить все"))
        self.skip_all_button.clicked.connect(self._on_skip_all_button_clicked)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_combo)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        unknown_bar = QHBoxLayout()
        unknown_bar.addWidget(
            QLabel(self.tr("Школы, которых нет в базе (щёлкните ячейку «Школа», чтобы выбрать):")), 1
        )
        unknown_bar.addWidget(self.create_all_button)
        unknown_bar.addWidget(self.skip_all_button)
        layout.addLayout(unknown_bar)
        layout.addWidget(self.unknown, 1)
        self._problem_places: list[tuple[str, int, int]] = []

    def initializePage(self) -> None:
        self.unknown_model.set_schools([(s.login, s.short_name) for s in list_schools(self._wizard.db)])
        for state in self._wizard.files:
            self._wizard.plan(state)
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        for state in self._wizard.files:
            self.file_combo.addItem(state.path.name)
        self.file_combo.blockSignals(False)
        self._show_file()

    def isComplete(self) -> bool:
        return all(s.reading is not None and not s.reading.problems for s in self._wizard.importable())

    def validatePage(self) -> bool:
        self._store_assignments()
        for state in self._wizard.files:
            self._wizard.plan(state)
        return True

    def current(self) -> FileState | None:
        index = self.file_combo.currentIndex()
        return self._wizard.files[index] if 0 <= index < len(self._wizard.files) else None

    @Slot(int)
    def _on_file_combo_changed(self, _index: int) -> None:
        self._store_assignments()
        self._show_file()

    def _show_file(self) -> None:
        state = self.current()
        self.problems_model.setStringList([])
        self._problem_places = []
        self.unknown_model.set_rows([])
        if state is None or state.reading is None:
            self.model.set_reading(None, None)
            self.summary.setText(state.error if state and state.error else "")
            self.completeChanged.emit()
            return
        self.model.set_reading(state.reading, state.plan)
        problems = state.reading.problems
        self.problems_model.setStringList([str(problem) for problem in problems])
        self._problem_places = [(problem.sheet, problem.row, problem.column) for problem in problems]
        plan = state.plan
        unknown = [] if plan is None else [(u.ref, u.name) for u in plan.unknown]
        unknown += [
            (SchoolRef(s.id_kind, s.login), s.name)
            for _login, s in (plan.schools_new if plan else [])
            if s.id_kind == IdKind.LOGIN
        ]
        self.unknown_model.set_rows([(ref, name, _choice(state, ref)) for ref, name in unknown])
        self.unknown.resizeColumnsToContents()
        for button in (self.create_all_button, self.skip_all_button):
            button.setEnabled(bool(unknown))
        self.summary.setText(
            self.tr("Ошибок: {problems}. Школ не из базы: {unknown}.").format(
                problems=len(state.reading.problems), unknown=len(unknown)
            )
        )
        self.completeChanged.emit()

    def _store_assignments(self) -> None:
        index = self.file_combo.currentIndex()
        if not 0 <= index < len(self._wizard.files):
            return
        state = self._wizard.files[index]
        for ref, choice in self.unknown_model.choices().items():
            state.choices.assign[ref] = None if choice == SKIP else choice
        state.choices.skip_unmatched = True

    @Slot()
    def _on_create_all_button_clicked(self) -> None:
        self.unknown_model.choose_all(CREATE_SCHOOL)

    @Slot()
    def _on_skip_all_button_clicked(self) -> None:
        self.unknown_model.choose_all(SKIP)

    @Slot(QModelIndex, QModelIndex)
    def _on_problems_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row()
        if not 0 <= row < len(self._problem_places):
            return
        sheet, number, column = self._problem_places[row]
        found = self.model.row_of(sheet, number)
        if found is not None:
            index = self.model.index(found, column)
            self.table.scrollTo(index)
            self.table.setCurrentIndex(index)


class ConflictsPage(QWizardPage):
    """Values that differ from the database: the file wins, the database wins, or per record."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Расхождения с базой"))
        self.setSubTitle(
            self.tr(
                "Пустая ячейка файла никогда не стирает значение базы. Если значения расходятся, "
                "выберите, что оставить."
            )
        )
        self.replace_radio = QRadioButton(self.tr("Заменить значениями из файла"))
        self.keep_radio = QRadioButton(self.tr("Оставить значения базы"))
        self.per_row_radio = QRadioButton(self.tr("Решить по строкам (отметьте, где заменить)"))
        self.replace_radio.setChecked(True)
        self.group = QButtonGroup(self)
        for button in (self.replace_radio, self.keep_radio, self.per_row_radio):
            self.group.addButton(button)
        self.group.buttonToggled.connect(self._on_group_toggled)
        self.model = ConflictsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_table(self.table)
        attach_table_export(self.table, self.tr("Расхождения с базой"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.replace_radio)
        layout.addWidget(self.keep_radio)
        layout.addWidget(self.per_row_radio)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        choices: list[ConflictChoice] = []
        lines = []
        for state in self._wizard.importable():
            plan = state.plan
            if plan is None:
                continue
            lines.append(
                self.tr(
                    "«{file}»: результатов новых {new}, изменится {changed}, без изменений {same}; "
                    "новых школ {schools}; сравнений отметок {cmp}; расхождений {conflicts}."
                ).format(
                    file=state.path.name,
                    new=plan.results_new,
                    changed=plan.results_changed,
                    same=plan.results_unchanged,
                    schools=len(plan.schools_new),
                    cmp=plan.comparisons_new + plan.comparisons_changed,
                    conflicts=len(plan.conflicts),
                )
            )
            choices += [ConflictChoice(state.path.name, c, owner=state) for c in plan.conflicts]
        self.summary.setText("\n".join(lines) or self.tr("Нет файлов для импорта."))
        self.model.set_records(choices, conflict_columns())
        fit_columns(self.table, self.model)
        self._on_group_toggled()

    @Slot()
    def _on_group_toggled(self, *_args: object) -> None:
        self.model.set_checkable(self.per_row_radio.isChecked())

    def validatePage(self) -> bool:
        policy = (
            ConflictPolicy.REPLACE
            if self.replace_radio.isChecked()
            else ConflictPolicy.KEEP
            if self.keep_radio.isChecked()
            else ConflictPolicy.PER_RECORD
        )
        for state in self._wizard.files:
            state.choices.on_conflict = policy
            state.choices.replace = set()
        for choice in self.model.records():
            if choice.replace:
                assert isinstance(choice.owner, FileState)
                choice.owner.choices.replace.add((choice.conflict.target, choice.conflict.key))
        return True


class CommitPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Импорт"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.done = False
        self.setCommitPage(True)

    def initializePage(self) -> None:
        self.done = False
        self.text.setPlainText(self.tr("Импорт…"))
        self._wizard.commit()

    def show_outcomes(self, outcomes: list[ImportOutcome]) -> None:
        lines = []
        for outcome in outcomes:
            if outcome.report is not None:
                lines.append(_report_text(outcome.report))
            elif outcome.cancelled:
                lines.append(
                    self.tr("«{file}»: отменено, ничего не записано.").format(file=outcome.path.name)
                )
            else:
                lines.append(outcome.rejection or "")
        self.text.setPlainText("\n\n".join(lines))
        self.done = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done


def _report_text(report: ImportReport) -> str:
    if not report.changed_anything:
        return f"«{report.file_name}»: изменений нет."
    lines = [
        f"«{report.file_name}»: пакет № {report.batch_id}",
        f"  результатов новых {report.results_new}, изменённых {report.results_changed}, без изменений "
        f"{report.results_unchanged}, оставлено как в базе {report.results_kept}",
        f"  школ новых {len(report.schools_new)}, переименованных {len(report.schools_renamed)}; "
        f"сравнений отметок {report.comparisons_new + report.comparisons_changed}",
    ]
    lines += [f"  предупреждение: {w}" for w in report.warnings]
    return "\n".join(lines)


class ImportWizard(QWizard):
    """The import wizard; `sig_imported(outcomes)` fires once the commit page has run."""

    sig_files_read = Signal()
    sig_imported = Signal(object)

    def __init__(
        self, db: Database, tasks: TaskRunner, paths: list[Path], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.tasks = tasks
        self.files: list[FileState] = []
        self.grids: dict[Path, list[Any]] = {}
        self.setWindowTitle(self.tr("Импорт результатов"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Импортировать"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Далее >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Назад"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Готово"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Отмена"))
        self.resize(1000, 720)
        self.files_page = FilesPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.conflicts_page = ConflictsPage(self)
        self.commit_page = CommitPage(self)
        for page in (
            self.files_page,
            self.mapping_page,
            self.preview_page,
            self.conflicts_page,
            self.commit_page,
        ):
            self.addPage(page)
        self.files_page.set_paths(paths)

    def set_files(self, paths: list[Path]) -> None:
        known = {s.path: s for s in self.files}
        self.files = [known.get(p) or FileState(p) for p in paths]
        unread = [s for s in self.files if s.reading is None and s.error is None]
        if not unread:
            self.sig_files_read.emit()
            return
        db = self.db

        def work(progress: ProgressCallback, cancel: CancelCheck) -> list[tuple[FileState, object]]:
            done = []
            for number, state in enumerate(unread):
                progress(number, len(unread), state.path.name)
                try:
                    done.append((state, read_import_file(db, state.path, state.choices, cancel=cancel)))
                except DomainError as error:
                    done.append((state, error))
            return done

        self.tasks.run(
            work, self._on_read_done, self._on_read_failed, title=self.tr("Чтение файлов"), writes=False
        )

    def _on_read_done(self, done: list[tuple[FileState, object]]) -> None:
        for state, outcome in done:
            if isinstance(outcome, FileReading):
                state.reading, state.error = outcome, None
            else:
                state.reading, state.error = None, str(outcome)
                self._keep_grids(state)
        self.sig_files_read.emit()

    def _keep_grids(self, state: FileState) -> None:
        """Sheets of a file whose detection failed, so the user can still choose a sheet and layout."""
        from lowres_desktop.importing.workbook_reader import read_workbook

        try:
            self.grids[state.path] = read_workbook(state.path)
        except DomainError:
            self.grids[state.path] = []

    def _on_read_failed(self, error: BaseException) -> None:
        for state in self.files:
            if state.reading is None and state.error is None:
                state.error = str(error)
        self.sig_files_read.emit()

    def all_read(self) -> bool:
        return all(s.reading is not None or s.error is not None for s in self.files) and bool(
            self.importable()
        )

    def importable(self) -> list[FileState]:
        return [s for s in self.files if s.reading is not None]

    def reparse(self, state: FileState) -> None:
        try:
            if state.reading is None:
                state.reading = read_import_file(self.db, state.path, state.choices)
            else:
                state.reading = reparse_file(self.db, state.reading, state.choices)
            state.error = None
        except DomainError as error:
            state.reading, state.error = None, str(error)
        state.plan = None
        self.mapping_page.completeChanged.emit()

    def plan(self, state: FileState) -> None:
        state.plan = plan_import(self.db, state.reading, state.choices) if state.reading else None

    def commit(self) -> None:
        db = self.db
        states = self.importable()

        def work(progress: ProgressCallback, cancel: CancelCheck) -> list[ImportOutcome]:
            outcomes = []
            for number, state in enumerate(states):
                assert state.reading is not None

                def file_progress(done: int, total: int, message: str, number: int = number) -> None:
                    progress(number * 100 + (100 * done // max(total, 1)), 100 * len(states), message)

                try:
                    report = apply_import(db, state.reading, state.choices, file_progress, cancel)
                except Cancelled:
                    outcomes += [ImportOutcome(s.path, cancelled=True) for s in states[number:]]
                    break
                except DomainError as error:
                    outcomes.append(ImportOutcome(state.path, rejection=str(error)))
                else:
                    outcomes.append(ImportOutcome(state.path, report=report))
            return outcomes

        self.tasks.run(
            work,
            self._on_commit_done,
            self._on_commit_failed,
            title=self.tr("Импорт результатов"),
            writes=True,
        )

    def _on_commit_done(self, outcomes: list[ImportOutcome]) -> None:
        self.commit_page.show_outcomes(outcomes)
        self.sig_imported.emit(outcomes)

    def _on_commit_failed(self, error: BaseException) -> None:
        outcome = ImportOutcome(self.files[0].path if self.files else Path(), rejection=str(error))
        self.commit_page.show_outcomes([outcome])
        self.sig_imported.emit([outcome])
