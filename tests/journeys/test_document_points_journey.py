"""The order's points follow the year and the rule profile chosen after they were proposed.

The issue's case: on «Документы» the points are proposed for 2024, the year is
changed to 2019 and the PDF saved; the heading and point 1 must both speak of
2018–2019. Unedited points are proposed again at once; edited ones are kept,
the page says they no longer match, and «Просмотр и печать…» asks.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.services.document_kinds import DocumentKind
from lowres_desktop.services.rule_profiles import save_profile
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.document_preview_dialog import DocumentPreviewDialog
from tests.journeys.driving import answer, press


def _pdf_text(tmp_path: Path, preview: DocumentPreviewDialog) -> str:
    path = tmp_path / "order.pdf"
    path.write_bytes(preview.pdf_bytes)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.replace("-\n", "").replace("\u00a0", " ").split())


def _preview(qtbot, view) -> DocumentPreviewDialog:  # type: ignore[no-untyped-def]
    opened: list[DocumentPreviewDialog] = []
    view.sig_preview_opened.connect(opened.append)
    press(qtbot, view.preview_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    view.sig_preview_opened.disconnect(opened.append)
    return opened[0]


def _choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    """Pick an entry as a person does from the list (index change and «activated»)."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_points_follow_the_year_and_the_profile(qtbot, open_window, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    three_years = replace(default_profile(), name="Три года подряд", order="приказ № 5", years_each=3)
    save_profile(demo_db, three_years)
    window = open_window(demo_db)
    window.show_page(Page.DOCUMENTS)
    view = window.documents_view
    view.select_kind(DocumentKind.LOW_RESULTS)
    assert view.years.year() == 2024
    assert "по итогам 2023–2024 годов" in view.points.toPlainText()

    # Not edited: a new year proposes the points again, and the PDF agrees with itself.
    view.years.select_year(2019)
    assert "по итогам 2018–2019 годов" in view.points.toPlainText()
    preview = _preview(qtbot, view)
    text = _pdf_text(tmp_path, preview)
    assert "оценочных процедур 2018–2019 годов" in text
    assert "по итогам 2018–2019 годов" in text and "2023–2024" not in text
    preview.close()

    # Another profile: its years (three back) reach the points as well.
    _choose(view.profile, three_years.name)
    assert "по итогам 2017–2019 годов" in view.points.toPlainText()

    # Edited, then the year changes: the text stays, the page says so, the preview asks.
    view.points.setPlainText(view.points.toPlainText() + "\nПункт, дописанный специалистом.")
    view.years.select_year(2020)
    assert "Пункт, дописанный специалистом." in view.points.toPlainText()
    assert "составлены для других параметров" in view.points_hint.text()
    asked: list[str] = []

    def rebuild(box: QMessageBox) -> None:
        asked.append(box.text())
        press(qtbot, box.button(QMessageBox.StandardButton.Yes))

    answer(qtbot, QMessageBox, rebuild)
    preview = _preview(qtbot, view)
    assert asked and "Предложить пункты заново?" in asked[0]
    text = _pdf_text(tmp_path, preview)
    assert "по итогам 2018–2020 годов" in text and "дописанный специалистом" not in text
    preview.close()

    # Edited again and the user keeps the text: the order carries it as written.
    view.points.setPlainText(view.points.toPlainText() + "\nОставить как есть.")
    view.years.select_year(2021)

    def keep(box: QMessageBox) -> None:
        press(qtbot, box.button(QMessageBox.StandardButton.No))

    answer(qtbot, QMessageBox, keep)
    preview = _preview(qtbot, view)
    text = _pdf_text(tmp_path, preview)
    assert "Оставить как есть." in text
    assert "оценочных процедур 2019–2021 годов" in text
    preview.close()
