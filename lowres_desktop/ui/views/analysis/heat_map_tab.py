"""«Тепловая карта»: each school's share of «2» per procedure, coloured; the first tab read for a country."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.errors import DomainError
from lowres_desktop.files.atomic import write_bytes_atomic
from lowres_desktop.files.names import with_extension
from lowres_desktop.services.chart_series import HeatMap, heat_map
from lowres_desktop.ui.errors import show_error
from lowres_desktop.ui.file_dialogs import Purpose, save_file
from lowres_desktop.ui.models.heat_map_model import HeatMapTableModel
from lowres_desktop.ui.views.analysis.tab import AnalysisScope, AnalysisTab

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext


class HeatMapTab(AnalysisTab):
    sig_school_activated = Signal(str)
    """A school's name clicked: the page shows its charts and opens its card."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = HeatMapTableModel(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Поиск по школе, логину, району"))
        self.filter.textChanged.connect(self.model.set_filter)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMouseTracking(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(86)
        self.table.clicked.connect(self._on_table_clicked)
        self.status = QLabel(self.tr("Загрузка тепловой карты…"))
        self.status.hide()
        self.loader.sig_busy_changed.connect(self._on_loader_busy_changed)
        legend = QLabel(
            self.tr(
                "Цвет клетки — доля «2»: белый — нет «2», насыщенный красный — порог и выше, "
                "серый — нет данных. Щелчок по школе открывает её карточку."
            )
        )
        legend.setWordWrap(True)
        save = QPushButton(self.tr("Сохранить видимую часть в PNG…"))
        save.clicked.connect(self._on_save_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(legend, 1)
        bottom.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def load(self, scope: AnalysisScope) -> None:
        self.scope = scope
        db, year, profile = scope.db, scope.year, scope.profile
        self.loader.load(
            lambda: heat_map(db, year, profile), self._show, self._on_load_failed, background=scope.background
        )

    def _show(self, heat: HeatMap) -> None:
        self.model.set_heat_map(heat)
        # The rows come by district and name, the service's order: no column shows a sort arrow.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().resizeSection(0, 220)
        self.table.horizontalHeader().resizeSection(1, 200)

    @Slot(bool)
    def _on_loader_busy_changed(self, busy: bool) -> None:
        self.status.setVisible(busy)
        self.table.setEnabled(not busy)

    @Slot(QModelIndex)
    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == 0:
            self.sig_school_activated.emit(self.model.row(index.row()).school.login)

    @Slot()
    def _on_save_clicked(self) -> None:
        year = self.scope.year if self.scope is not None else None
        name = save_file(
            self,
            self.tr("Сохранить тепловую карту"),
            Purpose.EXPORTS,
            f"teplovaya_karta_{year}.png",
            "PNG (*.png)",
        )
        if name:
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            self.table.grab().save(buffer, "PNG")
            try:
                write_bytes_atomic(with_extension(name, ".png"), bytes(buffer.data()))
            except DomainError as error:
                show_error(self, error)
