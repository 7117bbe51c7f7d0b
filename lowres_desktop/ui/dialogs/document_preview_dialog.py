"""The document as it will be printed (QtPdf), with printing and saving as PDF or DOCX.

The PDF shown is the very file that is printed and saved, so what the clerk
checks on screen is what goes to signature. Printing rasterises each page at
the printer's resolution through QPdfDocument, the one PDF renderer Qt has.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Slot
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.services.documents import Document, render, save_document
from lowres_desktop.ui.errors import show_error


class DocumentPreviewDialog(QDialog):
    def __init__(
        self, document: Document, parent: QWidget | None = None, pdf_bytes: bytes | None = None
    ) -> None:
        """`pdf_bytes`: the document rendered already, e.g. off the GUI thread for a country's order."""
        super().__init__(parent)
        self.document = document
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
        self.print_button = QPushButton(self.tr("Печать…"))
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_pdf_button = QPushButton(self.tr("Сохранить PDF…"))
        self.save_pdf_button.clicked.connect(self._on_save_pdf_button_clicked)
        self.save_docx_button = QPushButton(self.tr("Сохранить DOCX для правки…"))
        self.save_docx_button.clicked.connect(self._on_save_docx_button_clicked)
        close = QPushButton(self.tr("Закрыть"))
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        for button in (self.print_button, self.save_pdf_button, self.save_docx_button, close):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.resize(900, 1000)

    def print_to(self, printer: QPrinter) -> int:
        """Paint every page on `printer`, scaled into its page rectangle; returns the pages printed."""
        painter = QPainter()
        if not painter.begin(printer):
            raise DomainError(self.tr("Принтер недоступен: печать не начата."))
        try:
            dpi = printer.resolution()
            for page in range(self.pdf.pageCount()):
                if page:
                    printer.newPage()
                points = self.pdf.pagePointSize(page)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = self.pdf.render(page, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(QRect(target.topLeft(), scaled))
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
                painter.setWindow(target)
        finally:
            painter.end()
        return self.pdf.pageCount()

    def save(self, path: Path) -> Path:
        """Save as PDF (the bytes shown) or DOCX (the same document rendered for editing)."""
        if path.suffix.lower() == ".pdf":
            try:
                path.write_bytes(self.pdf_bytes)
            except OSError as error:
                raise DomainError(
                    self.tr("Не удалось записать файл «{0}»: {1}").format(path, error)
                ) from error
            return path
        return save_document(self.document, path)

    def _ask_and_save(self, caption: str, pattern: str, suffix: str) -> None:
        name, _ = QFileDialog.getSaveFileName(self, caption, "", pattern)
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_suffix(suffix)
        try:
            self.save(path)
        except DomainError as error:
            show_error(self, error)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Печать документа"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except DomainError as error:
            show_error(self, error)

    @Slot()
    def _on_save_pdf_button_clicked(self) -> None:
        self._ask_and_save(self.tr("Сохранить PDF"), self.tr("Документ PDF (*.pdf)"), ".pdf")

    @Slot()
    def _on_save_docx_button_clicked(self) -> None:
        self._ask_and_save(self.tr("Сохранить DOCX"), self.tr("Документ Word (*.docx)"), ".docx")
