"""The school card: the picker, the school's details, one curve per procedure, the threshold."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from lowres_desktop.services.browse import school_card
from lowres_desktop.services.chart_series import CATEGORY_COLORS, NO_CATEGORY_COLOR, text_on
from lowres_desktop.ui.views.school_card_view import SchoolCardView


def _view(qtbot, db) -> SchoolCardView:  # type: ignore[no-untyped-def]
    view = SchoolCardView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.refresh(db)
    return view


def _solid_curves(chart) -> list[pg.PlotDataItem]:  # type: ignore[no-untyped-def]
    return [
        item
        for item in chart.plot.listDataItems()
        if isinstance(item, pg.PlotDataItem) and item.opts["pen"].style() == Qt.PenStyle.SolidLine
    ]


def test_shows_the_school_and_one_curve_per_procedure(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    view.show_school("sch426100")
    assert view.current_login() == "sch426100"
    assert view.full_name.text() == "МБОУ «ООШ № 23»"
    assert view.login.text() == "sch426100"
    assert view.kind.text() == "ООШ"
    assert view.district.text() == "Новокузнецк"
    card = school_card(seed_db, "sch426100")
    assert card is not None
    procedures = sorted({r.procedure for r in card.results})
    assert len(procedures) == 6  # an ООШ has no ЕГЭ
    curves = _solid_curves(view.charts.low_chart)
    assert view.charts.low_chart.legend_labels() == [
        *(p.code for p in procedures),
        "пунктир — среднее по муниципалитету",
    ]
    for curve, procedure in zip(curves, procedures, strict=True):
        _xs, ys = curve.getData()
        expected = [r.pct_low for r in card.results if r.procedure == procedure and r.pct_low is not None]
        assert ys.tolist() == expected
    colours = {curve.opts["pen"].color().name() for curve in curves}
    assert len(colours) == len(curves)
    assert view.charts.caption.text().startswith("ООШ № 23 · Профиль «")


def test_city_means_are_dashed_and_high_results_have_their_own_chart(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    view.show_school("sch420220")
    dashed = [
        item
        for item in view.charts.low_chart.plot.listDataItems()
        if item.opts["pen"].style() == Qt.PenStyle.DashLine
        and item.getData()[0] is not None
        and len(item.getData()[0]) > 0
    ]
    assert len(dashed) == len(_solid_curves(view.charts.low_chart)) == 8
    assert len(_solid_curves(view.charts.high_chart)) == 8


def test_threshold_is_a_dashed_labelled_line_at_30(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    (line,) = [i for i in view.charts.low_chart.plot.items if isinstance(i, pg.InfiniteLine)]
    assert line.value() == 30 and line.angle == 0
    assert line.pen.style() == Qt.PenStyle.DashLine
    assert line.label.toPlainText().replace("\u00a0", " ") == "порог 30 %"
    y_low, y_high = view.charts.low_chart.plot.viewRange()[1]
    assert y_low <= 0 and 100 <= y_high < 105


def test_results_table_has_a_row_per_procedure_and_a_column_per_year(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    view.show_school("sch426100")
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Процедура", "Наименование", "% «2» 2018", "% «2» 2019"]
    codes = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert codes == ["ВПР МА 5", "ВПР МА 6", "ВПР РУ 5", "ВПР РУ 6", "ОГЭ МА", "ОГЭ РУ"]
    vpr_ma6_2019 = view.model.index(1, 3)
    assert vpr_ma6_2019.data() == "45"
    assert vpr_ma6_2019.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert view.model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole) is None


def test_picker_completes_on_names_and_logins(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    assert view.picker.count() == 15
    completer = view.picker.completer()
    completer.setCompletionPrefix("423400")
    assert completer.completionCount() == 1
    assert completer.currentCompletion().endswith("sch423400")
    completer.setCompletionPrefix("сош № 6")
    assert completer.completionCount() >= 1
    view.picker.setCurrentIndex(view.picker.find_login("sch423400"))
    assert view.login.text() == "sch423400"
    assert view.charts.caption.text().startswith("СОШ № 65")


def test_empty_database_draws_nothing(qtbot, empty_db) -> None:
    view = _view(qtbot, empty_db)
    assert view.current_login() is None
    assert view.charts.low_chart.plot.listDataItems() == []
    assert view.charts.caption.text().startswith("Школ в базе нет")


def test_category_names_are_white_on_dark_blocks_and_dark_on_light_ones(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    view.show_school("sch426100")
    strip = view.charts.strip_chart.plot
    blocks = {
        round(float(item.opts["x"][0])): item.opts["brush"]
        for item in strip.items
        if isinstance(item, pg.BarGraphItem)
    }
    texts = [item for item in strip.items if isinstance(item, pg.TextItem)]
    assert texts
    shown = set()
    for text in texts:
        background = pg.mkBrush(blocks[round(text.pos().x())]).color()
        colour = text.color.name()
        shown.add((background.name(), colour))
    # In the seed this school is ШНОР (red block: white text) in some years and has no category
    # (grey block: dark text) in others.
    assert shown == {("#d62728", "#ffffff"), ("#c8c8c8", "#202020")}


def test_every_category_colour_gets_a_readable_text_colour() -> None:
    assert {color: text_on(color, "#202020") for color in [*CATEGORY_COLORS.values(), NO_CATEGORY_COLOR]} == {
        "#7f0000": "#ffffff",
        "#d62728": "#ffffff",
        "#ff9f1c": "#202020",
        "#2ca02c": "#202020",
        "#c8c8c8": "#202020",
    }
