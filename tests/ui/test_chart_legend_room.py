"""A chart's legend leaves its plot the room: smaller, or beside the plot, never most of the chart.

On the school card at 1366×768 a legend of nine procedures stood under a plot left
80 of 270 px; the lines could not be told apart on a projector.
"""

from __future__ import annotations

from lowres_desktop.domain.chart_series import Level, Line, LineChart
from lowres_desktop.ui.charts.analysis_charts import FONT_POINTS, LineChartWidget

YEARS = list(range(2018, 2025))
PROCEDURES = ["ВПР МА 5", "ВПР МА 6", "ВПР РУ 5", "ВПР РУ 6", "ЕГЭ МА", "ЕГЭ РУ", "ОГЭ МА", "ОГЭ РУ"]


def _chart(procedures: list[str]) -> LineChart:
    lines = [
        Line(name, [(year, 10.0 + n + i) for i, year in enumerate(YEARS)], f"#{n * 30:02x}4080")
        for n, name in enumerate(procedures)
    ]
    lines.append(Line("среднее", [(year, 15.0) for year in YEARS], "#555555", dashed=True))
    levels = [Level("порог", 30, "#a00")]
    return LineChart("Доля «2» (не преодолели порог)", "% участников", lines, levels, YEARS)


def _shown(qtbot, procedures: list[str], width: int, height: int) -> LineChartWidget:  # type: ignore[no-untyped-def]
    widget = LineChartWidget()
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    widget.set_chart(_chart(procedures))
    qtbot.waitUntil(lambda: widget.plot.vb.height() > 0)
    qtbot.wait(50)
    return widget


def test_a_school_cards_nine_series_leave_the_plot_most_of_the_chart(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _shown(qtbot, PROCEDURES, 560, 270)
    assert widget.plot.vb.height() >= 0.5 * widget.view.height()
    assert widget.legend.geometry().height() <= widget.view.height()
    assert widget.legend.geometry().right() <= widget.view.width()
    assert widget.plot.geometry().width() <= widget.view.width()
    assert len(widget.legend_labels()) == len(PROCEDURES) + 1


def test_a_legend_that_fits_under_the_plot_stays_there_at_full_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _shown(qtbot, PROCEDURES[:2], 900, 400)
    assert not widget.legend_beside
    assert widget.legend.labelTextSize() == f"{FONT_POINTS}pt"
    assert all(label.opts["size"] == f"{FONT_POINTS}pt" for _sample, label in widget.legend.items)


def test_a_smaller_legend_is_drawn_smaller_not_only_stored(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = _shown(qtbot, PROCEDURES, 560, 270)
    size = widget.legend.labelTextSize()
    assert all(label.opts["size"] == size for _sample, label in widget.legend.items)
    assert f"font-size:{size}" in widget.legend.items[0][1].item.toHtml().replace(" ", "")
