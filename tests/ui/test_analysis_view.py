"""The «Анализ» page: profile dialog with live preview, categories, dynamics, heat map, charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt

from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.chart_series import BarChart, Bars
from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.domain.records import ProcedureKind
from lowres_desktop.services.dynamics import dynamics_for_year
from lowres_desktop.services.objectivity import objectivity_for_year
from lowres_desktop.services.rule_profiles import list_profiles
from lowres_desktop.services.school_profiles import school_profile
from lowres_desktop.ui.charts.analysis_charts import BarChartWidget, _short
from lowres_desktop.ui.dialogs.rule_profile_dialog import RuleProfileDialog
from lowres_desktop.ui.dialogs.school_profile_dialog import OfficialStatusDialog, SchoolProfileDialog
from lowres_desktop.ui.models.heat_map_model import FIXED_COLUMNS
from lowres_desktop.ui.views.analysis_view import AnalysisView, Tab
from lowres_desktop.wording.analysis import SIGN_TITLES, sign_text
from tests.ui.qt_helpers import app_context, wait_writes


def _cells(model: QAbstractItemModel) -> list[tuple[str, ...]]:
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())
    ]


def _view(qtbot, db, tab: int = Tab.DASHBOARD) -> AnalysisView:  # type: ignore[no-untyped-def]
    view = AnalysisView(app_context(qtbot, db))
    qtbot.addWidget(view)
    view.resize(1500, 950)
    view.show()
    view.tabs.setCurrentIndex(tab)
    view.refresh(db)
    return view


def test_every_tab_names_the_profile_and_year(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db)
    assert view.scope_bar.years.year() == 2024
    assert (
        view.caption.text() == f"2024 г. · Профиль «{default_profile().name}» "
        f"(приказ КОиН г. Новокузнецка от 09.12.2020 № 1351), отпечаток {default_profile().fingerprint()}"
    )
    assert view.dashboard_tab.share_chart.plot.titleLabel.text == "Доля ШНОР от числа школ с результатами"
    assert view.dashboard_tab.category_chart.legend_labels() == [
        "УНОР",
        "ШНОР",
        "группа риска",
        "стабильно высокие",
    ]
    assert (
        view.heat_map_tab.model.rowCount() == 0 and view.categories_tab.model.rowCount() == 0
    )  # read when shown
    view.tabs.setCurrentIndex(Tab.SCHOOL)
    assert "Профиль «" in view.school_tab.panel.caption.text()
    assert view.categories_tab.model.rowCount() > 0  # the charts show the first flagged school
    view.tabs.setCurrentIndex(Tab.HEAT_MAP)
    assert view.heat_map_tab.model.rowCount() == 100


def test_the_profile_dialog_answers_what_if_at_once(qtbot, demo_db) -> None:
    context = app_context(qtbot, demo_db)
    dialog = RuleProfileDialog(context, 2024, default_profile())
    qtbot.addWidget(dialog)
    assert dialog.name.text().endswith("(копия)")
    assert "сейчас — 7" in dialog.preview_label.text() and dialog.entered.count() == 0
    dialog.thresholds[ProcedureKind.VPR].setValue(25.0)
    assert dialog.entered.count() > 0 and dialog.left.count() == 0
    assert "Будет выявлено" in dialog.preview_label.text()
    assert "из 100 ОО, по которым есть результаты за 2023–2024 годы" in dialog.preview_label.text()
    dialog.thresholds[ProcedureKind.VPR].setValue(45.0)
    assert dialog.left.count() > 0 and dialog.entered.count() == 0
    dialog.procedures.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.min_participants.setValue(20)
    dialog.thresholds[ProcedureKind.EGE].setValue(20.0)
    dialog.name.setText("Кузбасс, приказ № 1721 от 23.10.2020")
    dialog.buttons.accepted.emit()
    wait_writes(qtbot, context)
    saved = list_profiles(demo_db).current
    assert saved.name == "Кузбасс, приказ № 1721 от 23.10.2020"
    assert saved.threshold(ProcedureKind.EGE) == 20.0 and saved.default_threshold == 45.0
    assert saved.min_participants == 20 and saved.procedures is not None
    dialog.name.setText("")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    assert "название" in dialog.preview_label.text()


def test_a_profile_s_procedures_without_results_here_stay_in_the_profile(qtbot, demo_db) -> None:
    from dataclasses import replace

    from lowres_desktop.domain.records import ProcedureKey

    niko = ProcedureKey(ProcedureKind.NIKO, "МА", 4)
    region = replace(default_profile(), name="Область", procedures=frozenset({niko}))
    dialog = RuleProfileDialog(app_context(qtbot, demo_db), 2024, region)
    qtbot.addWidget(dialog)
    assert dialog.draft().procedures == frozenset({niko})


def test_categories_show_official_status_disagreement_and_reasons(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, Tab.CATEGORIES)
    view.scope_bar.years.select_year(2019)
    rows = view.categories_tab.model.records()
    assert rows and all(r.computed.categories or r.official for r in rows)
    view.categories_tab.choice.setCurrentIndex(view.categories_tab.choice.findData("disagree"))
    disagreeing = view.categories_tab.model.records()
    assert disagreeing and all(r.disagrees for r in disagreeing)
    view.categories_tab.table.selectRow(0)
    assert "ШНОР" in view.categories_tab.reasons.toPlainText()
    assert "различаются" in view.categories_tab.reasons.toPlainText()
    login = view.categories_tab.selected_row().school.login  # type: ignore[union-attr]
    status = OfficialStatusDialog(view.context, login, "школа", 2019)
    qtbot.addWidget(status)
    status.categories[Category.LOW].setChecked(True)
    status.number.setText("1351")
    status._on_buttons_accepted()
    wait_writes(qtbot, view.context)
    view.reload()
    assert login not in {r.school.login for r in view.categories_tab.model.records()}


def test_school_profile_dialog_offers_ranked_mentors(qtbot, demo_db) -> None:
    context = app_context(qtbot, demo_db)
    dialog = SchoolProfileDialog(context, "sch420220", 2024, default_profile())
    qtbot.addWidget(dialog)
    assert len(dialog.types) == 6 and dialog.mentor.count() > 1
    dialog.types[3].setChecked(True)
    dialog.mentor.setCurrentIndex(1)
    dialog._on_buttons_accepted()
    wait_writes(qtbot, context)
    saved = school_profile(demo_db, "sch420220", 2024, default_profile())
    assert saved.profile.problem_types == {3}
    assert saved.mentor is not None and saved.mentor.login == dialog.mentor.itemData(1)


def test_dynamics_tab_lists_entered_left_stayed(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, Tab.DYNAMICS)
    view.scope_bar.years.select_year(2020)
    assert "вышли 9" in view.dynamics_tab.change_label.text()
    lists = (view.dynamics_tab.entered_model, view.dynamics_tab.left_model, view.dynamics_tab.stayed_model)
    assert [m.rowCount() for m in lists] == [1, 9, 10]
    assert [view.dynamics_tab.entered_title.text(), view.dynamics_tab.left_title.text()] == [
        "<b>Вошли (1)</b>",
        "<b>Вышли (9)</b>",
    ]
    found = dynamics_for_year(demo_db, 2020, list_profiles(demo_db).current)
    change = found.change
    for model, logins in zip(lists, (change.entered, change.left, change.stayed), strict=True):
        expected = []
        for school in found.named(logins):
            in_row, total = found.years_on_list.get(school.login, (0, 0))
            expected.append(school.short_name + (f" — {in_row} г. подряд, всего {total}" if in_row else ""))
        assert model.stringList() == expected
    assert any(" г. подряд, всего " in text for text in view.dynamics_tab.stayed_model.stringList())
    assert view.dynamics_tab.trend_model.rowCount() == 8
    years = found.years[-4:]
    districts = [row for row in found.districts_flagged if any(row.by_year.get(y) for y in years)]
    expected_cells = [
        (row.district, *("\n".join(s.short_name for s in row.by_year.get(y, [])) or "—" for y in years))
        for row in districts
    ]
    expected_cells.append(
        ("Всего ОО", *(str(sum(len(r.by_year.get(y, [])) for r in found.districts_flagged)) for y in years))
    )
    assert _cells(view.dynamics_tab.district_model) == expected_cells and len(expected_cells) > 1
    headers = [
        view.dynamics_tab.district_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(len(years) + 1)
    ]
    assert headers == ["Район", *map(str, years)]
    # Rows on screen grow to show every name, wrapped in a narrow column.
    table = view.dynamics_tab.district_table
    tall = next(r for r, cells in enumerate(expected_cells) if "\n" in cells[-1])
    table.setColumnWidth(len(years), 50)
    assert table.sizeHintForRow(tall) > 2 * table.verticalHeader().defaultSectionSize()
    qtbot.waitUntil(lambda: table.rowHeight(tall) == table.sizeHintForRow(tall))


def test_objectivity_tab_lists_every_sign_of_every_school(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, Tab.OBJECTIVITY)
    report = objectivity_for_year(demo_db, 2024, list_profiles(demo_db).current)
    expected = [
        (row.school.short_name, row.school.district or "", SIGN_TITLES[sign.kind], sign_text(sign))
        for row in report.schools
        for sign in row.signs
    ]
    assert _cells(view.objectivity_tab.model) == expected and expected
    assert view.objectivity_tab.label.text().startswith(
        f"2024 г.: признаки необъективности у {len(report.schools)} ОО"
    )
    assert "импортируйте" not in view.objectivity_tab.label.text(), "the demo has comparisons for 2024"
    header = view.objectivity_tab.table.horizontalHeader()
    longest = max(expected, key=lambda row: len(row[3]))[3]
    assert header.sectionSize(3) >= view.objectivity_tab.table.fontMetrics().horizontalAdvance(longest)
    view.objectivity_tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    view.scope_bar.years.select_year(2023)  # the next year's rows keep the order the header shows
    names = [row[0] for row in _cells(view.objectivity_tab.model)]
    assert names == sorted(names, reverse=True)


def test_heat_map_sorts_filters_hovers_and_opens_the_card(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, Tab.HEAT_MAP)
    model = view.heat_map_tab.model
    assert model.rowCount() == 100 and model.columnCount() == FIXED_COLUMNS + 8
    # Rows come by district then name, and no column claims to be sorted.
    districts = [model.row(r).school.district or "" for r in range(model.rowCount())]
    assert districts == sorted(districts)
    assert view.heat_map_tab.table.horizontalHeader().sortIndicatorSection() == -1
    column = FIXED_COLUMNS
    model.sort(column, Qt.SortOrder.DescendingOrder)
    values = [model.row(r).values[0] for r in range(model.rowCount())]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True)
    tip = model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert "ВПР, математика, 5\u00a0класс, 2024: доля «2»" in tip
    model.set_filter("гимназия")
    assert 0 < model.rowCount() < 100
    with qtbot.waitSignal(view.sig_school_activated) as activated:
        view.heat_map_tab.table.clicked.emit(model.index(0, 0))
    assert activated.args == [model.row(0).school.login]
    assert view.school_tab.login == model.row(0).school.login


def test_charts_export_as_png(qtbot, demo_db, tmp_path: Path) -> None:
    view = _view(qtbot, demo_db)
    saved = view.dashboard_tab.save_pngs(tmp_path) + view.school_tab.panel.save_pngs(tmp_path)
    assert len(saved) == 7 and all(p.stat().st_size > 10_000 for p in saved)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Беловский муниципальный округ", "Беловский"),
        ("г. Кемерово", "Кемерово"),
        ('МО "Город Ангарск"', "Ангарск"),
        ("Район 7", "7"),
        ("район не указан", "не указан"),
        ("Новокузнецкий муниципальный район", "Новокузн."),
    ],
)
def test_a_crowded_axis_names_a_district_by_its_own_word(name: str, shown: str) -> None:
    assert _short(name) == shown


def test_a_legend_too_wide_for_its_chart_wraps_instead_of_widening_the_plot(qtbot) -> None:
    bars = [
        Bars(name, [1.0] * 15, color)
        for name, color in (
            ("УНОР", "#7f0000"),
            ("прочие ШНОР", "#d62728"),
            ("группа риска", "#ff9f1c"),
            ("стабильно высокие", "#2ca02c"),
        )
    ]
    widget = BarChartWidget()
    qtbot.addWidget(widget)
    widget.resize(560, 330)
    widget.show()
    widget.set_chart(BarChart("Категории по районам", "число школ", [f"Район {n}" for n in range(15)], bars))
    qtbot.waitUntil(lambda: widget.plot.geometry().width() > 0)
    assert widget.legend.columnCount < BarChartWidget.LEGEND_COLUMNS
    assert widget.plot.geometry().width() <= widget.view.width()
    assert widget.legend.geometry().width() <= widget.view.width()
    widget.resize(1200, 330)
    qtbot.waitUntil(lambda: widget.legend.columnCount == BarChartWidget.LEGEND_COLUMNS)


def test_objectivity_tab_says_where_comparisons_come_from_when_there_are_none(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db, Tab.OBJECTIVITY)
    qtbot.waitUntil(lambda: "признаки необъективности" in view.objectivity_tab.label.text())
    assert view.objectivity_tab.model.rowCount() == 0
    assert "«Сравнение отметок с отметками по журналу» (Файл → Импорт результатов…)" in (
        view.objectivity_tab.label.text()
    )


def test_every_analysis_table_exported_names_the_year_and_profile(qtbot, demo_db, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from lowres_desktop.ui.table_export import attach_table_export
    from lowres_desktop.wording.analysis import profile_title

    view = _view(qtbot, demo_db, Tab.HEAT_MAP)
    other = next(
        i for i, p in enumerate(view.scope_bar.profiles.profiles) if p != view.scope_bar.profiles.current
    )
    view.scope_bar.profile_box.setCurrentIndex(other)
    wait_writes(qtbot, view.context)  # the choice is stored as the current profile
    profile = view.scope_bar.profiles.profiles[other]
    view.scope_bar.years.select_year(2022)
    tables = {
        "heat": view.heat_map_tab.table,
        "categories": view.categories_tab.table,
        "trends": view.dynamics_tab.trend_table,
        "districts": view.dynamics_tab.district_table,
        "objectivity": view.objectivity_tab.table,
    }
    for name, table in tables.items():
        export = attach_table_export(table)
        assert export.proposed_name().endswith(" 2022.xlsx")
        export.export_to(tmp_path / f"{name}.xlsx")
        sheet = load_workbook(tmp_path / f"{name}.xlsx").active
        assert sheet["A1"].value == f"2022 г. · {profile_title(profile)}", name
        assert profile.fingerprint() in sheet["A1"].value
