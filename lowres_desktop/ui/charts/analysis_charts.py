"""pyqtgraph widgets that draw the plain series of domain/chart_series.py.

Large fonts, white background, a legend and fixed 0–100 axes for shares:
inspectors project these at meetings and paste the PNG into reports. The
colours come with the series, so a category looks the same everywhere.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QRectF, QSizeF, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QTextOption
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lowres_desktop.domain.chart_series import BarChart, CategoryYear, LineChart
from lowres_desktop.files.atomic import atomic_path
from lowres_desktop.services.chart_series import category_color, text_on
from lowres_desktop.wording.analysis import categories_text

TEXT_COLOR = "#202020"
NO_DATA_COLOR = "#f2f2f2"
"""A year without results: paler than «нет категории», so it does not read as a category."""
FONT_POINTS = 12
TITLE_POINTS = FONT_POINTS + 3
SMALLEST_LEGEND_POINTS = 9
BESIDE_PLOT_SHARE = 0.6
"""The least of a chart's width the plot keeps when the legend stands beside it."""
LEGEND_MARGIN = 10
CENTERED = QTextOption(Qt.AlignmentFlag.AlignCenter)
EDGE_LABEL_OVERHANG = 30
"""Pixels an axis label may stand past the plot's edge (half of «2024» at `FONT_POINTS`)."""
TITLE_LINE_HEIGHT = 30
"""pyqtgraph's own height of the title row, for one line."""


_GENERIC_WORDS = {"район", "муниципальный", "городской", "округ", "город", "г.", "мо", "го", "поселение"}


def _wrapped(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` in lines no wider than `width` where its words allow (a longer word stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _every(indexes: list[int], step: int) -> list[int]:
    """Every `step`-th of `indexes` from the first, and always the last (the latest year).

    The one before the last goes when it would stand closer to it than `step`.
    """
    if step <= 1 or len(indexes) <= 2:
        return indexes
    kept = indexes[::step]
    if kept[-1] != indexes[-1]:
        if len(kept) > 1 and indexes[-1] - kept[-1] < step:
            kept.pop()
        kept.append(indexes[-1])
    return kept


def _short(label: str) -> str:
    """A crowded axis's label: the name's own word, not «район» or «муниципальный округ».

    «Беловский муниципальный округ» → «Беловский», «г. Кемерово» → «Кемерово»,
    «Район 7» → «7»; a long word is cut to eight letters and a dot.
    """
    bare = [w.strip('"«»()') for w in label.split()]
    words = [w for w in bare if w and w.lower() not in _GENERIC_WORDS] or [w for w in bare if w] or [""]
    short = words[0]
    for word in words[1:]:
        if len(short) >= 4:
            break
        short += " " + word
    return short if len(short) <= 10 else short[:8] + "."


class _Axis(pg.AxisItem):
    """Ticks at whole numbers named by `labels` (years or districts), never «2018.5»."""

    def __init__(self, labels: list[str], orientation: str = "bottom") -> None:
        super().__init__(orientation=orientation)
        self._labels = labels
        # The first and last labels stand half over the plot's edges: hidden by default,
        # a narrow chart lost its first and last years.
        self.setStyle(hideOverlappingLabels=EDGE_LABEL_OVERHANG)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        # Long names (districts) would run into each other: their first word, shortened, tells
        # them apart, and every other one goes on a second line.
        texts = []
        for value in values:
            index = round(value)
            label = self._labels[index] if 0 <= index < len(self._labels) else ""
            if self.crowded:
                label = self._fitted(_short(label))
                label = "\n" + label if index % 2 else label
            texts.append(label)
        return texts

    def _fitted(self, label: str) -> str:
        """`label` cut (with a dot) to the two ticks' room it has on its line of the axis.

        At 1024 px wide the dashboard's districts chart is 340 px: «Заводской», «Куйбышев.»
        and «Новокузн.» ran into each other.
        """
        room = 2 * self.width() / max(len(self._labels), 1) - 8
        metrics = QFontMetrics(self.style["tickFont"] or self.font())
        while len(label) > 3 and metrics.horizontalAdvance(label) > room:
            label = label.rstrip(".")[:-1] + "."
        return label

    @property
    def crowded(self) -> bool:
        return sum(len(label) for label in self._labels) > 60

    def set_labels(self, labels: list[str]) -> None:
        self._labels = labels
        self.setHeight(None if not self.crowded else 2 * QFontMetrics(self.font()).height() + 12)
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        shown = [i for i in range(len(self._labels)) if minVal - 0.5 <= i <= maxVal + 0.5]
        step = 1 if self.crowded or maxVal <= minVal else self._step(size / (maxVal - minVal))
        return [(float(step), [float(i) for i in _every(shown, step)])]

    def _step(self, pixels_per_tick: float) -> int:
        """Every how many labels one is shown so that they keep a gap of a digit and a half.

        At 1024 px wide the dashboard's charts are 340 px: seven years stood 5 px apart and
        read as one number. (Districts are never skipped: they go on two lines instead.)
        """
        metrics = QFontMetrics(self.style["tickFont"] or self.font())
        widest = max((metrics.horizontalAdvance(label) for label in self._labels), default=0)
        room = widest + 1.5 * metrics.horizontalAdvance("0")
        return max(1, math.ceil(room / pixels_per_tick)) if pixels_per_tick > 0 else 1


class ChartWidget(QWidget):
    """One plot with a title, a legend beside it and PNG export."""

    LEGEND_COLUMNS = 4
    BELOW_SHARE = 0.3
    """The most of the chart's height a legend under the plot may take."""

    def __init__(self, labels: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.axis = _Axis(labels or [])
        self.plot: pg.PlotItem = self.view.addPlot(row=0, col=0, axisItems={"bottom": self.axis})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(x=False, y=True, alpha=0.3)
        font = QFont()
        font.setPointSize(FONT_POINTS)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(TEXT_COLOR))
            axis.setTextPen(pg.mkPen(TEXT_COLOR))
            axis.setStyle(tickFont=font)
        self.legend = pg.LegendItem(
            labelTextColor=TEXT_COLOR, labelTextSize=f"{FONT_POINTS}pt", colCount=self.LEGEND_COLUMNS
        )
        self.view.addItem(self.legend, row=1, col=0)
        self.legend_beside = False
        self._title = ""
        self._refill = QTimer(self)
        self._refill.setSingleShot(True)
        self._refill.setInterval(0)
        self._refill.timeout.connect(self._fill_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def _reset(self, title: str, y_label: str, labels: list[str]) -> None:
        self.plot.clear()
        self.legend.clear()
        self.axis.set_labels(labels)
        self._title = title
        self._fit_title()
        self.plot.setLabel("left", y_label, color=TEXT_COLOR, size=f"{FONT_POINTS}pt")

    def _level(self, label: str, value: float, color: str) -> None:
        line = pg.InfiniteLine(
            pos=value,
            angle=0,
            movable=False,
            pen=pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine),
            label=label,
            labelOpts={"position": 0.02, "color": color, "anchors": [(0, 1), (0, 1)]},
        )
        self.plot.addItem(line)

    def _fit_legend(self) -> None:
        """The legend where it leaves the plot the most room, at the largest size that does.

        Under the plot it takes `LEGEND_COLUMNS` columns where they fit the chart's width,
        else fewer: a legend wider than its chart widens the whole plot past the widget,
        which then shows only its left part (the dashboard's districts chart with «прочие
        ШНОР»). Under the plot it may take at most `BELOW_SHARE` of the chart's height:
        on the school card at 1366×768 a legend of nine procedures under the plot left
        the lines 80 px of height. Failing that, it stands beside the plot in one column
        if the plot keeps `BESIDE_PLOT_SHARE` of the width, else under it at its smallest.
        """
        width, height = self.view.width(), self.view.height()
        for points in range(FONT_POINTS, SMALLEST_LEGEND_POINTS - 1, -1):
            self._legend_size(points)
            legend = self._columns_within(width - 2 * LEGEND_MARGIN)
            if legend.height() <= self.BELOW_SHARE * height:
                self._place_legend(beside=False)
                return
        for points in range(FONT_POINTS, SMALLEST_LEGEND_POINTS - 1, -1):
            self._legend_size(points)
            self.legend.setColumnCount(1)
            legend = self._legend_hint()
            beside = legend.width() + 2 * LEGEND_MARGIN
            if legend.height() <= height - 2 * LEGEND_MARGIN and beside <= (1 - BESIDE_PLOT_SHARE) * width:
                self._place_legend(beside=True)
                return
        self._legend_size(SMALLEST_LEGEND_POINTS)
        self._columns_within(width - 2 * LEGEND_MARGIN)
        self._place_legend(beside=False)

    def _legend_hint(self) -> QSizeF:
        return self.legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)

    def _columns_within(self, available: int) -> QSizeF:
        """As many of `LEGEND_COLUMNS` columns as fit `available`; the legend's size then."""
        for columns in range(self.LEGEND_COLUMNS, 0, -1):
            self.legend.setColumnCount(columns)
            legend = self._legend_hint()
            if legend.width() <= available:
                break
        return legend

    def _legend_size(self, points: int) -> None:
        """Labels at `points` (LegendItem.setLabelTextSize only stores the size for new labels)."""
        size = f"{points}pt"
        if self.legend.labelTextSize() != size:
            self.legend.setLabelTextSize(size)
            for _sample, label in self.legend.items:
                label.setText(label.text, size=size)
            self.legend.updateSize()

    def _place_legend(self, beside: bool) -> None:
        """The legend in the view's layout beside the plot (top-aligned) or under it."""
        if beside != self.legend_beside:
            self.view.ci.removeItem(self.legend)
            row, col = (0, 1) if beside else (1, 0)
            self.view.addItem(self.legend, row=row, col=col)
            alignment = Qt.AlignmentFlag.AlignTop if beside else Qt.AlignmentFlag.AlignHCenter
            self.view.ci.layout.setAlignment(self.legend, alignment)
            self.legend_beside = beside
        self._fit_title()

    @Slot()
    def _fill_view(self) -> None:
        """Plot and legend laid out over the view again, now that they may be narrower.

        The view sizes them only when it is resized itself, and never below their minimum
        then: laid out while the title or legend was still wide, they would stay that wide.
        Run from the event loop, once pyqtgraph's layouts have passed the new minimum up; the
        minimums they cached are dropped first (a page that gained a vertical scroll bar after
        its charts were laid out left one 3 px past its widget, clamped to the old minimum).
        """
        self.plot.updateGeometry()
        self.view.ci.updateGeometry()
        self.view.ci.setGeometry(QRectF(self.view.rect()))

    def _fit_title(self) -> None:
        """The title at the largest size that fits over the plot, on more lines if even the smallest does not.

        Like a wide legend, a title wider than the plot widens the whole plot past the widget,
        which then shows only its left part (the dashboard's first chart at 1280×720).
        """
        # The label draws its text inside the margins of its document: without them a title that
        # measured 300 px of a 300 px plot was 304 px and pushed the plot past the widget.
        margin = self.plot.titleLabel.item.document().documentMargin()
        available = self.view.width() - self.plot.getAxis("left").width() - 2 * LEGEND_MARGIN - 2 * margin
        if self.legend_beside:
            available -= int(self._legend_hint().width()) + LEGEND_MARGIN
        font = QFont()
        for points in range(TITLE_POINTS, FONT_POINTS - 1, -1):
            font.setPointSize(points)
            lines = _wrapped(self._title, QFontMetrics(font), available)
            if len(lines) == 1:
                break
        self.plot.setTitle(
            "<br>".join(html.escape(line) for line in lines), color=TEXT_COLOR, size=f"{points}pt"
        )
        height = max(TITLE_LINE_HEIGHT, len(lines) * QFontMetrics(font).lineSpacing() + 10)
        self.plot.titleLabel.setMaximumHeight(height)
        self.plot.layout.setRowFixedHeight(0, height)
        self._refill.start()

    def title(self) -> str:
        """The chart's title as the series named it (the plot shows it wrapped to its width)."""
        return self._title

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def legend_labels(self) -> list[str]:
        return [label.text.replace("<br>", " ") for _sample, label in self.legend.items]

    def save_png(self, path: Path, width: int = 1600) -> None:
        exporter = ImageExporter(self.view.scene())
        exporter.parameters()["width"] = width
        with atomic_path(Path(path)) as temporary:
            exporter.export(str(temporary))


class LineChartWidget(ChartWidget):
    """Values by year, a line per series; dashed lines are municipal averages."""

    LEGEND_COLUMNS = 3
    """Two line charts stand side by side on the school card: a narrower legend keeps both whole."""

    def set_chart(self, chart: LineChart) -> None:
        labels = [str(year) for year in chart.years]
        self._reset(chart.title, chart.y_label, labels)
        position = {year: index for index, year in enumerate(chart.years)}
        for line in chart.lines:
            xs = [position[year] for year, _v in line.points if year in position]
            ys = [value for year, value in line.points if year in position]
            style = Qt.PenStyle.DashLine if line.dashed else Qt.PenStyle.SolidLine
            item = self.plot.plot(
                xs,
                ys,
                pen=pg.mkPen(line.color, width=2 if line.dashed else 3, style=style),
                symbol=None if line.dashed else "o",
                symbolSize=9,
                symbolBrush=line.color,
                symbolPen=pg.mkPen("w", width=1),
            )
            if not line.dashed:
                self.legend.addItem(item, line.label)
        if any(line.dashed for line in chart.lines):
            sample = self.plot.plot([], [], pen=pg.mkPen("#555555", width=2, style=Qt.PenStyle.DashLine))
            # On two lines: on one it is the widest entry, and a narrow chart's legend
            # would fall back to one column taller than the plot (the school card at 1024 px).
            self.legend.addItem(sample, self.tr("пунктир — среднее<br>по муниципалитету"))
        for level in chart.levels:
            self._level(level.label, level.value, level.color)
        self.plot.setXRange(-0.4, max(len(labels) - 0.6, 0.6), padding=0)
        self.plot.setYRange(0, chart.y_max, padding=0.02)
        self._fit_legend()


class BarChartWidget(ChartWidget):
    """Bars per group (year or district), side by side or stacked, with target lines."""

    def set_chart(self, chart: BarChart) -> None:
        self._reset(chart.title, chart.y_label, chart.groups)
        count = max(len(chart.bars), 1)
        width = 0.8 if chart.stacked else 0.8 / count
        base = [0.0] * len(chart.groups)
        top = 0.0
        for number, bars in enumerate(chart.bars):
            if chart.stacked:
                xs = list(range(len(chart.groups)))
            else:
                xs = [i - 0.4 + width * (number + 0.5) for i in range(len(chart.groups))]
            item = pg.BarGraphItem(
                x=xs,
                height=bars.values,
                y0=base if chart.stacked else 0,
                width=width,
                brush=bars.color,
                pen=pg.mkPen("w", width=1),
            )
            self.plot.addItem(item)
            self.legend.addItem(item, bars.label)
            if chart.stacked:
                base = [b + v for b, v in zip(base, bars.values, strict=True)]
                top = max([top, *base])
            else:
                top = max([top, *bars.values])
        for level in chart.levels or []:
            self._level(level.label, level.value, level.color)
            top = max(top, level.value)
        # Long group names need room beyond the outer bars, or the axis drops their labels.
        margin = 1.0 if self.axis.crowded else 0.6
        self.plot.setXRange(-margin, max(len(chart.groups) - 1 + margin, 0.6), padding=0)
        self.plot.setYRange(0, chart.y_max if chart.y_max is not None else max(top * 1.15, 1.0), padding=0)
        self._fit_legend()


class CategoryStripWidget(ChartWidget):
    """A school's categories year by year: one coloured block per year, the category written in it."""

    BLOCK_WIDTH = 0.92
    SMALLEST_WORDS_POINTS = 8
    BELOW_SHARE = 0.15
    """The blocks are what the strip shows: even a one-line legend under them halved them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._words: list[pg.TextItem] = []

    def set_years(self, years: list[CategoryYear], title: str) -> None:
        self._reset(title, "", [str(one.year) for one in years])
        self._words = []
        self.plot.getAxis("left").setStyle(showValues=False)
        seen: set[str] = set()
        for index, one in enumerate(years):
            color = category_color(one.main) if one.has_results else NO_DATA_COLOR
            item = pg.BarGraphItem(
                x=[index], height=[1], width=self.BLOCK_WIDTH, brush=color, pen=pg.mkPen("w")
            )
            self.plot.addItem(item)
            words = categories_text(one.categories) if one.has_results else self.tr("нет данных")
            text = pg.TextItem(words, color=text_on(color, TEXT_COLOR), anchor=(0.5, 0.5))
            font = QFont()  # the application's family: QFont("") falls back to a serif one
            font.setPointSize(FONT_POINTS - 1)
            text.setFont(font)
            text.setPos(index, 0.5)
            self.plot.addItem(text)
            self._words.append(text)
            if not one.has_results:
                name = self.tr("нет результатов за год")
            else:
                name = categories_text(frozenset({one.main})) if one.main else self.tr("нет категории")
            if name not in seen:
                seen.add(name)
                self.legend.addItem(item, name)
        self.plot.setXRange(-0.6, max(len(years) - 0.4, 0.6), padding=0)
        self.plot.setYRange(0, 1, padding=0.05)
        self._fit_legend()

    @Slot()
    def _fill_view(self) -> None:
        super()._fill_view()
        self._fit_words()

    def _fit_words(self) -> None:
        """Each block's words inside it: smaller where the block is narrow, on two lines if need be.

        «стабильно высокие» ran over the next year's block on a school card 1280 px wide.
        """
        low, high = self.plot.vb.viewRange()[0]
        block = self.plot.vb.width() * self.BLOCK_WIDTH / max(high - low, 1.0) - 6
        font = QFont()
        for text in self._words:
            words = text.toPlainText()
            for points in range(FONT_POINTS - 1, self.SMALLEST_WORDS_POINTS - 1, -1):
                font.setPointSize(points)
                if QFontMetrics(font).horizontalAdvance(words) <= block:
                    break
            text.setFont(font)
            text.setTextWidth(block if QFontMetrics(font).horizontalAdvance(words) > block else -1)
            # Wrapped words stand in the middle of their block, as one line does.
            text.textItem.document().setDefaultTextOption(CENTERED)
