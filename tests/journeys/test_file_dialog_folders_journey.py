"""Where file dialogs open: first in Documents, then where the person last was for that kind of file.

Started from its shortcut the program's working folder is its installation
folder; no dialog may open there, and an order is proposed under the name the
register gives it, in the folder orders were last saved to.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from lowres_desktop.services.document_kinds import DocumentKind
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.document_preview_dialog import DocumentPreviewDialog
from lowres_desktop.ui.dialogs.import_wizard import ImportWizard
from tests.journeys.driving import answer, back_to, press, trigger, type_text


def _opened_in(qtbot, then: Path) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Note the folder and the name the next file dialog shows, then choose `then` as a person would."""
    seen: list[tuple[str, str]] = []

    def note_and_choose(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        seen.append((dialog.directory().absolutePath(), name.text()))
        dialog.setDirectory(str(then.parent))
        name.setText(then.name)
        dialog.accept()

    answer(qtbot, QFileDialog, note_and_choose)
    return seen


def test_import_dialogs_start_in_documents_then_in_the_last_folder(  # type: ignore[no-untyped-def]
    qtbot, open_window, seed_db, seed_workbook: Path, tmp_path: Path, monkeypatch
) -> None:
    documents = Path.home() / "Documents"
    documents.mkdir(parents=True, exist_ok=True)
    program_folder = tmp_path / "Programs" / "lowres-desktop"
    program_folder.mkdir(parents=True)
    monkeypatch.chdir(program_folder)  # as when started from the Start menu's shortcut
    mail = tmp_path / "почта"
    mail.mkdir()
    book = mail / seed_workbook.name
    book.write_bytes(seed_workbook.read_bytes())
    window = open_window(seed_db)

    for expected in (documents, mail):
        seen = _opened_in(qtbot, book)
        trigger(window, "Файл", "Импорт результатов…")
        qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(ImportWizard)), timeout=10_000)
        wizard = next(w for w in window.findChildren(ImportWizard) if w.isVisible())
        wizard.reject()
        back_to(qtbot, window)
        assert [folder for folder, _name in seen] == [str(expected)]
        assert os.getcwd() == str(program_folder)


def test_an_order_is_proposed_under_its_registered_name(  # type: ignore[no-untyped-def]
    qtbot, open_window, demo_db, tmp_path: Path
) -> None:
    orders = tmp_path / "Приказы"
    orders.mkdir()
    window = open_window(demo_db)
    window.show_page(Page.DOCUMENTS)
    view = window.documents_view
    view.kind.setCurrentIndex(view.kind.findData(DocumentKind.LOW_RESULTS))
    view.dated.setFocus()
    qtbot.keyClick(view.dated, Qt.Key.Key_Space)
    assert view.dated.isChecked()
    view.number.setFocus()
    type_text(view.number, "12")
    press(qtbot, view.preview_button)
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), DocumentPreviewDialog), timeout=10_000
    )
    preview = QApplication.activeModalWidget()
    assert isinstance(preview, DocumentPreviewDialog)
    proposed: list[str] = []

    def save_into_orders(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        proposed.append(name.text())
        dialog.setDirectory(str(orders))
        name.setText(proposed[0] or "без имени.pdf")  # an empty name would keep the dialog open
        dialog.accept()

    answer(qtbot, QFileDialog, save_into_orders)
    press(qtbot, preview.save_pdf_button)
    qtbot.waitUntil(lambda: bool(proposed) and not preview.runner.is_busy(), timeout=20_000)
    name = proposed[0]
    assert name.startswith(f"Приказ № 12 от {date.today():%d.%m.%Y} Об итогах выявления") and name.endswith(
        ".pdf"
    )
    assert not set('\\/:*?"<>|') & set(name) and len(name) <= 104
    assert (orders / name).is_file()
    seen = _opened_in(qtbot, orders / "второй.docx")
    press(qtbot, preview.save_docx_button)
    qtbot.waitUntil(
        lambda: (orders / "второй.docx").is_file() and not preview.runner.is_busy(), timeout=20_000
    )
    assert seen == [(str(orders), name.removesuffix(".pdf") + ".docx")]
    press(qtbot, preview.close_button)
    back_to(qtbot, window)
