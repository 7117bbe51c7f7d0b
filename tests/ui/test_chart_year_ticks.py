"""A narrow chart shows fewer years on its axis rather than years that touch, always the first and last.

At 1024 px wide the analysis dashboard's charts are about 340 px: seven years stood 5 px
apart and read as one long number.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from lowres_desktop.domain.chart_series import BarChart, Bars, LineChart
from lowres_desktop.ui.charts.analysis_charts import BarChartWidget, ChartWidget, LineChartWidget

YEARS = [str(year) for year in range(2018, 2025)]


def _bars(qtbot, width: int, groups: list[str]) -> BarChartWidget:  # type: ignore[no-untyped-def]
    widget = BarChartWidget()
    qtbot.addWidget(widget)
    widget.resize(width, 270)
    widget.show()
    widget.set_chart(
        BarChart(
            "Вошли в список и вышли из него",
            "число школ",
            groups,
            [
                Bars("вошли", [float(n % 5) for n in range(len(groups))], "#d62728"),
                Bars("вышли", [float(n % 3) for n in range(len(groups))], "#2ca02c"),
            ],
        )
    )
    qtbot.waitUntil(lambda: widget.plot.vb.width() > 0)
    qtbot.wait(50)
    return widget


def _shown_ticks(widget: ChartWidget) -> tuple[list[str], float]:
    """The labels the bottom axis draws and the smallest gap between two of them, in pixels."""
    axis = widget.axis
    low, high = widget.plot.vb.viewRange()[0]
    length = widget.plot.vb.width()
    [(_spacing, values)] = axis.tickValues(low, high, length)
    labels = axis.tickStrings(values, 1.0, 1.0)
    metrics = QFontMetrics(axis.style["tickFont"])
    per_unit = length / (high - low)
    gaps = [
        (b - a) * per_unit - (metrics.horizontalAdvance(la) + metrics.horizontalAdvance(lb)) / 2
        for a, b, la, lb in zip(values, values[1:], labels, labels[1:], strict=False)
    ]
    return labels, min(gaps, default=float("inf"))


def test_a_dashboard_sized_chart_skips_years_that_would_touch_and_keeps_the_first_and_last(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _bars(qtbot, 340, YEARS)
    labels, gap = _shown_ticks(widget)
    assert labels[0] == "2018" and labels[-1] == "2024"
    assert len(labels) < len(YEARS)
    assert gap >= QFontMetrics(widget.axis.style["tickFont"]).horizontalAdvance("0")


def test_a_wide_chart_shows_every_year(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _bars(qtbot, 900, YEARS)
    assert _shown_ticks(widget)[0] == YEARS


@pytest.mark.parametrize("count", [2, 3, 5, 6, 8, 11])
def test_the_latest_year_is_shown_however_many_years_there_are(qtbot, count: int) -> None:  # type: ignore[no-untyped-def]
    years = list(range(2024 - count + 1, 2025))
    widget = LineChartWidget()
    qtbot.addWidget(widget)
    widget.resize(300, 270)
    widget.show()
    widget.set_chart(LineChart("Доля «2»", "% участников", [], [], years))
    qtbot.waitUntil(lambda: widget.plot.vb.width() > 0)
    qtbot.wait(50)
    labels, gap = _shown_ticks(widget)
    assert labels[0] == str(years[0]) and labels[-1] == "2024"
    assert gap > 0


def test_districts_are_all_named_however_narrow_the_chart(qtbot) -> None:  # type: ignore[no-untyped-def]
    districts = [
        "Заводской",
        "Кузнецкий",
        "Куйбышевский",
        "Новоильинский",
        "Новокузнецкий",
        "Орджоникидзевский",
    ]
    widget = _bars(qtbot, 340, [f"{name} район" for name in districts])
    labels, _gap = _shown_ticks(widget)
    assert len(labels) == len(districts)
