"""The first start without a database: create an empty one, open the demo, or open an existing one."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget

from lowres_desktop.ui.dialogs.open_database_dialog import OpenDatabaseDialog


class FirstRunChoice(Enum):
    CREATE = "create"
    DEMO = "demo"
    OPEN = "open"


class FirstRunDialog(QDialog):
    def __init__(self, new_database: str, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Первый запуск"))
        self.setMinimumWidth(560)
        self.choice: FirstRunChoice | None = None
        self._target = ""
        self._recent = recent
        self._new_database = new_database
        title = QLabel(self.tr("<h3>Добро пожаловать!</h3>С какой базой данных начать работу?"))
        title.setTextFormat(Qt.TextFormat.RichText)
        self.create_button = QCommandLinkButton(
            self.tr("Создать пустую базу"),
            self.tr("Новая база в папке пользователя: {path}. Затем — реквизиты организации.").format(
                path=new_database
            ),
        )
        self.demo_button = QCommandLinkButton(
            self.tr("Открыть демонстрационную базу"),
            self.tr("Школы условного города с результатами за несколько лет — чтобы осмотреться."),
        )
        self.open_button = QCommandLinkButton(
            self.tr("Открыть существующую базу…"),
            self.tr("Файл базы на этом компьютере или общая база отдела на сервере PostgreSQL."),
        )
        self.create_button.clicked.connect(lambda: self._choose(FirstRunChoice.CREATE, new_database))
        self.demo_button.clicked.connect(lambda: self._choose(FirstRunChoice.DEMO, ""))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        for button in (self.create_button, self.demo_button, self.open_button):
            layout.addWidget(button)

    def target(self) -> str:
        """The database chosen (empty for the demo, whose place the program knows)."""
        return self._target

    def _choose(self, choice: FirstRunChoice, target: str) -> None:
        self.choice = choice
        self._target = target
        self.accept()

    @Slot()
    def _on_open_button_clicked(self) -> None:
        dialog = OpenDatabaseDialog(self._recent, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.target():
            self._choose(FirstRunChoice.OPEN, dialog.target())
