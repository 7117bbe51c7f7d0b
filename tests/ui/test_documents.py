"""The documents page, the preview (QtPdf) with printing and saving, and the requisites dialog."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from docx import Document as read_docx
from PySide6.QtCore import QDate
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from lowres_desktop.services.documents import DocumentKind, build_document, save_document
from lowres_desktop.services.progress import Cancelled
from lowres_desktop.services.requisites import load_requisites
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.dialogs.requisites_dialog import RequisitesDialog
from lowres_desktop.ui.views.documents_view import DocumentsView
from tests.ui.qt_helpers import app_context, wait_writes


def _view(qtbot: QtBot, db: Database) -> DocumentsView:
    view = DocumentsView(app_context(qtbot, db))
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


def _pdf_printer(path: Path, dpi: int) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(dpi)
    printer.setOutputFileName(str(path))
    return printer


def test_a_high_resolution_printer_gets_pages_of_600_dpi_and_landscape_pages_turned(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    view = _view(qtbot, demo_db)
    preview = view.open_preview()
    assert preview is not None
    qtbot.addWidget(preview)
    sizes = [preview.pdf.pagePointSize(page) for page in range(preview.pdf.pageCount())]
    assert any(size.width() > size.height() for size in sizes), "the order's appendix is landscape"
    printer = _pdf_printer(tmp_path / "printed.pdf", 1200)
    assert printer.resolution() == 1200
    assert preview.print_with_progress(printer) == preview.pdf.pageCount()
    listing = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    images = [(int(line.split()[3]), int(line.split()[4]), line.split()[5]) for line in listing]
    # One opaque image per page (no soft mask), every one a portrait A4 sheet at 600 dpi.
    assert images == [(4961, 7016, "rgb")] * len(sizes)


def test_cancelling_the_progress_dialog_stops_printing(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, demo_db)
    preview = view.open_preview()
    assert preview is not None and preview.pdf.pageCount() >= 3
    qtbot.addWidget(preview)
    shown: list[tuple[str, int, int]] = []
    original = QProgressDialog.setValue

    def set_value(dialog: QProgressDialog, value: int) -> None:
        original(dialog, value)
        shown.append((dialog.labelText(), value, dialog.maximum()))
        if value == 1:
            dialog.cancel()  # what «Отменить» does, while the second page is about to print

    monkeypatch.setattr(QProgressDialog, "setValue", set_value)
    printed = preview.print_with_progress(_pdf_printer(tmp_path / "cancelled.pdf", 150))
    assert printed == 1
    pages = preview.pdf.pageCount()
    assert shown[:2] == [
        (f"Печать: страница 1 из {pages}…", 0, pages),
        (f"Печать: страница 2 из {pages}…", 1, pages),
    ]


def test_docx_is_saved_off_the_window_thread_and_the_dialog_waits_for_it(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    view = _view(qtbot, demo_db)
    preview = view.open_preview()
    assert preview is not None  # deleted on close: not given to qtbot
    preview.show()
    target = tmp_path / "приказ.docx"
    preview.save_in_background(target)
    assert not preview.save_docx_button.isEnabled() and not preview.close_button.isEnabled()
    preview.reject()
    assert preview.isVisible(), "closing waits for the save under way"
    qtbot.waitUntil(lambda: preview.save_docx_button.isEnabled(), timeout=30_000)
    assert preview.saved_label.full_text() == f"Сохранено: {target}"
    paragraphs = [p.text.replace("\u00a0", " ") for p in read_docx(str(target)).paragraphs]
    assert "ПРИКАЗ" in paragraphs
    assert any("имеющих низкие образовательные результаты" in text for text in paragraphs)
    with qtbot.waitSignal(preview.finished, timeout=1000):
        preview.reject()


def test_a_cancelled_save_writes_nothing(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    view = _view(qtbot, demo_db)
    preview = view.open_preview()
    assert preview is not None
    with pytest.raises(Cancelled):
        save_document(preview.document, tmp_path / "order.docx", cancel=lambda: True)
    assert not (tmp_path / "order.docx").exists()


def test_each_kind_shows_its_parameters(qtbot: QtBot, demo_db: Database) -> None:
    view = _view(qtbot, demo_db)
    view.show()
    for kind, visible, profile_shown in (
        (DocumentKind.ROADMAP, view.roadmap, False),
        (DocumentKind.MONITORING, view.round, False),
        (DocumentKind.PASSPORT, view.school, True),
    ):
        view.select_kind(kind)
        assert visible.isVisibleTo(view), kind
        assert view.profile.isVisibleTo(view) is profile_shown
    view.select_kind(DocumentKind.MONITORING)
    assert "Руководителям общеобразовательных организаций" in view.points.toPlainText()


def test_the_registration_box_says_where_an_unset_date_and_number_come_from(
    qtbot: QtBot, demo_db: Database
) -> None:
    """A roadmap's order took the approving order's «17.02.2020 № 0177-ога» while the box promised blanks."""
    view = _view(qtbot, demo_db)
    view.select_kind(DocumentKind.LOW_RESULTS)
    assert "пустые строки" in view.dated.text()
    for kind in (DocumentKind.ROADMAP, DocumentKind.PROGRAMME):
        view.select_kind(kind)
        assert "как в утверждении «дорожной карты»" in view.dated.text(), kind
    view.select_kind(DocumentKind.ROADMAP)
    assert build_document(demo_db, view.request()).number == "0177-ога"


def test_requisites_dialog_saves_to_the_database(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    context = app_context(qtbot, demo_db)
    dialog = RequisitesDialog(context)
    qtbot.addWidget(dialog)
    dialog.authority.setPlainText("МЭРИЯ ГОРОДА НОВОСИБИРСКА\nДЕПАРТАМЕНТ ОБРАЗОВАНИЯ")
    dialog.signatory_name.setText("Р. М. Ахметгареев")
    dialog.executor_name.setText("Прасолова")
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    image.save(str(tmp_path / "emblem.png"))
    dialog.set_emblem_file(tmp_path / "emblem.png")
    dialog.accept()
    wait_writes(qtbot, context)
    saved = load_requisites(demo_db)
    assert saved.authority_lines == ("МЭРИЯ ГОРОДА НОВОСИБИРСКА", "ДЕПАРТАМЕНТ ОБРАЗОВАНИЯ")
    assert saved.signatory_name == "Р. М. Ахметгареев" and saved.executor_name == "Прасолова"
    assert saved.emblem_png is not None and saved.emblem_png.startswith(b"\x89PNG")


def test_save_pdf_keeps_the_dots_of_the_typed_name(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """«Приказ №12 от 01.02.2025» is saved as «….2025.pdf», not as «Приказ №12 от 01.02.pdf»."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    typed = tmp_path / "Приказ №12 от 01.02.2025"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(typed), "")))
    preview = _view(qtbot, demo_db).open_preview()
    assert preview is not None  # deleted on close: not given to qtbot
    preview.show()
    qtbot.mouseClick(preview.save_pdf_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "Приказ №12 от 01.02.2025.pdf"
    qtbot.waitUntil(lambda: preview.saved_label.full_text() == f"Сохранено: {saved}", timeout=30_000)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == [saved.name]
    assert saved.read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(preview.finished, timeout=1000):
        preview.reject()


def test_a_long_saved_path_does_not_widen_the_preview(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    view = _view(qtbot, demo_db)
    preview = view.open_preview()
    assert preview is not None
    preview.resize(1100, 700)
    preview.show()
    width = preview.width()
    folder = tmp_path / "Приказы отдела общего образования" / "за второе полугодие 2026 года" / "Выявление"
    folder.mkdir(parents=True)
    target = folder / ("Приказ № 12 от 02.12.2026 Об итогах выявления общеобразовательных организаций.docx")
    preview.save_in_background(target)
    qtbot.waitUntil(lambda: preview.save_docx_button.isEnabled(), timeout=30_000)
    qtbot.wait(50)
    assert preview.saved_label.full_text() == f"Сохранено: {target}"
    assert preview.width() == width and preview.minimumSizeHint().width() < 1000
    shown = preview.saved_label.text()
    assert shown.startswith("Сохранено: ") and shown.endswith("организаций.docx") and "…" in shown
    assert preview.saved_label.toolTip() == f"Сохранено: {target}"
    preview.reject()
