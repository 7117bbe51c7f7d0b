"""The dialog for failures nobody foresaw: a plain Russian message and copyable details."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from lowres_desktop.ui.forms.ui_error_dialog import Ui_ErrorDialog


class ErrorDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ErrorDialog()
        self.ui.setupUi(self)
        self.ui.detailsEdit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.ui.detailsEdit.setPlainText(details)
        self.ui.copyButton.clicked.connect(self._on_copy_button_clicked)

    def details(self) -> str:
        return self.ui.detailsEdit.toPlainText()

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
