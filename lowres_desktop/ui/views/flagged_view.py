"""«Низкие результаты»: the schools the rule flags for a year, and why each one is on the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lowres_desktop.domain.profiles import RuleProfile
from lowres_desktop.services.identify_schools import Identification, identify_schools
from lowres_desktop.ui.models.flagged_table_model import FlaggedTableModel, prepare_flagged
from lowres_desktop.ui.models.record_table_model import PreparedRecords, SortOrder
from lowres_desktop.ui.table_export import attach_table_export
from lowres_desktop.ui.table_fit import VisibleRowFitter, fit_columns
from lowres_desktop.ui.views.year_view import YearView
from lowres_desktop.wording.analysis import profile_rule_text
from lowres_desktop.wording.common import assessed_text

if TYPE_CHECKING:
    from lowres_desktop.storage.unit_of_work import Database

TERRITORY_COLUMN = 3
CRITERIA_COLUMN = 4
CRITERIA_WIDTH = 380
"""The criteria wrap within this width; the reasons take the rest."""
CRITERIA_LEAST = 160
TERRITORY_LEAST = 120


class FlaggedView(YearView):
    model: FlaggedTableModel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(FlaggedTableModel(), parent)
        self.identification: Identification | None = None
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.row_fitter = VisibleRowFitter(self.table)
        self._natural: list[int] = []
        """Each column's width for its contents, as `fit_columns` measured them."""
        self.table.viewport().installEventFilter(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Оцениваемый год:")))
        top.addWidget(self.years)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Найти:")))
        top.addWidget(self.search)
        top.addWidget(self.count_label)
        # An exported list says which rule made it, as the page does.
        attach_table_export(self.table, self.tr("Низкие результаты")).note = lambda: [
            self.rule_label.text(),
            self.summary_label.text(),
        ]
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        # A line of its own: beside the year and the search box the count ran the page off a
        # 1024 px wide screen («Выявлено 7 из 100 ОО, по которым есть результаты за …»).
        layout.addWidget(self.summary_label)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.table)

    def _fetch(
        self, db: Database, year: int, profile: RuleProfile, sort: SortOrder | None
    ) -> tuple[Identification, PreparedRecords, str]:
        identification = identify_schools(db, year, profile)
        return identification, prepare_flagged(identification, sort), profile_rule_text(profile, year)

    def _show(self, data: tuple[Identification, PreparedRecords, str]) -> None:
        identification, rows, rule = data
        self.identification = identification
        self.model.set_prepared(rows)
        self.rule_label.setText(rule)
        self.summary_label.setText(
            self.tr("Выявлено {found} {denominator}").format(
                found=len(identification.flagged),
                denominator=assessed_text(
                    len(identification.flagged),
                    identification.schools_total,
                    identification.years,
                    identification.schools_without_results,
                ),
            )
        )
        fit_columns(self.table, self.model)
        header = self.table.horizontalHeader()
        self._natural = [header.sectionSize(column) for column in range(self.model.columnCount())]
        self._share_width()
        self.row_fitter.fit()

    def _share_width(self) -> None:
        """The territory, the criteria and the reasons share what the other columns leave.

        With the criteria at their 380 px, a 1024 px wide window (1280×1024 at 125 %) showed the
        reasons only after scrolling the table sideways. The reasons, a line per procedure, keep
        their lines while the criteria (a sentence) wrap, down to `CRITERIA_LEAST`; when even
        that is tight the territory wraps too. Wider, nothing changes.
        """
        if len(self._natural) <= CRITERIA_COLUMN + 1:
            return
        natural = self._natural
        reasons = natural[CRITERIA_COLUMN + 1]
        room = self.table.viewport().width() - sum(natural[:TERRITORY_COLUMN])
        territory = natural[TERRITORY_COLUMN]
        if room - territory - CRITERIA_LEAST < reasons:
            territory = min(territory, max(TERRITORY_LEAST, room // 4))
        rest = room - territory
        wanted = min(natural[CRITERIA_COLUMN], CRITERIA_WIDTH)
        criteria = max(CRITERIA_LEAST, min(wanted, rest - reasons))
        header = self.table.horizontalHeader()
        header.resizeSection(TERRITORY_COLUMN, territory)
        header.resizeSection(CRITERIA_COLUMN, criteria)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._share_width()
        return super().eventFilter(watched, event)

    def _show_nothing(self) -> None:
        self.identification = None
        self.model.clear()
        self.rule_label.setText("")
        self.summary_label.setText(self.tr("Результатов в базе нет."))

    def _login(self, source_row: int) -> str:
        return self.model.login(source_row)
