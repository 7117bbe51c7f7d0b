"""The wizard's preview page: each file's rows with every problem at its cell, and the schools the
database does not know, each to create, assign to an existing school, or skip.

Files are planned together in the order they will be imported, so a school
that an earlier file creates is not offered (or counted) again for a later one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QStringListModel, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from lowres_desktop.importing.parsed import IdKind
from lowres_desktop.services.browse import list_schools
from lowres_desktop.services.import_workbook import CREATE_SCHOOL, SchoolRef
from lowres_desktop.ui.dialogs.import_wizard.file_page import FilePage
from lowres_desktop.ui.dialogs.import_wizard.page_ids import PageId
from lowres_desktop.ui.models.grid_preview_model import GridPreviewModel
from lowres_desktop.ui.models.unknown_schools_model import (
    CHOICE_COLUMN,
    SKIP,
    SchoolChoiceDelegate,
    UnknownSchoolsModel,
)
from lowres_desktop.ui.table_export import attach_table_export
from lowres_desktop.ui.table_setup import setup_table

if TYPE_CHECKING:
    from lowres_desktop.ui.dialogs.import_wizard.wizard import FileState, ImportWizard


def _choice(state: FileState, ref: SchoolRef) -> str:
    """What the row shows: the user's earlier choice, else create for a login and skip for a code."""
    chosen = state.choices.assign.get(ref, CREATE_SCHOOL if ref.kind == IdKind.LOGIN else None)
    return SKIP if chosen is None else chosen


def _unknown_schools(state: FileState) -> list[tuple[SchoolRef, str]]:
    """The file's schools the database does not know, in the file's order, with their names in it.

    Those the plan creates or cannot place, and those the user has already skipped or
    assigned to a school of the database: the plan no longer names them, yet they stay
    in the list so that the choice can be changed.
    """
    plan = state.plan
    if plan is None or state.reading is None:
        return []
    wanted = {u.ref: u.name for u in plan.unknown}
    wanted |= {
        SchoolRef(s.id_kind, s.login): s.name for _login, s in plan.schools_new if s.id_kind == IdKind.LOGIN
    }
    chosen = {ref for ref, target in state.choices.assign.items() if target != CREATE_SCHOOL}
    in_file = {SchoolRef(s.id_kind, s.login): s.name for sheet in state.reading.parsed for s in sheet.schools}
    ordered = [(ref, name) for ref, name in in_file.items() if ref in wanted or ref in chosen]
    return ordered + [(ref, name) for ref, name in wanted.items() if ref not in in_file]


class PreviewPage(FilePage):
    """Rows with problems at their cells, and unknown schools to create, assign or skip."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Проверка строк"))
        self.setSubTitle(
            self.tr(
                "Красным отмечены ячейки с ошибками (подсказка ячейки говорит, что не так), жёлтым — "
                "строки школ, которых нет в базе. Файл с ошибками не импортируется: исправьте его или "
                "сопоставление столбцов."
            )
        )
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
        self._shown: FileState | None = None
        """The file whose unknown schools the table holds: the choices made there are its own."""

    def initializePage(self) -> None:
        self.unknown_model.set_schools([(s.login, s.short_name) for s in list_schools(self._wizard.db)])
        self._shown = None
        self._wizard.plan_all()
        self.show_files(self._wizard.files)

    def cleanupPage(self) -> None:
        """Back: the choices made here are kept for when the user comes again."""
        self._store_assignments()
        super().cleanupPage()

    def isComplete(self) -> bool:
        return all(s.reading is not None and not s.reading.problems for s in self._wizard.importable())

    def validatePage(self) -> bool:
        self._store_assignments()
        self._wizard.plan_all()
        return True

    def nextId(self) -> int:
        return PageId.CONFLICTS if self._wizard.has_conflicts() else PageId.COMMIT

    @Slot(int)
    def _on_file_combo_changed(self, _index: int) -> None:
        self._store_assignments()
        self._wizard.plan_all()
        self.show_file()

    def show_file(self) -> None:
        state = self.current()
        self._shown = state
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
        unknown = _unknown_schools(state)
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
        """The choices of the table into the file it shows (the «Файл» box may already name the next one)."""
        state = self._shown
        if state is None:
            return
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
