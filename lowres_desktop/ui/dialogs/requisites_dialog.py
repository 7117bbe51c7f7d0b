"""«Реквизиты организации»: the names, place, signatory and executor printed on every document."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.services.requisites import Requisites, load_requisites, save_requisites
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.file_dialogs import Purpose, open_file

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext

MAX_EMBLEM_BYTES = 2 * 1024 * 1024


class RequisitesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Реквизиты организации"))
        self._context = context
        requisites = load_requisites(context.db)
        self._emblem = requisites.emblem_png
        self.authority = QPlainTextEdit("\n".join(requisites.authority_lines))
        self.authority.setPlaceholderText(self.tr("МЭРИЯ ГОРОДА НОВОСИБИРСКА\nДЕПАРТАМЕНТ ОБРАЗОВАНИЯ"))
        self.authority.setFixedHeight(80)
        self.name_genitive = QLineEdit(requisites.name_genitive)
        self.name_genitive.setPlaceholderText(self.tr("департамента образования мэрии города Новосибирска"))
        self.place = QLineEdit(requisites.place)
        self.signatory_position = QLineEdit(requisites.signatory_position)
        self.signatory_name = QLineEdit(requisites.signatory_name)
        self.signatory_name.setPlaceholderText(self.tr("Р. М. Ахметгареев"))
        self.executor_name = QLineEdit(requisites.executor_name)
        self.executor_phone = QLineEdit(requisites.executor_phone)
        self.emblem_label = QLabel()
        self.emblem_label.setMinimumHeight(48)
        choose = QPushButton(self.tr("Выбрать…"))
        choose.clicked.connect(self._on_choose_clicked)
        self.clear_button = QPushButton(self.tr("Убрать"))
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        emblem = QHBoxLayout()
        emblem.addWidget(self.emblem_label, 1)
        emblem.addWidget(choose)
        emblem.addWidget(self.clear_button)
        form = QFormLayout()
        form.addRow(self.tr("Наименование (строки бланка):"), self.authority)
        form.addRow(self.tr("В родительном падеже («к приказу …»):"), self.name_genitive)
        form.addRow(self.tr("Место издания:"), self.place)
        form.addRow(self.tr("Должность подписывающего:"), self.signatory_position)
        form.addRow(self.tr("Инициалы и фамилия:"), self.signatory_name)
        form.addRow(self.tr("Исполнитель:"), self.executor_name)
        form.addRow(self.tr("Телефон исполнителя:"), self.executor_phone)
        form.addRow(self.tr("Герб или эмблема (PNG, JPEG):"), emblem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Отмена"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self._show_emblem()

    def requisites(self) -> Requisites:
        lines = tuple(line.strip() for line in self.authority.toPlainText().splitlines() if line.strip())
        return Requisites(
            authority_lines=lines,
            name_genitive=self.name_genitive.text().strip(),
            place=self.place.text().strip(),
            signatory_position=self.signatory_position.text().strip(),
            signatory_name=self.signatory_name.text().strip(),
            executor_name=self.executor_name.text().strip(),
            executor_phone=self.executor_phone.text().strip(),
            emblem_png=self._emblem,
        )

    def set_emblem_file(self, path: Path) -> None:
        """Take an image file as the emblem; refuse what is not a picture or is too large."""
        data = path.read_bytes()
        if len(data) > MAX_EMBLEM_BYTES:
            raise DomainError(self.tr("Файл эмблемы больше 2 МБ: уменьшите изображение."))
        if QPixmap().loadFromData(data) is False:
            raise DomainError(self.tr("Файл «{0}» не является изображением PNG или JPEG.").format(path.name))
        self._emblem = data
        self._show_emblem()

    def accept(self) -> None:
        requisites = self.requisites()
        self._context.operations.save_and_close(
            self, self.tr("Реквизиты организации"), lambda db, _p, _c: save_requisites(db, requisites)
        )

    def _show_emblem(self) -> None:
        self.clear_button.setEnabled(self._emblem is not None)
        if self._emblem is None:
            self.emblem_label.setText(self.tr("не задана"))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self._emblem)
        self.emblem_label.setPixmap(pixmap.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation))

    @Slot()
    def _on_choose_clicked(self) -> None:
        name = open_file(
            self, self.tr("Герб или эмблема"), Purpose.IMAGES, self.tr("Изображения (*.png *.jpg *.jpeg)")
        )
        if not name:
            return
        try:
            self.set_emblem_file(name)
        except (DomainError, OSError) as error:
            show_error(self, error if isinstance(error, DomainError) else DomainError(str(error)))

    @Slot()
    def _on_clear_button_clicked(self) -> None:
        self._emblem = None
        self._show_emblem()
