"""The categories tab names a school without results in the years the rule looks at «нет результатов»
and counts such schools in its totals line, as `lowres categories` does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from lowres_desktop.domain.records import ProcedureKey, ProcedureKind, Result, School, SchoolKind
from lowres_desktop.services.import_workbook import import_workbook
from lowres_desktop.storage.unit_of_work import Database
from lowres_desktop.ui.app_context import Page
from lowres_desktop.ui.views.analysis_view import Tab


def test_a_school_without_results_is_shown_as_such(
    qtbot, open_window, tmp_path: Path, seed_xlsx: Path
) -> None:  # type: ignore[no-untyped-def]
    db = Database.open(str(tmp_path / "city.sqlite"))
    import_workbook(db, seed_xlsx)
    with db.unit_of_work() as uow:
        uow.schools.add(School("sch1001", "МБОУ «СОШ № 1001»", "СОШ № 1001", SchoolKind.SOSH))
        uow.session.flush()
        uow.results.save([Result("sch1001", ProcedureKey(ProcedureKind.VPR, "МА", 5), 2024, 50, 45.0, 5.0)])
        uow.commit()
    window = open_window(db)
    window.show_page(Page.ANALYSIS)
    view = window.analysis_view
    view.scope_bar.years.select_year(2019)
    view.tabs.setCurrentIndex(Tab.CATEGORIES)
    qtbot.waitUntil(lambda: "нет результатов: 1;" in view.categories_tab.counts.text(), timeout=10_000)
    view.categories_tab.choice.setCurrentIndex(view.categories_tab.choice.findData(None))
    model = view.categories_tab.model
    qtbot.waitUntil(lambda: model.rowCount() == 16, timeout=10_000)
    cells = {
        model.index(row, 1).data(Qt.ItemDataRole.DisplayRole): model.index(row, 3).data(
            Qt.ItemDataRole.DisplayRole
        )
        for row in range(model.rowCount())
    }
    assert cells["sch1001"] == "нет результатов"
    assert sum(1 for text in cells.values() if text == "ШНОР") == 15
