"""«О программе»: the version and the open database, which support staff ask for first."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from lowres_desktop import __version__
from lowres_desktop.ui.forms.ui_about_dialog import Ui_AboutDialog
from lowres_desktop.ui.icons import app_icon


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        self.ui.iconLabel.setPixmap(app_icon().pixmap(64, 64))
        self.ui.versionLabel.setText(self.tr("Версия {version}").format(version=__version__))
        self.ui.databaseLabel.setText(self.tr("База данных: {path}").format(path=database))
