"""«Импорт результатов»: the wizard from files to a committed import, one module per page.

1. files; 2. for each file, the sheet, layout and header row detected and how
every column was understood — correctable, an unknown header mapped to a
procedure, the mapping remembered; 3. for a file whose layout is not
recognised, its sheet as a grid and the user's word on which column holds
what, with the per-school figures it gives; 4. a preview of the rows with
every problem at its cell, and the schools the database does not know, each
to create, assign or skip; 5. values that differ from the database (shown
only when there are any); 6. the import itself through the services'
`apply_all`, in the background with progress and cancel, one transaction per
file. A file is read once; parsing again after a correction works on the
sheets already read, so it is instant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard, QWizardPage

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.importing.layouts import LayoutNotFound
from lowres_desktop.importing.workbook_reader import SheetGrid
from lowres_desktop.services.import_workbook import (
    FileJob,
    FileOutcome,
    FileReading,
    ImportChoices,
    ImportPlan,
    apply_all,
    parse_sheets,
    plan_files,
)
from lowres_desktop.services.progress import CancelCheck, Cancelled, ProgressCallback
from lowres_desktop.ui.dialogs.import_wizard.commit_page import CommitPage
from lowres_desktop.ui.dialogs.import_wizard.conflicts_page import ConflictsPage
from lowres_desktop.ui.dialogs.import_wizard.files_page import FilesPage
from lowres_desktop.ui.dialogs.import_wizard.hand_mapping_page import HandMappingPage
from lowres_desktop.ui.dialogs.import_wizard.mapping_page import MappingPage
from lowres_desktop.ui.dialogs.import_wizard.page_ids import PageId
from lowres_desktop.ui.dialogs.import_wizard.preview_page import PreviewPage
from lowres_desktop.ui.errors import show_error

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database
    from lowres_desktop.ui.tasks import TaskRunner


@dataclass
class FileState:
    """One file on its way through the wizard."""

    path: Path
    choices: ImportChoices = field(default_factory=ImportChoices)
    reading: FileReading | None = None
    error: str | None = None
    plan: ImportPlan | None = None
    sha256: str = ""
    grids: list[SheetGrid] = field(default_factory=list)
    """The sheets as read, kept so that a correction or a hand mapping parses them again without reading."""
    unrecognised: bool = False
    """No layout recognised the file: its columns are to be named on the hand-mapping page."""
    hand_mapped: bool = False
    """The user named the file's columns on the hand-mapping page."""


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
        self.parsing = False
        """A file is being parsed again after a correction: its page waits, Next is not offered."""
        self.closed = False
        """The user closed the wizard: what a reading still under way brings back is dropped."""
        self.setWindowTitle(self.tr("Импорт результатов"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Импортировать"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Далее >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Назад"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Готово"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Отмена"))
        self.resize(1000, 720)
        self.files_page = FilesPage(self)
        self.mapping_page = MappingPage(self)
        self.hand_page = HandMappingPage(self)
        self.preview_page = PreviewPage(self)
        self.conflicts_page = ConflictsPage(self)
        self.commit_page = CommitPage(self)
        for page_id, page in (
            (PageId.FILES, self.files_page),
            (PageId.MAPPING, self.mapping_page),
            (PageId.HAND, self.hand_page),
            (PageId.PREVIEW, self.preview_page),
            (PageId.CONFLICTS, self.conflicts_page),
            (PageId.COMMIT, self.commit_page),
        ):
            self.setPage(page_id, page)
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
            from lowres_desktop.importing.workbook_reader import read_file

            done: list[tuple[FileState, object]] = []
            for number, state in enumerate(unread):
                progress(number, len(unread), state.path.name)
                try:
                    read = read_file(state.path)
                except DomainError as error:
                    done.append((state, error))
                    continue
                state.sha256, state.grids = read.sha256, read.sheets
                try:
                    reading = parse_sheets(
                        db, state.path, read.sha256, read.sheets, state.choices, cancel=cancel
                    )
                except DomainError as error:
                    done.append((state, error))
                else:
                    done.append((state, reading))
            return done

        self.tasks.run(
            work, self._on_read_done, self._on_read_failed, title=self.tr("Чтение файлов"), writes=False
        )

    def reject(self) -> None:
        """Not while the import runs (Escape, the window's cross): it is cancelled in its progress window."""
        if self.currentPage() is self.commit_page and not self.commit_page.isComplete():
            return
        super().reject()

    def done(self, result: int) -> None:
        """Closed (the wizard is deleted on close): what a reading still under way brings is dropped."""
        self.closed = True
        super().done(result)

    def _on_read_done(self, done: list[tuple[FileState, object]]) -> None:
        if self.closed:
            return
        for state, outcome in done:
            if isinstance(outcome, FileReading):
                state.reading, state.error, state.unrecognised = outcome, None, False
            else:
                state.reading, state.error = None, str(outcome)
                state.unrecognised = isinstance(outcome, LayoutNotFound)
        self.sig_files_read.emit()

    def _on_read_failed(self, error: BaseException) -> None:
        if self.closed:
            return
        for state in self.files:
            if state.reading is None and state.error is None:
                state.error = str(error)
        self.sig_files_read.emit()

    def all_read(self) -> bool:
        """Every file read or refused, and something to go on with: a file to import or to map by hand."""
        return all(s.reading is not None or s.error is not None for s in self.files) and bool(
            self.importable() or self.unrecognised()
        )

    def importable(self) -> list[FileState]:
        return [s for s in self.files if s.reading is not None]

    def unrecognised(self) -> list[FileState]:
        return [s for s in self.files if s.reading is None and s.unrecognised]

    def hand_files(self) -> list[FileState]:
        """The files of the hand-mapping page: not recognised, or already mapped there."""
        return [s for s in self.files if s.hand_mapped or (s.reading is None and s.unrecognised)]

    def reparse(self, state: FileState, page: QWizardPage, then: Callable[[], None]) -> None:
        """Parse the file again with its choices, on the sheets already read, off the GUI thread.

        Counting a register of a region's participants takes seconds, so `page` is disabled
        (and not complete) meanwhile; `then` runs on the GUI thread once the new reading has
        landed, after a refusal (then the file's error) and after a cancel (the old reading kept).
        """
        db = self.db
        grids = state.reading.grids if state.reading is not None else state.grids
        path, sha256, choices = state.path, state.sha256, state.choices
        self.parsing = True
        page.setEnabled(False)
        page.completeChanged.emit()

        def finish() -> None:
            self.parsing = False
            if self.closed:
                return
            state.plan = None
            page.setEnabled(True)
            then()
            page.completeChanged.emit()

        def parsed(reading: FileReading) -> None:
            state.reading, state.error, state.unrecognised = reading, None, False
            finish()

        def failed(error: BaseException) -> None:
            if isinstance(error, DomainError) and not isinstance(error, Cancelled):
                was_known = state.reading is not None and not state.unrecognised
                state.reading, state.error = None, str(error)
                state.unrecognised = isinstance(error, LayoutNotFound) or (
                    state.unrecognised and not was_known
                )
            elif not isinstance(error, DomainError) and not self.closed:
                show_error(self, error)
            finish()

        self.tasks.run(
            lambda progress, cancel: parse_sheets(db, path, sha256, grids, choices, progress, cancel),
            parsed,
            failed,
            title=self.tr("Разбор файла"),
            writes=False,
        )

    def plan_all(self) -> None:
        """Plan the files in the order they will be applied: a school one creates is not new in the next."""
        states = self.importable()
        for state in self.files:
            state.plan = None
        plans = plan_files(self.db, [(s.reading, s.choices) for s in states if s.reading is not None])
        for state, plan in zip(states, plans, strict=True):
            state.plan = plan

    def has_conflicts(self) -> bool:
        return any(s.plan is not None and s.plan.conflicts for s in self.importable())

    def commit(self) -> None:
        db = self.db
        jobs = [FileJob(s.path, s.choices, s.reading) for s in self.importable()]
        self.tasks.run(
            lambda progress, cancel: apply_all(db, jobs, progress, cancel),
            self._on_commit_done,
            self._on_commit_failed,
            title=self.tr("Импорт результатов"),
            writes=True,
        )

    def _on_commit_done(self, outcomes: list[FileOutcome]) -> None:
        # A file that could not be read is said on the last page too, not dropped in silence.
        refused = [
            FileOutcome(s.path, error=DomainError(s.error))
            for s in self.files
            if s.reading is None and s.error
        ]
        self.commit_page.show_outcomes(outcomes + refused)
        self.sig_imported.emit(outcomes)

    def _on_commit_failed(self, error: BaseException) -> None:
        outcome = FileOutcome(self.files[0].path if self.files else Path(), error=DomainError(str(error)))
        self.commit_page.show_outcomes([outcome])
        self.sig_imported.emit([outcome])
