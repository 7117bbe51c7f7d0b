"""«Динамика»: the schools that entered, left and stayed on the list, trends, the districts' table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lowres_desktop.domain.dynamics import Dynamics, Trend
from lowres_desktop.services.dynamics import dynamics_for_year
from lowres_desktop.ui.models.record_sort_proxy_model import RecordSortProxyModel
from lowres_desktop.ui.models.record_table_model import (
    Column,
    PreparedRecords,
    RecordTableModel,
    SortOrder,
    prepare_records,
)
from lowres_desktop.ui.table_fit import VisibleRowFitter, fit_columns
from lowres_desktop.ui.table_setup import setup_table
from lowres_desktop.ui.views.analysis.tab import AnalysisScope, AnalysisTab
from lowres_desktop.wording.analysis import TREND_TITLES, change_text
from lowres_desktop.wording.common import format_percent

if TYPE_CHECKING:
    from lowres_desktop.ui.app_context import AppContext


@dataclass(frozen=True)
class DynamicsScreen:
    """The dynamics tab's texts, built on the loader's thread (thousands of names for a country)."""

    dynamics: Dynamics
    lists: tuple[list[str], list[str], list[str]]
    """The entered, left and stayed schools as the lists show them."""
    trends: PreparedRecords
    districts: PreparedRecords


class DynamicsTab(AnalysisTab):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.change_label = QLabel()
        self.change_label.setWordWrap(True)
        font = self.change_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.change_label.setFont(font)
        # String models filled with one call each: a country's list has thousands of schools.
        self.entered_model, self.left_model, self.stayed_model = (QStringListModel(self) for _ in range(3))
        self.entered_title, self.left_title, self.stayed_title = QLabel(), QLabel(), QLabel()
        lists = QHBoxLayout()
        for title, model in (
            (self.entered_title, self.entered_model),
            (self.left_title, self.left_model),
            (self.stayed_title, self.stayed_model),
        ):
            widget = QListView()
            widget.setModel(model)
            widget.setUniformItemSizes(True)
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(widget)
            lists.addLayout(column)
        self.trend_model = RecordTableModel(self)
        self.trend_table = QTableView()
        self.trend_table.setModel(RecordSortProxyModel(self.trend_model, self))
        setup_table(self.trend_table)
        self.district_model = RecordTableModel(self)
        self.district_table = QTableView()
        self.district_table.setModel(self.district_model)
        self.district_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.district_table.setWordWrap(True)
        # Rows as tall as their names, measured when they come into view: a country's cells hold hundreds.
        self.district_fitter = VisibleRowFitter(self.district_table)
        bottom = QHBoxLayout()
        trend_column = QVBoxLayout()
        trend_column.addWidget(QLabel(self.tr("Динамика доли «2» у школ списка по процедурам")))
        trend_column.addWidget(self.trend_table)
        district_column = QVBoxLayout()
        district_column.addWidget(QLabel(self.tr("ШНОР по районам и годам (как таблица 3 приказа)")))
        district_column.addWidget(self.district_table)
        bottom.addLayout(trend_column, 2)
        bottom.addLayout(district_column, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.change_label)
        layout.addLayout(lists, 2)
        layout.addLayout(bottom, 3)

    def load(self, scope: AnalysisScope) -> None:
        """Read the dynamics and build every text of the tab on the loader's thread."""
        self.scope = scope
        db, year, profile = scope.db, scope.year, scope.profile
        sort = self.trend_model.requested_sort()
        self.loader.load(
            lambda: self._screen(dynamics_for_year(db, year, profile), sort),
            self._show,
            self._on_load_failed,
            background=scope.background,
        )

    def _screen(self, found: Dynamics, sort: SortOrder | None) -> DynamicsScreen:
        change = found.change

        def named(logins: tuple[str, ...]) -> list[str]:
            texts = []
            for school in found.named(logins):
                in_row, total = found.years_on_list.get(school.login, (0, 0))
                suffix = self.tr(" — {n} г. подряд, всего {t}").format(n=in_row, t=total) if in_row else ""
                texts.append(f"{school.short_name}{suffix}")
            return texts

        return DynamicsScreen(
            found,
            (named(change.entered), named(change.left), named(change.stayed)),
            prepare_records(found.trend_summary, self._trend_columns(), sort),
            prepare_records(*self._district_rows(found), None),
        )

    def _trend_columns(self) -> list[Column]:
        return [
            Column(self.tr("Процедура"), lambda s: s.procedure.code),
            Column(self.tr("Школ"), lambda s: str(s.schools), sort_key=lambda s: s.schools, align_right=True),
            Column(
                TREND_TITLES[Trend.POSITIVE].capitalize(),
                lambda s: f"{s.positive} ({format_percent(s.positive_share)})",
                sort_key=lambda s: s.positive_share,
            ),
            Column(
                self.tr("Отрицательная"),
                lambda s: f"{s.negative} ({format_percent(s.negative_share)})",
                sort_key=lambda s: s.negative_share,
                highlighted=lambda s: (s.negative_share or 0) >= 50,
            ),
        ]

    def _district_rows(self, found: Dynamics) -> tuple[list[tuple[str, list[str]]], list[Column]]:
        """Seed 003's table 3 for the last four years: a district's schools per year, then the totals."""
        years = found.years[-4:]
        rows = [
            (
                row.district,
                ["\n".join(s.short_name for s in row.by_year.get(one, [])) or "—" for one in years],
            )
            for row in found.districts_flagged
            if any(row.by_year.get(y) for y in years)
        ]
        totals = [str(sum(len(row.by_year.get(one, [])) for row in found.districts_flagged)) for one in years]
        rows.append((self.tr("Всего ОО"), totals))
        columns = [Column(self.tr("Район"), lambda r: r[0])]
        columns += [
            Column(str(one), lambda r, column=column: r[1][column]) for column, one in enumerate(years)
        ]
        return rows, columns

    def _show(self, screen: DynamicsScreen) -> None:
        change = screen.dynamics.change
        self.change_label.setText("\n".join(change_text(change)))
        for title, label, model, logins, texts in zip(
            (self.tr("Вошли"), self.tr("Вышли"), self.tr("Остались")),
            (self.entered_title, self.left_title, self.stayed_title),
            (self.entered_model, self.left_model, self.stayed_model),
            (change.entered, change.left, change.stayed),
            screen.lists,
            strict=True,
        ):
            label.setText(f"<b>{title} ({len(logins)})</b>")
            model.setStringList(texts)
        self.trend_model.set_prepared(screen.trends)
        fit_columns(self.trend_table, self.trend_model)
        self.district_model.set_prepared(screen.districts)
        fit_columns(self.district_table, self.district_model)
