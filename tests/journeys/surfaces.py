"""Every dialog of the program, made on a demo database: what the coverage and fit tests open.

A dialog class defined anywhere under `lowres_desktop/ui` must have an entry
here (a test checks), so a new dialog cannot escape the button coverage and
the fit-to-screen checks. A factory gets the main window (on the demo
database, every page refreshed) and returns the dialog, not yet shown.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog

import lowres_desktop.ui
from lowres_desktop.domain.records import ProcedureKey, ProcedureKind
from lowres_desktop.services.browse import list_schools, overview
from lowres_desktop.services.documents import build_document, render
from lowres_desktop.services.minimum_scores import minimum_scores
from lowres_desktop.services.monitoring import list_rounds
from lowres_desktop.services.roadmap_templates import builtin_templates
from lowres_desktop.services.roadmaps import list_roadmaps, load_roadmap
from lowres_desktop.services.rule_profiles import current_profile
from lowres_desktop.ui.dialogs.about_dialog import AboutDialog
from lowres_desktop.ui.dialogs.backups_dialog import BackupsDialog
from lowres_desktop.ui.dialogs.document_preview_dialog import DocumentPreviewDialog
from lowres_desktop.ui.dialogs.error_dialog import ErrorDialog
from lowres_desktop.ui.dialogs.executors_dialog import ExecutorEditDialog, ExecutorsDialog
from lowres_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from lowres_desktop.ui.dialogs.generate_roadmaps_dialog import GenerateRoadmapsDialog
from lowres_desktop.ui.dialogs.import_wizard import ImportWizard
from lowres_desktop.ui.dialogs.minimum_scores_dialog import MinimumScoreRowDialog, MinimumScoresDialog
from lowres_desktop.ui.dialogs.new_roadmap_dialog import NewRoadmapDialog
from lowres_desktop.ui.dialogs.open_database_dialog import OpenDatabaseDialog
from lowres_desktop.ui.dialogs.requisites_dialog import RequisitesDialog
from lowres_desktop.ui.dialogs.result_edit_dialog import ResultEditDialog
from lowres_desktop.ui.dialogs.round_dialog import RoundDialog
from lowres_desktop.ui.dialogs.rule_profile_dialog import RuleProfileDialog
from lowres_desktop.ui.dialogs.school_picker_dialog import SchoolPickerDialog
from lowres_desktop.ui.dialogs.school_profile_dialog import OfficialStatusDialog, SchoolProfileDialog
from lowres_desktop.ui.main_window import MainWindow

Factory = Callable[[MainWindow], QDialog]


def _year(window: MainWindow) -> int:
    return overview(window.db).years[-1]


def _login(window: MainWindow) -> str:
    return list_schools(window.db)[0].login


def _round_dialog(window: MainWindow) -> RoundDialog:
    db = window.db
    roadmaps = [load_roadmap(db, o.listing.id) for o in list_roadmaps(db)]
    rounds = list_rounds(db)
    current = rounds[0].round if rounds else None
    return RoundDialog(roadmaps, lambda: list_schools(db), lambda: {}, current, window, background=False)


def _preview(window: MainWindow) -> DocumentPreviewDialog:
    document = build_document(window.db, window.documents_view.request())
    return DocumentPreviewDialog(document, window, render(document, "pdf"))


def _wizard(window: MainWindow) -> ImportWizard:
    from tests.data.seed_workbook import build_seed_workbook

    folder = Path(window.db.target).parent
    return ImportWizard(window.db, window.tasks, [build_seed_workbook(folder / "seed002.xlsx")], window)


DIALOGS: dict[str, Factory] = {
    "AboutDialog": lambda w: AboutDialog(w.db.target, w),
    "BackupsDialog": lambda w: BackupsDialog(w.db.target, w.context, w),
    "DocumentPreviewDialog": _preview,
    "ErrorDialog": lambda w: ErrorDialog("Traceback (most recent call last):\n  ValueError: проверка", w),
    "ExecutorEditDialog": lambda w: ExecutorEditDialog(None, w),
    "ExecutorsDialog": lambda w: ExecutorsDialog(w.context, w),
    "FirstRunDialog": lambda w: FirstRunDialog(w.db.target, [w.db.target], w),
    "GenerateRoadmapsDialog": lambda w: GenerateRoadmapsDialog(builtin_templates(), overview(w.db).years, w),
    "ImportWizard": _wizard,
    "MinimumScoreRowDialog": lambda w: MinimumScoreRowDialog(minimum_scores(w.db)[0], w),
    "MinimumScoresDialog": lambda w: MinimumScoresDialog(w.context, w),
    "NewRoadmapDialog": lambda w: NewRoadmapDialog(builtin_templates(), list_schools(w.db), w),
    "OfficialStatusDialog": lambda w: OfficialStatusDialog(w.context, _login(w), "Школа", _year(w), w),
    "OpenDatabaseDialog": lambda w: OpenDatabaseDialog([w.db.target], str(Path(w.db.target).parent), w),
    "RequisitesDialog": lambda w: RequisitesDialog(w.context, w),
    "ResultEditDialog": lambda w: ResultEditDialog(
        "Школа", ProcedureKey(ProcedureKind.VPR, "РУ", 4), _year(w), None, w
    ),
    "RoundDialog": _round_dialog,
    "RuleProfileDialog": lambda w: RuleProfileDialog(w.context, _year(w), current_profile(w.db), w),
    "SchoolPickerDialog": lambda w: SchoolPickerDialog(
        lambda: list_schools(w.db), (), "Школы", w, background=False
    ),
    "SchoolProfileDialog": lambda w: SchoolProfileDialog(
        w.context, _login(w), _year(w), current_profile(w.db), w
    ),
}


def dialog_classes() -> set[str]:
    """The names of every QDialog subclass defined in the program's UI modules."""
    names: set[str] = set()
    for module_info in pkgutil.walk_packages(lowres_desktop.ui.__path__, "lowres_desktop.ui."):
        module = importlib.import_module(module_info.name)
        for name, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__ == module.__name__ and issubclass(value, QDialog):
                names.add(name)
    return names
