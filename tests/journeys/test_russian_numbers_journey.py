"""Numbers and Qt's own texts the Russian way, whatever the system's language: a threshold shows
«30,0 %» and takes «27,5» from the keyboard, a minimum score takes «22,5»; the file dialog's labels
are Russian, those the shipped Qt catalogue lacks too."""

from __future__ import annotations

from PySide6.QtCore import QFileInfo, QLocale, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFileIconProvider,
    QLabel,
    QMessageBox,
)

from lowres_desktop.domain.records import ProcedureKind
from lowres_desktop.services.minimum_scores import minimum_scores
from lowres_desktop.services.rule_profiles import list_profiles
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.minimum_scores_dialog import MinimumScoreRowDialog, MinimumScoresDialog
from lowres_desktop.ui.dialogs.rule_profile_dialog import RuleProfileDialog
from tests.journeys.driving import (
    answer,
    answer_question,
    back_to,
    press,
    press_standard,
    press_text,
    trigger,
    type_text,
    wait_writes,
)


def _typed(qtbot, box: QDoubleSpinBox, text: str) -> None:  # type: ignore[no-untyped-def]
    box.setFocus()
    box.selectAll()
    type_text(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def test_thresholds_and_minimum_scores_with_a_decimal_comma(qtbot, open_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    assert QLocale().decimalPoint() == ",", "the program's set-up makes numbers Russian"
    window = open_window(demo_db)
    window.show_page(Page.ANALYSIS)
    press(qtbot, window.analysis_view.scope_bar.edit_profile)
    dialog = next(d for d in window.findChildren(RuleProfileDialog) if d.isVisible())
    vpr = dialog.thresholds[ProcedureKind.VPR]
    before = list_profiles(demo_db).current.threshold(ProcedureKind.VPR)
    assert vpr.text() == f"{before:.1f}".replace(".", ",") + " %"
    _typed(qtbot, vpr, "27,5")
    assert vpr.value() == 27.5 and vpr.text() == "27,5 %"
    for box in dialog.findChildren(QDoubleSpinBox):
        assert "." not in box.text(), f"«{box.text()}» has a decimal point"
    answer_question(qtbot, QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    back_to(qtbot, window)
    assert list_profiles(demo_db).current.threshold(ProcedureKind.VPR) == before

    window.show_page(Page.HISTORY)
    press_text(qtbot, window.history_view, "Минимальные баллы…")
    scores = next(d for d in window.findChildren(MinimumScoresDialog) if d.isVisible())

    def add(row: MinimumScoreRowDialog) -> None:
        row.subject.setFocus()
        type_text(row.subject, "ИН")
        row.year.setValue(2025)
        _typed(qtbot, row.minimum, "22,5")
        _typed(qtbot, row.high, "80,5")
        press_standard(qtbot, row, QDialogButtonBox.StandardButton.Ok)

    answer(qtbot, MinimumScoreRowDialog, add)
    press_text(qtbot, scores, "Добавить…")
    wait_writes(qtbot, window)
    added = next(e.score for e in minimum_scores(demo_db) if e.edited and e.score.subject == "ИН")
    assert (added.minimum, added.high) == (22.5, 80.5)
    press_standard(qtbot, scores, QDialogButtonBox.StandardButton.Close)
    back_to(qtbot, window)


def test_the_file_dialog_speaks_russian(qtbot, open_window, empty_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(empty_db)
    seen: list[str] = []

    def look(dialog: QFileDialog) -> None:
        seen.extend(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
        press_standard(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    answer(qtbot, QFileDialog, look)
    trigger(window, "Файл", "Импорт результатов…")
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    back_to(qtbot, window)
    assert seen == ["&Папка:", "&Имя файла:", "&Тип файлов:"]
    folder = QFileIconProvider().type(QFileInfo(str(tmp_path)))  # the dialog's «Тип» column for a folder
    assert folder == "Папка"
