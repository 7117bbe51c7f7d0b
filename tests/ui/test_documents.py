"""The documents page, the preview (QtPdf) with printing and saving, and the requisites dialog."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from docx import Document as read_docx
from PySide6.QtCore import QDate
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from lowres_desktop.services.documents import DocumentKind
from lowres_desktop.services.requisites import load_requisites
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.dialogs.requisites_dialog import RequisitesDialog
from lowres_desktop.ui.views.documents_view import DocumentsView


def _view(qtbot: QtBot, db: Database) -> DocumentsView:
    view = DocumentsView()
    qtbot.addWidget(view)
    view.refresh(db)
    return view


def test_edited_points_reach_the_preview_and_the_saved_files(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    view = _view(qtbot, demo_db)
    assert view.current_kind() is DocumentKind.LOW_RESULTS
    assert view.points.toPlainText().startswith("Утвердить список общеобразовательных организаций")
    view.points.setPlainText("Утвердить список ШНОР (приложение).\nКонтроль исполнения оставляю за собой.")
    view.dated.setChecked(True)
    view.issued.setDate(QDate(2024, 9, 2))
    view.number.setText("512-од")
    preview = view.open_preview()
    assert preview is not None
    qtbot.addWidget(preview)
    assert preview.pdf.pageCount() >= 3
    pdf = preview.save(tmp_path / "order.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "2. Контроль исполнения оставляю за собой." in text.replace("\u00a0", " ")
    assert "02.09.2024" in text and "512-од" in text
    docx = preview.save(tmp_path / "order.docx")
    paragraphs = [p.text.replace("\u00a0", " ") for p in read_docx(str(docx)).paragraphs]
    assert "1. Утвердить список ШНОР (приложение)." in paragraphs


def test_preview_prints_every_page(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    view = _view(qtbot, demo_db)
    view.select_kind(DocumentKind.DYNAMICS)
    assert not view.points.isEnabled(), "a note has no points to edit"
    preview = view.open_preview()
    assert preview is not None
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == preview.pdf.pageCount()
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True
    )
    assert re.search(rf"Pages:\s+{preview.pdf.pageCount()}\n", info.stdout), info.stdout
    page = preview.pdf.render(0, preview.pdf.pagePointSize(0).toSize())
    assert isinstance(page, QImage) and not page.isNull()


def test_each_kind_shows_its_parameters(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    view.show()
    for kind, visible in (
        (DocumentKind.ROADMAP, view.roadmap),
        (DocumentKind.MONITORING, view.round),
        (DocumentKind.PASSPORT, view.school),
    ):
        view.select_kind(kind)
        assert visible.isVisibleTo(view), kind
        assert not view.threshold.isVisibleTo(view)
    view.select_kind(DocumentKind.MONITORING)
    assert "Руководителям общеобразовательных организаций" in view.points.toPlainText()


def test_requisites_dialog_saves_to_the_database(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    dialog = RequisitesDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.authority.setPlainText("МЭРИЯ ГОРОДА НОВОСИБИРСКА\nДЕПАРТАМЕНТ ОБРАЗОВАНИЯ")
    dialog.signatory_name.setText("Р. М. Ахметгареев")
    dialog.executor_name.setText("Прасолова")
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    image.save(str(tmp_path / "emblem.png"))
    dialog.set_emblem_file(tmp_path / "emblem.png")
    dialog.accept()
    saved = load_requisites(demo_db)
    assert saved.authority_lines == ("МЭРИЯ ГОРОДА НОВОСИБИРСКА", "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ")
    assert saved.signatory_name == "Р. М. Ахметгареев" and saved.executor_name == "Прасолова"
    assert saved.emblem_png is not None and saved.emblem_png.startswith(b"\x89PNG")
