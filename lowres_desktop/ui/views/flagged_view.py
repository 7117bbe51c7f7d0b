"""«Низкие результаты»: the schools the rule flags for a year, and why each one is on the list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from lowres_desktop.services.analysis_wording import profile_rule_text
from lowres_desktop.services.identify_schools import Identification
from lowres_desktop.services.rule_profiles import identify_by_profile
from lowres_desktop.services.wording import format_percent, plural
from lowres_desktop.ui.models.flagged_table_model import FlaggedTableModel
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.views.year_view import YearView

CRITERIA_COLUMN = 4


class FlaggedView(YearView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.identification: Identification | None = None
        self.model = FlaggedTableModel(self)
        self.proxy = RecordSortProxyModel(self.model, self)
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.summary_label = QLabel()
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        setup_table(self.table)
        self.table.setWordWrap(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Оцениваемый год:")))
        top.addWidget(self.years)
        top.addSpacing(16)
        top.addWidget(self.summary_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.table)

    def _load(self) -> None:
        year = self.years.year()
        if self._db is None or year is None:
            self.identification = None
            self.model.clear()
            self.rule_label.setText("")
            self.summary_label.setText(self.tr("Результатов в базе нет."))
            return
        self.identification = identify_by_profile(self._db, year, self.profile).identification()
        self.model.set_identification(self.identification)
        self.rule_label.setText(profile_rule_text(self.profile, year))
        found = len(self.identification.flagged)
        total = self.identification.schools_total
        self.summary_label.setText(
            self.tr("Выявлено {found} из {total} {schools} ({share})").format(
                found=found,
                total=total,
                schools=plural(total, "школы", "школ", "школ"),
                share=format_percent(self.identification.share),
            )
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(CRITERIA_COLUMN, min(header.sectionSize(CRITERIA_COLUMN), 380))
        self.table.resizeRowsToContents()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        row = self.proxy.mapToSource(index).row()
        self.sig_school_activated.emit(self.model.login(row))
