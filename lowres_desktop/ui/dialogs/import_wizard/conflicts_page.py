"""The wizard's conflicts page, shown only when some value of a file differs from the database:
the file wins, the database wins, or the user decides record by record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QTableView, QVBoxLayout, QWizardPage

from lowres_desktop.domain.merge import ConflictPolicy
from lowres_desktop.ui.models.conflicts_model import ConflictChoice, ConflictsModel, conflict_columns
from lowres_desktop.ui.table_export import attach_table_export
from lowres_desktop.ui.table_fit import fit_columns
from lowres_desktop.ui.table_setup import setup_table

if TYPE_CHECKING:
    from lowres_desktop.ui.dialogs.import_wizard.wizard import ImportWizard


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
                choice.owner.choices.replace.add(choice.conflict.record)
        return True
