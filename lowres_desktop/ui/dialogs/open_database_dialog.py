"""Choose a database: a file on this computer or a shared network folder, or a PostgreSQL URL."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.ui.file_dialogs import Purpose, save_file


class OpenDatabaseDialog(QDialog):
    def __init__(self, recent: list[str], start_folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Открыть базу данных"))
        self.resize(620, 380)
        self._start_folder = start_folder
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(self.tr("Путь к файлу .sqlite или адрес сервера PostgreSQL"))
        self.browse_button = QPushButton(self.tr("Обзор…"))
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.target_edit, 1)
        row.addWidget(self.browse_button)
        hint = QLabel(
            self.tr(
                "Общая база отдела на сервере PostgreSQL указывается адресом вида "
                "<code>postgresql+psycopg://пользователь@сервер:5432/имя_базы</code>. "
                "Пароль лучше не вписывать в адрес, а сохранить в файле паролей PostgreSQL "
                "(%APPDATA%\\postgresql\\pgpass.conf)."
            )
        )
        hint.setWordWrap(True)
        self.recent_list = QListWidget()
        for target in recent:
            QListWidgetItem(target, self.recent_list)
        self.recent_list.currentTextChanged.connect(self.target_edit.setText)
        self.recent_list.itemDoubleClicked.connect(lambda _item: self.accept())
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Open | standard.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Open).setText(self.tr("Открыть"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Отмена"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        self.target_edit.textChanged.connect(lambda text: self.open_button.setEnabled(bool(text.strip())))
        self.open_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("База данных:")))
        layout.addLayout(row)
        layout.addWidget(hint)
        if recent:
            layout.addWidget(QLabel(self.tr("Недавние базы:")))
            layout.addWidget(self.recent_list, 1)
        else:
            self.recent_list.hide()
            layout.addStretch(1)
        layout.addWidget(buttons)

    def target(self) -> str:
        return self.target_edit.text().strip()

    @Slot()
    def _on_browse_button_clicked(self) -> None:
        name = save_file(
            self,
            self.tr("Файл базы данных (существующий или новый)"),
            Purpose.DATABASES,
            self._start_folder,
            self.tr("Базы данных (*.sqlite *.db);;Все файлы (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.target_edit.setText(str(name))
