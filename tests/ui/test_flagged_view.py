"""The low-results page: seed 002's fifteen schools for 2019, the rule, the reasons."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from lowres_desktop.ui.views.flagged_view import FlaggedView
from tests.data.seed_workbook import SEED_FLAGGED_NUMBERS
from tests.ui.qt_helpers import double_click, find_row


def _view(qtbot, db) -> FlaggedView:  # type: ignore[no-untyped-def]
    view = FlaggedView()
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    view.refresh(db)
    return view


def _cells(view: FlaggedView, column: int) -> list[str]:
    return [view.proxy.index(r, column).data() for r in range(view.proxy.rowCount())]


def test_lists_the_fifteen_seed_schools_for_2019(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    assert view.years.year() == 2019
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["№ п/п", "Школа", "Логин ОО", "Территория", "Критерии", "Основания"]
    assert view.model.rowCount() == 15
    numbers = sorted(int(re.search(r"№ (\d+)", name).group(1)) for name in _cells(view, 1))
    assert numbers == sorted(SEED_FLAGGED_NUMBERS)
    assert _cells(view, 0) == [str(n) for n in range(1, 16)]
    assert (
        view.summary_label.text()
        == "Выявлено 15 из 15 ОО, по которым есть результаты за 2018–2019 годы (100\u00a0%)"
    )
    assert "30\u00a0%" in view.rule_label.text() and "2019" in view.rule_label.text()


def test_each_school_shows_its_criteria_and_reasons(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    row = find_row(view.proxy, 2, "sch426100")  # ООШ № 23: ВПР МА 6 45 %, ВПР РУ 6 58 % in 2019
    criteria = view.proxy.index(row, 4).data()
    reasons = view.proxy.index(row, 5).data().split("\n")
    assert criteria.startswith("2 процедуры с низкими результатами в 2019 г.")
    assert reasons == [
        "ВПР, математика, 6\u00a0класс (2019): 45\u00a0% ≥ 30\u00a0%",
        "ВПР, русский язык, 6\u00a0класс (2019): 58\u00a0% ≥ 30\u00a0%",
    ]
    assert view.proxy.index(row, 3).data() == "Новокузнецк"


def test_the_earlier_year_flags_fewer(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    view.show_year(2018)
    assert view.identification is not None and view.identification.year == 2018
    assert view.model.rowCount() == len(view.identification.flagged) < 15
    assert view.summary_label.text().startswith(
        f"Выявлено {view.model.rowCount()} из 15 ОО, по которым есть результаты за 2017–2018 годы"
    )


def test_double_click_asks_for_the_school_card(qtbot, seed_db) -> None:
    view = _view(qtbot, seed_db)
    row = find_row(view.proxy, 2, "sch426100")
    with qtbot.waitSignal(view.sig_school_activated) as signal:
        double_click(qtbot, view.table, view.proxy.index(row, 1))
    assert signal.args == ["sch426100"]


def test_empty_database(qtbot, empty_db) -> None:
    view = _view(qtbot, empty_db)
    assert view.model.rowCount() == 0
    assert view.summary_label.text() == "Результатов в базе нет."


def test_an_exported_list_names_the_profile_that_made_it(qtbot, seed_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from lowres_desktop.domain.profiles import default_profile
    from lowres_desktop.ui.table_export import attach_table_export

    view = _view(qtbot, seed_db)
    path = tmp_path / "list.xlsx"
    attach_table_export(view.table).export_to(path)
    sheet = load_workbook(path).active
    values = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert len([v for v in values[1:16] if v]) == 15
    note = " ".join(str(v) for v in values[16:] if v)
    assert f"Профиль «{default_profile().name}»" in note
    assert default_profile().fingerprint() in note
    assert "по которым есть результаты за 2018–2019 годы" in note
