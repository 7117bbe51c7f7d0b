"""The preview's other two ways out: printed on the office printer, saved as DOCX to edit by hand.

The print dialog is answered as a clerk answers it, through its own widgets: the
machine's printer list holds «Print to File (PDF)» offscreen, so the pages sent
land in a PDF whose page count is checked. The DOCX is read back with python-docx.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from lowres_desktop.services.documents import DocumentKind, issued_documents
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.dialogs.document_preview_dialog import DocumentPreviewDialog
from tests.journeys.driving import answer, answer_file, back_to, press


def _open_preview(qtbot, window) -> DocumentPreviewDialog:  # type: ignore[no-untyped-def]
    window.show_page(Page.DOCUMENTS)
    view = window.documents_view
    view.kind.setCurrentIndex(view.kind.findData(DocumentKind.ROADMAP))
    press(qtbot, view.preview_button)
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), DocumentPreviewDialog), timeout=10000
    )
    preview = QApplication.activeModalWidget()
    assert isinstance(preview, DocumentPreviewDialog)
    return preview


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2013", "-").split())


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_the_preview_prints_every_page_and_registers_the_order(  # type: ignore[no-untyped-def]
    qtbot, open_window, demo_db, tmp_path: Path
) -> None:
    window = open_window(demo_db)
    preview = _open_preview(qtbot, window)
    printed = tmp_path / "на принтер.pdf"
    seen: list[str] = []

    def print_to_file(dialog: QPrintDialog) -> None:
        seen.append(dialog.windowTitle())
        name = dialog.findChild(QLineEdit, "filename")
        assert name is not None, "the print-to-file printer is chosen offscreen"
        name.setText(str(printed))
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        press(qtbot, box.button(QDialogButtonBox.StandardButton.Ok))

    answer(qtbot, QPrintDialog, print_to_file)
    press(qtbot, preview.print_button)
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 0, timeout=30000)
    assert seen == ["Печать документа"]
    assert _pages(printed) == preview.pdf.pageCount() >= 1
    register = issued_documents(demo_db)
    assert [d.title for d in register] == [preview.document.title], "printed: issued"
    press(qtbot, preview.close_button)
    back_to(qtbot, window)
    assert window.documents_view.register.count() == 1


def test_the_preview_saves_a_docx_with_the_documents_text(  # type: ignore[no-untyped-def]
    qtbot, open_window, demo_db, tmp_path: Path
) -> None:
    window = open_window(demo_db)
    preview = _open_preview(qtbot, window)
    saved = tmp_path / "приказ для правки"
    answer_file(qtbot, saved)
    press(qtbot, preview.save_docx_button)
    docx_path = saved.with_suffix(".docx")
    qtbot.waitUntil(lambda: docx_path.exists() and not preview.runner.is_busy(), timeout=30000)
    assert preview.saved_label.full_text() == f"Сохранено: {docx_path}"
    text = _plain("\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs))
    assert _plain(preview.document.title) in text, "the title, as typeset (no-break spaces, dashes)"
    assert "Контроль исполнения приказа оставляю за собой." in text
    assert len(issued_documents(demo_db)) == 1
    press(qtbot, preview.close_button)
