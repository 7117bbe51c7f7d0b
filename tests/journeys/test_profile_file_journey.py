"""A region's rule carried as a file through the profile dialog: exported by one office, imported by
another (made current, so the «Низкие результаты» page names it), and a second file of the same name
with other parameters imported only after the dialog asks."""

from __future__ import annotations

import json
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox

from lowres_desktop.domain.records import ProcedureKind
from lowres_desktop.services.profile_files import read_profile_file
from lowres_desktop.services.rule_profiles import current_profile, find_profile
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.rule_profile_dialog import RuleProfileDialog
from tests.journeys.driving import answer, answer_file, answer_question, back_to, press, wait_writes


def _open_dialog(qtbot, window) -> RuleProfileDialog:  # type: ignore[no-untyped-def]
    window.show_page(Page.ANALYSIS)
    press(qtbot, window.analysis_view.scope_bar.edit_profile)
    found: list[RuleProfileDialog] = []

    def shown() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, RuleProfileDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown, timeout=10_000)
    return found[0]


def test_a_profile_goes_out_as_a_file_and_comes_back_as_the_current_rule(  # type: ignore[no-untyped-def]
    qtbot, open_window, demo_db, tmp_path: Path
) -> None:
    window = open_window(demo_db)
    dialog = _open_dialog(qtbot, window)
    dialog.name.setText("Область, приказ № 77 от 01.09.2023")
    dialog.order.setText("приказ № 77 от 01.09.2023")
    dialog.thresholds[ProcedureKind.VPR].setValue(25.0)
    exported = tmp_path / "oblast.json"
    answer_file(qtbot, exported)
    press(qtbot, dialog.export_button)
    qtbot.waitUntil(exported.exists, timeout=10_000)
    assert read_profile_file(exported) == dialog.draft()
    assert dialog.draft().fingerprint() in dialog.file_status.text()
    assert current_profile(demo_db).name != "Область, приказ № 77 от 01.09.2023", "exporting saves nothing"

    # Another office: the same file, imported over unsaved edits (the dialog asks first).
    answer_question(qtbot, QMessageBox.StandardButton.Yes)
    answer_file(qtbot, exported)
    press(qtbot, dialog.import_button)
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=10_000)
    back_to(qtbot, window)
    imported = current_profile(demo_db)
    assert imported == read_profile_file(exported)
    window.show_page(Page.FLAGGED)
    qtbot.waitUntil(lambda: "Область, приказ № 77" in window.flagged_view.rule_label.text(), timeout=10_000)
    assert imported.fingerprint() in window.flagged_view.rule_label.text()

    # The ministry's corrected order under the same name: refused until the user agrees.
    corrected = tmp_path / "oblast-2.json"
    data = json.loads(exported.read_text(encoding="utf-8"))
    data.pop("fingerprint")
    data["thresholds"]["ВПР"] = 20
    corrected.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    dialog = _open_dialog(qtbot, window)
    asked: list[str] = []

    def decline(box: QMessageBox) -> None:
        asked.append(box.text())
        press(qtbot, box.button(QMessageBox.StandardButton.No))

    answer(qtbot, QMessageBox, decline)
    answer_file(qtbot, corrected)
    press(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert "уже есть с другими параметрами" in asked[0]
    assert dialog.isVisible()
    assert find_profile(demo_db, imported.name).threshold(ProcedureKind.VPR) == 25.0

    agreed = answer_question(qtbot, QMessageBox.StandardButton.Yes)
    answer_file(qtbot, corrected)
    press(qtbot, dialog.import_button)
    wait_writes(qtbot, window)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=10_000)
    back_to(qtbot, window)
    assert agreed
    assert current_profile(demo_db).threshold(ProcedureKind.VPR) == 20.0


def test_a_bad_file_is_refused_naming_the_key_and_the_dialog_stays(  # type: ignore[no-untyped-def]
    qtbot, open_window, demo_db, tmp_path: Path
) -> None:
    window = open_window(demo_db)
    dialog = _open_dialog(qtbot, window)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "Плохой", "thresholds": {"ВПР": 150}}), encoding="utf-8")
    before = current_profile(demo_db)
    answer_file(qtbot, bad)
    press(qtbot, dialog.import_button)
    boxes: list[QMessageBox] = []

    def refused() -> bool:
        boxes[:] = [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]
        return bool(boxes)

    qtbot.waitUntil(refused, timeout=10_000)
    assert "ключ «thresholds.ВПР»" in boxes[0].text()
    press(qtbot, boxes[0].buttons()[0])
    assert dialog.isVisible()
    assert current_profile(demo_db) == before


def _closed(dialog: RuleProfileDialog) -> bool:
    """Accepted and gone: the dialog deletes itself when it closes."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()
