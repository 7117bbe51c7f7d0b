"""A line chart of one measure by year, a line per procedure, with the threshold dashed.

Fed the plain `Series` that the services compute, so the same numbers can be
drawn in documents too. White background and thick lines because inspectors
project it in meetings and paste it into reports (PNG: pyqtgraph's SVG
export is broken on PySide6 6.11–6.12).
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lowres_desktop.services.browse import Series
from lowres_desktop.services.wording import format_percent

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79",
)
"""Distinct on a projector; red is left to the threshold."""

THRESHOLD_COLOR = "#c00000"
TEXT_COLOR = "#202020"


class YearAxis(pg.AxisItem):
    """Whole years only: «2018», never «2018.5» or «2.018e3»."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [str(round(value)) for value in values]


class SeriesChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = pg.GraphicsLayoutWidget()
        self._view.setBackground("w")
        year_axis = YearAxis(orientation="bottom")
        year_axis.setTickSpacing(major=1, minor=1)
        self._plot: pg.PlotItem = self._view.addPlot(row=0, col=0, axisItems={"bottom": year_axis})
        self._plot.setMenuEnabled(False)
        self._plot.hideButtons()
        self._plot.setMouseEnabled(x=False, y=False)
        self._plot.showGrid(x=True, y=True, alpha=0.3)
        for name in ("left", "bottom"):
            axis = self._plot.getAxis(name)
            axis.setPen(pg.mkPen(TEXT_COLOR))
            axis.setTextPen(pg.mkPen(TEXT_COLOR))
        self._plot.getAxis("left").setTickSpacing(major=10, minor=10)
        # Beside the plot rather than over it, so no line is ever hidden behind the legend.
        self._legend = pg.LegendItem(labelTextColor=TEXT_COLOR, labelTextSize="10pt", frame=False)
        self._view.addItem(self._legend, row=0, col=1)
        self._view.ci.layout.setAlignment(self._legend, Qt.AlignmentFlag.AlignTop)
        self._curves: list[pg.PlotDataItem] = []
        self._threshold: pg.InfiniteLine | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)

    def set_series(
        self, series: list[Series], threshold: float | None, y_label: str, x_label: str
    ) -> None:
        """Draw `series` (values in %, 0–100) and the threshold line when one is given."""
        self._plot.clear()
        self._legend.clear()
        self._curves = []
        self._threshold = None
        self._plot.setLabel("left", y_label, color=TEXT_COLOR)
        self._plot.setLabel("bottom", x_label, color=TEXT_COLOR)
        for number, one in enumerate(series):
            color = PALETTE[number % len(PALETTE)]
            years = [year for year, _value in one.points]
            values = [value for _year, value in one.points]
            curve = self._plot.plot(
                years,
                values,
                pen=pg.mkPen(color, width=3),
                symbol="o",
                symbolSize=9,
                symbolBrush=color,
                symbolPen=pg.mkPen("w", width=1),
            )
            self._legend.addItem(curve, one.procedure.code)
            self._curves.append(curve)
        self._fit_legend()
        if threshold is not None:
            self._threshold = pg.InfiniteLine(
                pos=threshold,
                angle=0,
                movable=False,
                pen=pg.mkPen(THRESHOLD_COLOR, width=2, style=Qt.PenStyle.DashLine),
                label=self.tr("порог {value}").format(value=format_percent(threshold)),
                labelOpts={"position": 0.03, "color": THRESHOLD_COLOR, "anchors": [(0, 1), (0, 1)]},
            )
            self._plot.addItem(self._threshold)
        years = sorted({year for one in series for year, _value in one.points})
        if years:
            self._plot.setXRange(years[0] - 0.4, years[-1] + 0.4, padding=0)
        self._plot.setYRange(0, 100, padding=0.02)

    def _fit_legend(self) -> None:
        """Keep the legend at its natural size: stretched, its rows drift apart from their lines."""
        hint = self._legend.layout.preferredSize()
        self._legend.setFixedWidth(max(hint.width(), 1.0))
        self._legend.setFixedHeight(max(hint.height(), 1.0))

    def curves(self) -> list[pg.PlotDataItem]:
        return list(self._curves)

    def threshold_line(self) -> pg.InfiniteLine | None:
        return self._threshold

    def y_range(self) -> tuple[float, float]:
        low, high = self._plot.viewRange()[1]
        return (low, high)

    def legend_labels(self) -> list[str]:
        return [label.text for _sample, label in self._legend.items]

    def save_png(self, path: Path, width: int = 1600) -> None:
        """A PNG wide enough for a projector or a printed page."""
        exporter = ImageExporter(self._view.scene())
        exporter.parameters()["width"] = width
        exporter.export(str(path))
