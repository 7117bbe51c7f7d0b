"""The «Анализ» page: profile dialog with live preview, categories, dynamics, heat map, charts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from lowres_desktop.domain.categories import Category
from lowres_desktop.domain.profiles import default_profile
from lowres_desktop.domain.records import ProcedureKind
from lowres_desktop.services.rule_profiles import list_profiles
from lowres_desktop.services.school_profiles import school_profile
from lowres_desktop.ui.dialogs.rule_profile_dialog import RuleProfileDialog
from lowres_desktop.ui.dialogs.school_profile_dialog import OfficialStatusDialog, SchoolProfileDialog
from lowres_desktop.ui.models.heat_map_model import FIXED_COLUMNS
from lowres_desktop.ui.views.analysis_view import AnalysisView, Tab


def _view(qtbot, db, tab: int = Tab.DASHBOARD) -> AnalysisView:  # type: ignore[no-untyped-def]
    view = AnalysisView()
    qtbot.addWidget(view)
    view.resize(1500, 950)
    view.show()
    view.tabs.setCurrentIndex(tab)
    view.refresh(db)
    return view


def test_every_tab_names_the_profile_and_year(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db)
    assert view.years.year() == 2024
    assert (
        view.caption.text()
        == f"2024 г. · Профиль «{default_profile().name}» (приказ КОиН г. Новокузнецка от 09.12.2020 № 1351)"
    )
    assert view.share_chart.plot.titleLabel.text == "Доля ШНОР от числа школ"
    assert view.category_chart.legend_labels() == ["УНОР", "ШНОР", "группа риска", "стабильно высокие"]
    assert view.heat_model.rowCount() == 0 and view.category_model.rowCount() == 0  # read when shown
    view.tabs.setCurrentIndex(Tab.SCHOOL)
    assert "Профиль «" in view.school_panel.caption.text()
    assert view.category_model.rowCount() > 0  # the charts show the first flagged school
    view.tabs.setCurrentIndex(Tab.HEAT_MAP)
    assert view.heat_model.rowCount() == 100


def test_the_profile_dialog_answers_what_if_at_once(qtbot, demo_db) -> None:
    dialog = RuleProfileDialog(demo_db, 2024, default_profile())
    qtbot.addWidget(dialog)
    assert dialog.name.text().endswith("(копия)")
    assert "сейчас — 7" in dialog.preview_label.text() and dialog.entered.count() == 0
    dialog.thresholds[ProcedureKind.VPR].setValue(25.0)
    assert dialog.entered.count() > 0 and dialog.left.count() == 0
    assert "Будет выявлено" in dialog.preview_label.text()
    dialog.thresholds[ProcedureKind.VPR].setValue(45.0)
    assert dialog.left.count() > 0 and dialog.entered.count() == 0
    dialog.procedures.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.min_participants.setValue(20)
    dialog.thresholds[ProcedureKind.EGE].setValue(20.0)
    dialog.name.setText("Кузбасс, приказ № 1721 от 23.10.2020")
    dialog.buttons.accepted.emit()
    saved = list_profiles(demo_db).current
    assert saved.name == "Кузбасс, приказ № 1721 от 23.10.2020"
    assert saved.threshold(ProcedureKind.EGE) == 20.0 and saved.default_threshold == 45.0
    assert saved.min_participants == 20 and saved.procedures is not None
    dialog.name.setText("")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    assert "название" in dialog.preview_label.text()


def test_categories_show_official_status_disagreement_and_reasons(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, Tab.CATEGORIES)
    view.years.select_year(2019)
    rows = view.category_model.records()
    assert rows and all(r.computed.categories or r.official for r in rows)
    view.category_choice.setCurrentIndex(view.category_choice.findData("disagree"))
    disagreeing = view.category_model.records()
    assert disagreeing and all(r.disagrees for r in disagreeing)
    view.category_table.selectRow(0)
    assert "ШНОР" in view.reasons.toPlainText()
    assert "различаются" in view.reasons.toPlainText()
    login = view._selected_row().school.login  # type: ignore[union-attr]
    status = OfficialStatusDialog(demo_db, login, "школа", 2019)
    qtbot.addWidget(status)
    status.categories[Category.LOW].setChecked(True)
    status.number.setText("1351")
    status._on_buttons_accepted()
    view.reload()
    assert login not in {r.school.login for r in view.category_model.records()}


def test_school_profile_dialog_offers_ranked_mentors(qtbot, demo_db) -> None:
    dialog = SchoolProfileDialog(demo_db, "sch420220", 2024, default_profile())
    qtbot.addWidget(dialog)
    assert len(dialog.types) == 6 and dialog.mentor.count() > 1
    dialog.types[3].setChecked(True)
    dialog.mentor.setCurrentIndex(1)
    dialog._on_buttons_accepted()
    saved = school_profile(demo_db, "sch420220", 2024, default_profile())
    assert saved.profile.problem_types == {3}
    assert saved.mentor is not None and saved.mentor.login == dialog.mentor.itemData(1)


def test_dynamics_tab_lists_entered_left_stayed(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, Tab.DYNAMICS)
    view.years.select_year(2020)
    assert "вышли 9" in view.change_label.text()
    assert (view.entered_list.count(), view.left_list.count(), view.stayed_list.count()) == (1, 9, 10)
    assert view.trend_model.rowCount() == 8
    assert view.district_table.rowCount() > 1


def test_heat_map_sorts_filters_hovers_and_opens_the_card(qtbot, demo_db) -> None:
    view = _view(qtbot, demo_db, Tab.HEAT_MAP)
    model = view.heat_model
    assert model.rowCount() == 100 and model.columnCount() == FIXED_COLUMNS + 8
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
        view._on_heat_table_clicked(model.index(0, 0))
    assert activated.args == [model.row(0).school.login]
    assert view.school_login == model.row(0).school.login


def test_charts_export_as_png(qtbot, demo_db, tmp_path: Path) -> None:
    view = _view(qtbot, demo_db)
    saved = view.save_dashboard(tmp_path) + view.school_panel.save_pngs(tmp_path)
    assert len(saved) == 7 and all(p.stat().st_size > 10_000 for p in saved)
