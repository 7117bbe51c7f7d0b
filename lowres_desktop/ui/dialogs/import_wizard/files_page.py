"""The wizard's first page: the files to import, added and removed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from lowres_desktop.ui.file_dialogs import Purpose, open_files

if TYPE_CHECKING:
    from lowres_desktop.ui.dialogs.import_wizard.wizard import ImportWizard


class FilesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Файлы"))
        self.setSubTitle(self.tr("Выберите файлы с результатами: их можно импортировать вместе."))
        # In the page, not the subtitle: the wizard's header shows two lines and cuts the rest.
        kinds = QLabel(
            self.tr(
                "Книги Excel (.xlsx, .xls), таблицы OpenDocument (.ods) и CSV: приложение 1, шаблон "
                "программы, выгрузки ВПР «Статистика по отметкам» и «Сравнение отметок с отметками по "
                "журналу» и «Ф1 Индивидуальные результаты», ведомости ОГЭ/ЕГЭ по участникам; таблицу другого "
                "вида можно разобрать, указав столбцы вручную."
            )
        )
        kinds.setWordWrap(True)
        self.list = QListWidget()
        add = QPushButton(self.tr("Добавить…"))
        add.clicked.connect(self._on_add_clicked)
        remove = QPushButton(self.tr("Убрать"))
        remove.clicked.connect(self._on_remove_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(kinds)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def set_paths(self, paths: list[Path]) -> None:
        self.list.clear()
        self.list.addItems([str(p) for p in paths])
        self.completeChanged.emit()

    def paths(self) -> list[Path]:
        return [Path(self.list.item(i).text()) for i in range(self.list.count())]

    def isComplete(self) -> bool:
        return self.list.count() > 0

    def validatePage(self) -> bool:
        self._wizard.set_files(self.paths())
        return True

    @Slot()
    def _on_add_clicked(self) -> None:
        names = open_files(
            self,
            self.tr("Добавить файлы"),
            Purpose.IMPORT,
            self.tr("Таблицы (*.xlsx *.xls *.ods *.csv);;Все файлы (*)"),
        )
        self.set_paths(self.paths() + [name for name in names if name not in self.paths()])

    @Slot()
    def _on_remove_clicked(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.completeChanged.emit()
