"""The document as it will be printed (QtPdf), with printing and saving as PDF or DOCX.

The PDF shown is the very file that is printed and saved, so what the clerk
checks on screen is what goes to signature. Printing rasterises each page
through QPdfDocument, the one PDF renderer Qt has, at the printer's
resolution up to `PRINT_DPI`, page by page with a progress dialog that can
cancel the print run; a page whose orientation differs from the paper's is
turned to fill the sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Slot
from PySide6.QtGui import QImage, QPainter, QTransform
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.files.atomic import write_bytes_atomic
from lowres_desktop.files.names import file_name_from, with_extension
from lowres_desktop.services.documents import Document, render, save_document
from lowres_desktop.services.progress import CancelCheck, ProgressCallback, never_cancel, no_progress
from lowres_desktop.ui.elided_label import ElidedLabel
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.file_dialogs import Purpose, save_file
from lowres_desktop.ui.tasks import TaskRunner

PRINT_DPI = 600
"""The highest resolution pages are rasterised at. A printer reporting 1200 dpi made every
page a 550 MB image: four pages took 11 s and 1.2 GB; office lasers print text at 600 dpi."""


def _keep_printing(_page: int, _pages: int) -> bool:
    return True


def _on_white(page: QImage) -> QImage:
    """The page on white paper: QtPdf renders it on a transparent background, and an image with
    an alpha channel reaches the printer with a second, soft-mask image of the same size."""
    opaque = QImage(page.size(), QImage.Format.Format_RGB32)
    opaque.fill(Qt.GlobalColor.white)
    painter = QPainter(opaque)
    painter.drawImage(0, 0, page)
    painter.end()
    return opaque


class DocumentPreviewDialog(QDialog):
    def __init__(
        self, document: Document, parent: QWidget | None = None, pdf_bytes: bytes | None = None
    ) -> None:
        """`pdf_bytes`: the document rendered already, e.g. off the GUI thread for a country's order."""
        super().__init__(parent)
        self.document = document
        self.on_issued: Callable[[bytes], None] | None = None
        """Called once, with the PDF, when the document is first printed or saved: the register."""
        self.setWindowTitle(self.tr("Просмотр: {0}").format(document.title))
        self.pdf_bytes = render(document, "pdf") if pdf_bytes is None else pdf_bytes
        self._data = QByteArray(self.pdf_bytes)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)
        self.pages_label = QLabel(self.tr("Страниц: {0}").format(self.pdf.pageCount()))
        self.saved_label = ElidedLabel(Qt.TextElideMode.ElideMiddle)
        self.runner = TaskRunner(self)
        self.print_button = QPushButton(self.tr("Печать…"))
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_pdf_button = QPushButton(self.tr("Сохранить PDF…"))
        self.save_pdf_button.clicked.connect(self._on_save_pdf_button_clicked)
        self.save_docx_button = QPushButton(self.tr("Сохранить DOCX для правки…"))
        self.save_docx_button.clicked.connect(self._on_save_docx_button_clicked)
        self.close_button = QPushButton(self.tr("Закрыть"))
        self.close_button.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addWidget(self.saved_label, 1)
        for button in (self.print_button, self.save_pdf_button, self.save_docx_button, self.close_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.resize(900, 1000)

    def print_to(self, printer: QPrinter, before_page: Callable[[int, int], bool] = _keep_printing) -> int:
        """Paint every page on `printer`, scaled into its page rectangle; returns the pages printed.

        `before_page(page, pages)` is asked before each page; False aborts the print run there.
        """
        painter = QPainter()
        if not painter.begin(printer):
            raise DomainError(self.tr("Принтер недоступен: печать не начата."))
        pages = self.pdf.pageCount()
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            for page in range(pages):
                if not before_page(page, pages):
                    printer.abort()
                    return page
                if page:
                    printer.newPage()
                points = self.pdf.pagePointSize(page)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = _on_white(self.pdf.render(page, size))
                target = painter.viewport()
                if (image.width() > image.height()) != (target.width() > target.height()):
                    # A landscape appendix on portrait paper: turned as PDF readers turn it, its
                    # top to the sheet's left edge, rather than shrunk to the sheet's width.
                    image = image.transformed(QTransform().rotate(-90))
                    size = size.transposed()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(QRect(target.topLeft(), scaled))
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
                painter.setWindow(target)
        finally:
            painter.end()
        return pages

    def save(
        self, path: Path, progress: ProgressCallback = no_progress, cancel: CancelCheck = never_cancel
    ) -> Path:
        """Save as PDF (the bytes shown) or DOCX (the same document rendered for editing)."""
        if path.suffix.lower() == ".pdf":
            return self._write_pdf(path)
        return save_document(self.document, path, progress, cancel)

    def _write_pdf(self, path: Path) -> Path:
        return write_bytes_atomic(path, self.pdf_bytes)

    def save_in_background(self, path: Path) -> None:
        """`save` off the window's thread: a region's order takes seconds to lay out as DOCX.

        The save buttons wait meanwhile; the label under the pages says where the file went.
        """

        def work(progress: ProgressCallback, cancel: CancelCheck) -> Path:
            return self.save(path, progress, cancel)

        self._set_saving(True)
        self.runner.run(work, self._on_saved, self._on_save_failed, title=self.tr("Сохранение документа"),
                        writes=False)  # fmt: skip

    def _set_saving(self, saving: bool) -> None:
        for button in (self.save_pdf_button, self.save_docx_button, self.close_button):
            button.setEnabled(not saving)

    def reject(self) -> None:
        """Closing waits for a save under way: its answer comes back to this dialog."""
        if not self.runner.is_busy():
            super().reject()

    def _on_saved(self, path: Path) -> None:
        self._set_saving(False)
        self.saved_label.set_full_text(self.tr("Сохранено: {0}").format(path))
        self._issue()

    def _issue(self) -> None:
        """Register the document with its PDF, once: printed or saved, it has been issued."""
        if self.on_issued is None:
            return
        register, self.on_issued = self.on_issued, None
        try:
            register(self.pdf_bytes)
        except DomainError as error:
            show_error(self, error)

    def _on_save_failed(self, error: BaseException) -> None:
        self._set_saving(False)
        show_error(self, error)

    def proposed_name(self) -> str:
        """«Приказ № 12 от 01.02.2025 Об итогах выявления…»: the name the register would give it."""
        document = self.document
        parts = [document.doc_type.title]
        if document.number:
            parts.append(f"№ {document.number}")
        if document.issued is not None:
            parts.append(f"от {document.issued:%d.%m.%Y}")
        return file_name_from(" ".join([*parts, document.title]), document.doc_type.title)

    def _ask_and_save(self, caption: str, pattern: str, suffix: str) -> None:
        name = save_file(self, caption, Purpose.DOCUMENTS, self.proposed_name() + suffix, pattern)
        if not name:
            return
        self.save_in_background(with_extension(name, suffix))

    @Slot()
    def _on_print_button_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Печать документа"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            printed = self.print_with_progress(printer)
        except DomainError as error:
            show_error(self, error)
            return
        if printed == self.pdf.pageCount():
            self._issue()

    def print_with_progress(self, printer: QPrinter) -> int:
        """`print_to` under a window-modal progress dialog whose «Отменить» stops the print run."""
        progress = QProgressDialog(self)
        progress.setWindowTitle(self.tr("Печать документа"))
        progress.setCancelButtonText(self.tr("Отменить"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setMinimumWidth(360)
        progress.setRange(0, self.pdf.pageCount())

        def before_page(page: int, pages: int) -> bool:
            progress.setLabelText(self.tr("Печать: страница {0} из {1}…").format(page + 1, pages))
            progress.setValue(page)  # a modal progress dialog processes events here: «Отменить» works
            return not progress.wasCanceled()

        try:
            return self.print_to(printer, before_page)
        finally:
            progress.close()
            progress.deleteLater()

    @Slot()
    def _on_save_pdf_button_clicked(self) -> None:
        self._ask_and_save(self.tr("Сохранить PDF"), self.tr("Документ PDF (*.pdf)"), ".pdf")

    @Slot()
    def _on_save_docx_button_clicked(self) -> None:
        self._ask_and_save(self.tr("Сохранить DOCX"), self.tr("Документ Word (*.docx)"), ".docx")
